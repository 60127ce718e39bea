"""The one subscale rule: how keyed answers become a subscale's (and the total's) sum and mean.

Missing answers: no published pro-rating rule exists for any WAI form, so this is our convention.
A subscale is scored when at most ``max_missing`` (default 0.25) of its items are unanswered: 3 of
12 or 1 of 4. Its mean is the mean of the answered keyed items, and its sum is pro-rated to the full
item count (mean × items). Rationale: the item mean is what published results are usually compared
on, one skipped item in four or a quarter of a 12-item subscale still leaves most of the evidence,
and beyond that a pro-rated sum would rest mostly on a guess. Past the threshold the subscale's sum
and mean are ``None``; the total needs all three subscales.

``scoring.score``, ``check`` (for the procedures it tries) and the batch scorer's general path all
call :func:`subscale_score` and :func:`total_score`; the batch fast path is tested equal to them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["DEFAULT_MAX_MISSING", "Number", "SubscaleScore", "allowed_missing", "subscale_score",
           "total_score"]

DEFAULT_MAX_MISSING = 0.25

Number = int | float


@dataclass(frozen=True)
class SubscaleScore:
    """Sum and item mean of one subscale (or the total); ``None`` when not scorable."""

    sum: Number | None
    mean: float | None
    answered: int
    items: int
    prorated: bool

    @property
    def scorable(self) -> bool:
        return self.sum is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "sum": self.sum,
            "mean": self.mean,
            "answered": self.answered,
            "items": self.items,
            "prorated": self.prorated,
        }


def allowed_missing(n_items: int, max_missing: float) -> int:
    """How many of ``n_items`` may be missing (3 of 12 and 1 of 4 at the default 0.25)."""
    return math.floor(max_missing * n_items + 1e-9)


def subscale_score(keyed: Sequence[int | None], max_missing: float = DEFAULT_MAX_MISSING) -> SubscaleScore:
    """Score one subscale from its members' keyed answers (``None`` = missing)."""
    n = len(keyed)
    answered = [v for v in keyed if v is not None]
    if not answered or n - len(answered) > allowed_missing(n, max_missing):
        return SubscaleScore(None, None, len(answered), n, False)
    total = sum(answered)
    if len(answered) == n:
        return SubscaleScore(total, total / n, n, n, False)
    return SubscaleScore(total * n / len(answered), total / len(answered), len(answered), n, True)


def total_score(parts: Sequence[SubscaleScore], n_items: int, n_answered: int) -> SubscaleScore:
    """The total: the sum of the subscale sums, scorable only when every subscale is."""
    sums = [p.sum for p in parts]
    if any(s is None for s in sums):
        return SubscaleScore(None, None, n_answered, n_items, False)
    total_sum = sum(s for s in sums if s is not None)
    return SubscaleScore(total_sum, total_sum / n_items, n_answered, n_items, any(p.prorated for p in parts))
