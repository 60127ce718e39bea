"""The scorer's one exception type.

A single ``ValueError`` subclass lets the CLI, the web layer and the build hooks catch every bad
input in one place and show its message to a person without a traceback.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ScorerError", "shown"]

_MAX_SHOWN = 200


class ScorerError(ValueError):
    """Bad input to the scorer; the message names the form, item, value and allowed range."""


def shown(value: Any) -> str:
    """``repr(value)`` for an error message, safe for any input.

    ``repr`` itself fails on a whole number past Python's 4300-digit limit (also inside a list) and
    on very deep nesting; a message must never raise, and a huge value is cut to one short line.
    """
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        if isinstance(value, int):
            return f"a whole number with about {int(value.bit_length() * 0.30103) + 1} digits"
        return f"a {type(value).__name__} too large to show"
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."
