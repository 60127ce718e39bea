"""How numbers are written: the one home for every number format the scorer shows or exports.

Sums are whole numbers unless pro-rated, so a whole value is written without decimals; means always
carry their decimals. ``none`` is what a value that cannot be scored (``None``) becomes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["NOT_SCORABLE", "and_list", "coordinate", "exact", "item_list", "json_sum", "key_value",
           "mean", "number", "rounded", "signed"]

NOT_SCORABLE = "not scorable"

Number = int | float


def number(x: Number | None, *, digits: int = 2, none: str = NOT_SCORABLE) -> str:
    """A sum: whole numbers as integers, others to ``digits`` decimals."""
    if x is None:
        return none
    if isinstance(x, int) or float(x).is_integer():
        return str(int(x))
    return f"{x:.{digits}f}"


def mean(x: float | None, *, digits: int = 2, none: str = NOT_SCORABLE) -> str:
    """A mean (or any measured value): always ``digits`` decimals."""
    return none if x is None else f"{x:.{digits}f}"


def signed(x: float) -> str:
    """A difference: its sign always shown, two decimals (``+0.58``, ``-1.25``)."""
    return f"{x:+.2f}"


def exact(x: Number) -> str:
    """A value as given: an integer as written, a float to two decimals (``48.0`` stays ``48.00``)."""
    return str(x) if isinstance(x, int) else mean(x)


def key_value(x: Number | None, key: str) -> str:
    """One of the eight answer values: a ``*_mean`` as a mean, a ``*_sum`` as a sum."""
    return mean(x) if x is not None and key.endswith("_mean") else number(x)


def json_sum(x: Number | None) -> Number | None:
    """A sum for JSON: an integer when whole, else rounded to four decimals."""
    if x is None or isinstance(x, int):
        return x
    return int(x) if x.is_integer() else round(x, 4)


def rounded(x: float | None) -> str | float:
    """A value for a CSV cell written by ``csv``: four decimals, empty when missing."""
    return "" if x is None else round(x, 4)


def coordinate(x: float) -> str:
    """An SVG coordinate with at most one decimal and no trailing zeros (stable, compact output)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def and_list(words: Iterable[str]) -> str:
    """``4, 6, 8 and 11``: how a list is written in a sentence."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def item_list(items: Iterable[Any]) -> str:
    """``1, 2 and 3``: item numbers in a sentence, in the order given."""
    return and_list(str(i) for i in items)
