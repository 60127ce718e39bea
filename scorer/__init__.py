"""Working Alliance Inventory (WAI family) scorer: pure Python, runs in CPython and Pyodide.

The package is layered (see ARCHITECTURE.md; enforced by import-linter in ``make lint``):
``core`` (forms, scoring, check, cases, ...) ← ``text`` (English reports) ← ``html`` (all markup)
← ``web`` (the worker's JSON API); ``cli`` uses ``core`` and ``text``. The public API is listed in
``__all__``; ``scorer.cases`` and ``scorer.render`` are the modules ``scorer.core.cases`` and
``scorer.html.render``.

Each public name is imported the first time it is asked for (PEP 562 ``__getattr__``), so the browser
worker's ``import scorer.web`` does not pay for case generation, the self-check or the markup.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .core.errors import ScorerError

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from .core import cases
    from .core.check import CheckResult, check
    from .core.compare import Comparison, compare
    from .core.forms import Form, Item, Scale, forms, get_form
    from .core.scoring import Result, score
    from .html import render

__all__ = [
    "CheckResult",
    "Comparison",
    "Form",
    "Item",
    "Result",
    "Scale",
    "ScorerError",
    "cases",
    "check",
    "compare",
    "forms",
    "get_form",
    "render",
    "score",
]

#: Public name -> (module, attribute of that module, or "" for the module itself).
_LAZY: dict[str, tuple[str, str]] = {
    "cases": (".core.cases", ""),
    "CheckResult": (".core.check", "CheckResult"),
    "check": (".core.check", "check"),
    "Comparison": (".core.compare", "Comparison"),
    "compare": (".core.compare", "compare"),
    "Form": (".core.forms", "Form"),
    "Item": (".core.forms", "Item"),
    "Scale": (".core.forms", "Scale"),
    "forms": (".core.forms", "forms"),
    "get_form": (".core.forms", "get_form"),
    "Result": (".core.scoring", "Result"),
    "score": (".core.scoring", "score"),
    "render": (".html.render", ""),
}


def __getattr__(name: str) -> Any:
    """A public name, imported on first use and then kept as an ordinary attribute."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name, __name__)
    value = getattr(module, attribute) if attribute else module
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
