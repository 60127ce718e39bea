"""The scorer's one exception type.

A single ``ValueError`` subclass lets the CLI, the web layer and the build hooks catch every bad
input in one place and show its message to a person without a traceback.
"""

from __future__ import annotations

__all__ = ["ScorerError"]


class ScorerError(ValueError):
    """Bad input to the scorer; the message names the form, item, value and allowed range."""
