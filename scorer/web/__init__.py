"""The browser worker's API: JSON in, JSON out (``docs/js/worker.js`` imports ``scorer.web``).

The worker calls :func:`dispatch` with a function name and a JSON object of keyword arguments and
gets a JSON string back: ``{"ok": true, "value": ...}`` or ``{"ok": false, "error": "..."}``, where
the error is the ``ScorerError`` message meant for a person. :data:`TABLE` names every function the
page may call and the module of this package that holds it; a module is imported the first time one
of its functions is called, so scoring never waits for the educator and self-assessment modules.
"""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Callable, Iterable
from typing import Any

from ..core.errors import ScorerError

__all__ = ["TABLE", "dispatch", "function", "functions"]

#: Per module of ``scorer.web``: the worker functions it holds.
MODULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("widgets", ("score", "parse_row", "new_case", "check_case", "solution", "compare")),
    ("export", ("export_csv", "export_json", "validate_saved")),
    ("exercises", ("check_exercise", "exercise_solution", "assign_roster")),
    ("selfassessment", ("sa_evaluate", "sa_record", "sa_history", "sa_delete", "sa_import", "sa_export_json",
                        "sa_export_csv", "sa_validate_draft")),
    ("grade", ("grade_class", "handin")),
)


def _table(modules: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Function name -> module name; a name listed twice is refused (the page could not tell them apart)."""
    table: dict[str, str] = {}
    for module, names in modules:
        for name in names:
            if name in table:
                raise ValueError(f"worker function {name!r} is listed for both {table[name]} and {module}")
            table[name] = module
    return table


#: Every function the worker may call -> the module of ``scorer.web`` that defines it.
TABLE: dict[str, str] = _table(MODULES)


def function(name: str) -> Callable[..., Any]:
    """The worker function called ``name`` (its module is imported on first use)."""
    if name not in TABLE:
        raise ScorerError(f"unknown function {name!r}; known: {', '.join(TABLE)}")
    module = importlib.import_module(f"{__name__}.{TABLE[name]}")
    found: Callable[..., Any] = getattr(module, name)
    return found


def functions() -> dict[str, Callable[..., Any]]:
    """Every worker function by name (imports every module of the API)."""
    return {name: function(name) for name in TABLE}


def dispatch(fn: str, args_json: str) -> str:
    """Run ``fn(**args)`` and answer in JSON; a bad input comes back as its message."""
    try:
        target = function(fn)
        try:
            args = json.loads(args_json) if args_json else {}
        except (ValueError, RecursionError):  # malformed, a 5000-digit number, or nested too deeply
            raise ScorerError(f"{fn}: the arguments are not valid JSON") from None
        if not isinstance(args, dict):
            raise ScorerError("arguments must be a JSON object")
        try:
            inspect.signature(target).bind(**args)
        except TypeError as exc:  # a wrong call from the page, not a bug in the scorer
            raise ScorerError(f"{fn}: {exc}") from None
        value = target(**args)
        return json.dumps({"ok": True, "value": value})
    except ScorerError as exc:
        return json.dumps({"ok": False, "error": str(exc)})
    except Exception as exc:  # a bug: say so plainly, and the page keeps the answers
        return json.dumps(
            {"ok": False, "error": f"Unexpected error in the scorer ({type(exc).__name__}: {exc}). "
             "Your answers are kept; please report this."}
        )


def __getattr__(name: str) -> Callable[..., Any]:
    """``scorer.web.score`` and the rest: each worker function as an attribute (imported on first use)."""
    if name in TABLE:
        return function(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
