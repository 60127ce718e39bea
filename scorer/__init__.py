"""Working Alliance Inventory (WAI family) scorer: pure Python, runs in CPython and Pyodide.

The public API is listed in ``__all__`` (see ARCHITECTURE.md). Modules added later append their
names to it.
"""

from __future__ import annotations

from . import cases, render
from .check import CheckResult, check
from .compare import Comparison, compare
from .errors import ScorerError
from .forms import Form, Item, Scale, forms, get_form
from .scoring import Result, score

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
