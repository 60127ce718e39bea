"""The PRNG behind reproducible cases. Runs in Pyodide too, so pytest only (no hypothesis)."""

from __future__ import annotations

import pytest

from scorer.core.rng import MASK64, SplitMix64, stable_hash


def test_splitmix64_reference_vector() -> None:
    # Published SplitMix64 output for seed 1234567 (Vigna's reference C implementation).
    rng = SplitMix64(1234567)
    assert [rng.next() for _ in range(5)] == [
        6457827717110365317,
        3203168211198807973,
        9817491932198370423,
        4593380528125082431,
        16408922859458223821,
    ]


def test_outputs_are_64_bit_and_seed_is_masked() -> None:
    rng = SplitMix64(MASK64)
    assert all(0 <= rng.next() <= MASK64 for _ in range(100))
    assert SplitMix64(0).next() == SplitMix64(1 << 64).next()


def test_below_is_in_range_and_covers_it() -> None:
    rng = SplitMix64(7)
    draws = [rng.below(6) for _ in range(600)]
    assert set(draws) == set(range(6))
    assert all(70 <= draws.count(v) <= 130 for v in range(6))
    assert {rng.between(3, 5) for _ in range(100)} == {3, 4, 5}


def test_weighted_follows_weights() -> None:
    rng = SplitMix64(11)
    draws = [rng.weighted((1, 0, 3)) for _ in range(4000)]
    assert draws.count(1) == 0
    assert 2700 <= draws.count(2) <= 3300


def test_choice_and_determinism() -> None:
    a, b = SplitMix64(99), SplitMix64(99)
    items = ("a", "b", "c")
    assert [a.choice(items) for _ in range(20)] == [b.choice(items) for _ in range(20)]


def test_stable_hash_is_fnv1a() -> None:
    assert stable_hash("") == 0xCBF29CE484222325
    assert stable_hash("a") == 0xAF63DC4C8601EC8C  # FNV-1a 64 test vector
    assert stable_hash("wai/strong") != stable_hash("wai/random")


@pytest.mark.parametrize("seed", [-1, 1.5, True, "1"])
def test_bad_seed(seed: object) -> None:
    with pytest.raises(ValueError, match="seed"):
        SplitMix64(seed)  # type: ignore[arg-type]


def test_below_rejects_non_positive() -> None:
    with pytest.raises(ValueError):
        SplitMix64(1).below(0)
