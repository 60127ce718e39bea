"""A self-check verdict on one value, and the rules for when a value counts as right.

Shared by :mod:`scorer.core.check` and the wrong procedures it tries (:mod:`scorer.core.procedures`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from .scoring import Result

__all__ = ["MISTAKE_CODES", "TOLERANCE", "Mistake", "Values", "Verdict", "expected_value", "label",
           "matches", "right_value", "value_name"]


MISTAKE_CODES: tuple[str, ...] = (
    "reverse_forgotten",
    "reverse_formula",
    "other_form_key",
    "wrong_subscale",
    "sum_mean_confused",
    "arithmetic_slip",
    "not_scorable",
    "unknown",
)


TOLERANCE = 0.005 + 1e-9  # two decimals, plus float noise


_FLOAT_MAX = sys.float_info.max


Values = dict[str, float | int | None]


@dataclass(frozen=True)
class Mistake:
    code: str
    message: str
    items: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "items": list(self.items)}


@dataclass(frozen=True)
class Verdict:
    given: float | int | None
    expected: float | int | None
    correct: bool
    mistake: Mistake | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "given": self.given,
            "expected": self.expected,
            "correct": self.correct,
            "mistake": self.mistake.to_dict() if self.mistake else None,
        }


def value_name(key: str) -> str:
    """``goal_sum`` -> ``Goal sum``, ``total_mean`` -> ``the total mean`` (for sentences)."""
    part, kind = key.split("_")
    return f"{'the total' if part == 'total' else part.capitalize()} {kind}"


def label(part: str) -> str:
    """``goal`` -> ``Goal``, ``total`` -> ``the total`` (for sentences)."""
    return "the total" if part == "total" else part.capitalize()


def matches(kind: str, given: float, value: float | int | None) -> bool:
    """Sums that are whole numbers must match exactly; anything else to two decimals.

    The distance is taken to the exact value, not to a rounded one, so that both ways of rounding
    a tie (4.125 -> 4.12 or 4.13) are accepted.
    """
    if value is None:
        return False
    if kind == "sum" and isinstance(value, int):
        return given == value
    return abs(given - value) <= TOLERANCE


def expected_value(kind: str, value: float | int | None) -> float | int | None:
    """The value shown as right: means and pro-rated sums rounded to two decimals."""
    if value is None or (kind == "sum" and isinstance(value, int)):
        return value
    return round(value, 2)


def right_value(result: Result, key: str) -> float | int | None:
    """The scorer's own value for an answer key."""
    part, kind = key.split("_")
    score_part = result.total if part == "total" else result.subscales[part]
    return getattr(score_part, kind)
