"""Streaming sample statistics: n, mean, SD and Cronbach's alpha in one pass, O(items) memory.

The CLI scores files of any size, so nothing here keeps the rows. Means and SDs use Welford's
update (stable in floats). Alpha needs the item variances and the variance of the scale score; it
keeps, per item, the sum and the sum of squares of the values. For integer answers (the only data
the scorer feeds it) every sum is an exact Python int and the variances are exact up to the final
division; other values are first shifted by the first row's values, which avoids the catastrophic
cancellation of the naive sum-of-squares formula in floats.

SDs are sample SDs (divisor n − 1). A statistic that needs more data than there is (SD or alpha
with n < 2, alpha of a scale whose score never varies or with a single item) is ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import add, itemgetter, mul, sub
from typing import Any

from .answers import PARTS
from .forms import SUBSCALES, Form

__all__ = ["Alpha", "Moments", "SampleStats"]

Number = int | float


class Moments:
    """Running n, mean and sample variance of one column (Welford's algorithm)."""

    __slots__ = ("_m2", "_mean", "n")

    def __init__(self) -> None:
        self.n = 0
        self._mean = 0.0
        self._m2 = 0.0

    def add(self, x: Number) -> None:
        self.n += 1
        delta = x - self._mean
        self._mean += delta / self.n
        self._m2 += delta * (x - self._mean)

    @property
    def mean(self) -> float | None:
        return self._mean if self.n else None

    @property
    def variance(self) -> float | None:
        return self._m2 / (self.n - 1) if self.n >= 2 else None

    @property
    def sd(self) -> float | None:
        variance = self.variance
        return None if variance is None else max(variance, 0.0) ** 0.5


def _variance(n: int, total: Number, squares: Number) -> float:
    """Sample variance from n, the sum and the sum of squares of (shifted) values; n >= 2."""
    if isinstance(total, int) and isinstance(squares, int):
        return (n * squares - total * total) / (n * (n - 1))  # exact numerator, one rounding
    return max((squares - total * total / n) / (n - 1), 0.0)


class Alpha:
    """Cronbach's alpha of ``k`` items over complete rows, accumulated one row at a time.

    alpha = k / (k − 1) × (1 − Σ item variances / variance of the row sums).
    """

    __slots__ = ("_shift", "_squares", "_sums", "_total_shift", "_total_squares", "_total_sum", "k", "n")

    def __init__(self, k: int) -> None:
        self.k = k
        self.n = 0
        self._shift: list[Number] | None = None
        self._sums: list[Number] = [0] * k
        self._squares: list[Number] = [0] * k
        self._total_shift: Number = 0
        self._total_sum: Number = 0
        self._total_squares: Number = 0

    def add(self, values: Sequence[Number]) -> None:
        """Add one complete row (``k`` values, none missing)."""
        if len(values) != self.k:
            raise ValueError(f"expected {self.k} values, got {len(values)}")
        if not self.n:
            # Integers need no shift (their sums are exact); anything else is shifted by row one.
            exact = all(type(v) is int for v in values)
            self._shift = None if exact else list(values)
            self._total_shift = 0 if exact else sum(values)
        self.n += 1
        # (If integers are followed by floats, the sums simply become floats, unshifted.)
        d = values if self._shift is None else list(map(sub, values, self._shift))
        self._sums = list(map(add, self._sums, d))
        self._squares = list(map(add, self._squares, map(mul, d, d)))
        t = sum(values) - self._total_shift
        self._total_sum += t
        self._total_squares += t * t

    def item_variances(self) -> list[float] | None:
        if self.n < 2:
            return None
        return [_variance(self.n, s, q) for s, q in zip(self._sums, self._squares, strict=True)]

    def total_variance(self) -> float | None:
        if self.n < 2:
            return None
        return _variance(self.n, self._total_sum, self._total_squares)

    @property
    def alpha(self) -> float | None:
        item_variances = self.item_variances()
        total_variance = self.total_variance()
        if self.k < 2 or item_variances is None or not total_variance:
            return None
        return self.k / (self.k - 1) * (1 - sum(item_variances) / total_variance)


class SampleStats:
    """Per subscale and for the total: n, mean and SD of the sum and of the item mean, and alpha.

    Means and SDs use every row where that scale is scorable (pro-rated ones included). Alpha
    uses the rows where every item of that scale was answered (listwise), counted in ``alpha_n``.
    """

    def __init__(self, form: Form) -> None:
        self.form = form
        self.rows = 0
        self._sums = {name: Moments() for name in PARTS}
        self._means = {name: Moments() for name in PARTS}
        members = {name: form.subscales[name] for name in SUBSCALES}
        members["total"] = tuple(range(1, form.n_items + 1))
        self._alpha = {name: Alpha(len(items)) for name, items in members.items()}
        self._pick = {name: itemgetter(*(i - 1 for i in items)) for name, items in members.items()}

    def add(self, scores: dict[str, tuple[Number | None, float | None]], keyed: Sequence[int | None]) -> None:
        """One row: ``scores`` maps goal/task/bond/total to (sum, mean); ``keyed`` the keyed items."""
        self.rows += 1
        for name in PARTS:
            total, mean = scores[name]
            if total is not None and mean is not None:
                self._sums[name].add(total)
                self._means[name].add(mean)
            values = self._pick[name](keyed)
            if isinstance(values, tuple):
                if None not in values:
                    self._alpha[name].add(values)
            elif values is not None:  # a one-item scale: itemgetter returns the bare value
                self._alpha[name].add((values,))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"form": self.form.id, "rows": self.rows}
        for name in PARTS:
            sums, means, alpha = self._sums[name], self._means[name], self._alpha[name]
            out[name] = {
                "n": means.n,
                "mean": means.mean,
                "sd": means.sd,
                "sum_mean": sums.mean,
                "sum_sd": sums.sd,
                "alpha": alpha.alpha,
                "alpha_n": alpha.n,
                "items": alpha.k,
            }
        return out
