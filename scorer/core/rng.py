"""A tiny deterministic PRNG (SplitMix64) for reproducible teaching cases.

The ``random`` module's algorithms are an implementation detail of CPython, so a seed is not
guaranteed to give the same case in Pyodide or a later Python. SplitMix64 uses only 64-bit integer
arithmetic, and every draw here stays in integers (no floats, no libm), so the same seed gives the
same numbers on every runtime.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

__all__ = ["MASK64", "SplitMix64", "stable_hash"]

MASK64 = (1 << 64) - 1
T = TypeVar("T")


def stable_hash(text: str) -> int:
    """64-bit FNV-1a of the UTF-8 text (Python's ``hash`` of a str is salted per process)."""
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & MASK64
    return h


class SplitMix64:
    """SplitMix64 (Steele, Lea & Flood 2014): 64-bit state, passes BigCrush, trivially portable."""

    def __init__(self, seed: int) -> None:
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise ValueError(f"seed must be a whole number >= 0, not {seed!r}")
        self.state = seed & MASK64

    def next(self) -> int:
        """The next 64-bit unsigned integer."""
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """A uniform integer in ``0..n-1`` (rejection sampling, so no modulo bias)."""
        if n <= 0:
            raise ValueError(f"n must be positive, not {n}")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = self.next()
            if x < limit:
                return x % n

    def between(self, lo: int, hi: int) -> int:
        """A uniform integer in ``lo..hi`` inclusive."""
        return lo + self.below(hi - lo + 1)

    def choice(self, items: Sequence[T]) -> T:
        return items[self.below(len(items))]

    def weighted(self, weights: Sequence[int]) -> int:
        """An index drawn with probability proportional to the integer ``weights``."""
        x = self.below(sum(weights))
        for index, weight in enumerate(weights):
            if x < weight:
                return index
            x -= weight
        raise AssertionError("unreachable")  # pragma: no cover
