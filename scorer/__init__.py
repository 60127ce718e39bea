"""Working Alliance Inventory (WAI family) scorer: pure Python, runs in CPython and Pyodide.

The package is layered (see ARCHITECTURE.md; enforced by import-linter in ``make lint``):
``core`` (forms, scoring, check, cases, ...) ← ``text`` (English reports) ← ``html`` (all markup)
← ``web`` (the worker's JSON API); ``cli`` uses ``core`` and ``text``. The public API is listed in
``__all__``; ``scorer.cases`` and ``scorer.render`` are the modules ``scorer.core.cases`` and
``scorer.html.render``.
"""

from __future__ import annotations

from .core import cases
from .core.check import CheckResult, check
from .core.compare import Comparison, compare
from .core.errors import ScorerError
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
