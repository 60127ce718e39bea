"""Streaming statistics against a plain two-pass computation."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorer
from scorer.core.stats import Alpha, Moments, SampleStats
from scorer.text.stats import format_stats


def two_pass_alpha(rows: list[list[float]]) -> float | None:
    """Textbook alpha: column variances and the variance of row sums, each in two passes."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    item_vars = [statistics.variance([r[j] for r in rows]) for j in range(k)]
    total_var = statistics.variance([sum(r) for r in rows])
    if total_var == 0:
        return None
    return k / (k - 1) * (1 - sum(item_vars) / total_var)


floats = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(st.lists(floats, max_size=60))
def test_moments_match_two_pass(xs: list[float]) -> None:
    m = Moments()
    for x in xs:
        m.add(x)
    assert m.n == len(xs)
    if not xs:
        assert m.mean is None and m.sd is None
        return
    assert m.mean == pytest.approx(statistics.fmean(xs), rel=1e-9, abs=1e-6)
    if len(xs) < 2:
        assert m.sd is None and m.variance is None
    else:
        assert m.sd == pytest.approx(statistics.stdev(xs), rel=1e-7, abs=1e-6)


def test_moments_known_values() -> None:
    m = Moments()
    for x in (2, 4, 4, 4, 5, 5, 7, 9):
        m.add(x)
    assert m.mean == 5
    assert m.variance == pytest.approx(32 / 7)


def test_moments_large_offset_is_stable() -> None:
    m = Moments()
    for x in (1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16):
        m.add(x)
    assert m.variance == pytest.approx(30.0)


@st.composite
def int_rows(draw: st.DrawFn) -> list[list[int]]:
    k = draw(st.integers(1, 8))
    return draw(st.lists(st.lists(st.integers(1, 7), min_size=k, max_size=k), max_size=40))


@given(int_rows())
def test_alpha_matches_two_pass_on_integer_answers(rows: list[list[int]]) -> None:
    if not rows:
        return
    a = Alpha(len(rows[0]))
    for r in rows:
        a.add(r)
    expected = two_pass_alpha(rows)
    if expected is None:
        assert a.alpha is None
    else:
        assert a.alpha == pytest.approx(expected, rel=1e-12, abs=1e-12)
    if len(rows) >= 2:
        for j, v in enumerate(a.item_variances() or []):
            assert v == pytest.approx(statistics.variance([r[j] for r in rows]), abs=1e-12)


@settings(max_examples=50)
@given(st.lists(st.lists(floats, min_size=3, max_size=3), min_size=2, max_size=30))
def test_alpha_matches_two_pass_on_floats(rows: list[list[float]]) -> None:
    a = Alpha(3)
    for r in rows:
        a.add(r)
    total_var = statistics.variance([sum(r) for r in rows])
    if total_var < 1e-3 * max(1.0, max(abs(x) for r in rows for x in r)):
        return  # near-degenerate: the ratio is ill-conditioned for any method
    expected = two_pass_alpha(rows)
    assert expected is not None and a.alpha is not None
    assert a.alpha == pytest.approx(expected, rel=1e-6, abs=1e-6)


def test_alpha_edge_cases() -> None:
    a = Alpha(3)
    assert a.alpha is None and a.item_variances() is None and a.total_variance() is None
    a.add([1, 2, 3])
    assert a.alpha is None  # n < 2
    a.add([1, 2, 3])
    assert a.alpha is None  # no variance at all
    one = Alpha(1)
    one.add([1])
    one.add([5])
    assert one.alpha is None  # a single item has no alpha
    with pytest.raises(ValueError):
        a.add([1, 2])


def test_alpha_known_value() -> None:
    # Perfectly parallel items: alpha is 1.
    a = Alpha(4)
    for v in (1, 3, 5, 7):
        a.add([v] * 4)
    assert a.alpha == pytest.approx(1.0)


def test_sample_stats_against_score_and_two_pass() -> None:
    form = scorer.get_form("wai-s")
    results = [scorer.cases.generate("wai-s", seed, profile).result
               for seed in range(8) for profile in scorer.cases.PROFILES]
    stats = SampleStats(form)
    for r in results:
        scores = {name: (r.subscales[name].sum, r.subscales[name].mean) for name in ("goal", "task", "bond")}
        scores["total"] = (r.total.sum, r.total.mean)
        stats.add(scores, r.keyed)
    data = stats.to_dict()
    assert data["rows"] == len(results)
    for name in ("goal", "task", "bond", "total"):
        parts = [r.total if name == "total" else r.subscales[name] for r in results]
        means = [p.mean for p in parts]
        sums = [p.sum for p in parts]
        assert data[name]["n"] == len(results)
        assert data[name]["mean"] == pytest.approx(statistics.fmean(means))
        assert data[name]["sd"] == pytest.approx(statistics.stdev(means))
        assert data[name]["sum_mean"] == pytest.approx(statistics.fmean(sums))
        assert data[name]["sum_sd"] == pytest.approx(statistics.stdev(sums))
        items = range(1, 13) if name == "total" else form.subscales[name]
        rows = [[r.keyed[i - 1] for i in items] for r in results]
        assert data[name]["alpha"] == pytest.approx(two_pass_alpha(rows))
        assert data[name]["alpha_n"] == len(results)
    assert "alpha" in format_stats(stats)


def test_sample_stats_missing_answers_and_tiny_samples() -> None:
    form = scorer.get_form("wai-s")
    stats = SampleStats(form)
    assert stats.to_dict()["goal"] == {"n": 0, "mean": None, "sd": None, "sum_mean": None, "sum_sd": None,
                                        "alpha": None, "alpha_n": 0, "items": 4}
    responses = [4] * 12
    goal_item = form.subscales["goal"][0]
    responses[goal_item - 1] = None  # type: ignore[call-overload]
    r = scorer.score("wai-s", responses)
    scores = {name: (r.subscales[name].sum, r.subscales[name].mean) for name in ("goal", "task", "bond")}
    scores["total"] = (r.total.sum, r.total.mean)
    stats.add(scores, r.keyed)
    d = stats.to_dict()
    assert d["goal"]["n"] == 1 and d["goal"]["alpha_n"] == 0  # scorable (pro-rated) but not complete
    assert d["task"]["alpha_n"] == 1 and d["total"]["alpha_n"] == 0
    assert d["goal"]["sd"] is None and d["goal"]["alpha"] is None
    assert math.isclose(d["goal"]["mean"], 4.0)
