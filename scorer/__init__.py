"""Working Alliance Inventory (WAI family) scorer: pure Python, runs in CPython and Pyodide.

The public API is listed in ``__all__`` (see ARCHITECTURE.md). Modules added later append their
names to it.
"""

from __future__ import annotations

from . import cases
from .errors import ScorerError
from .forms import Form, Item, Scale, forms, get_form
from .scoring import Result, score

__all__ = [
    "Form",
    "Item",
    "Result",
    "Scale",
    "ScorerError",
    "cases",
    "forms",
    "get_form",
    "score",
]
