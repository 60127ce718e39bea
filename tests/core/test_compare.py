"""compare(): patient–therapist discrepancy on the item-mean metric."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scorer
from scorer.core.compare import rescale

SUBS = ("goal", "task", "bond")


def answers(n: int, lo: int, hi: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(lo, hi), min_size=n, max_size=n)


@given(answers(36, 1, 7), answers(36, 1, 7), st.sampled_from([0.5, 1.0, 1.5]))
def test_same_scale_difference_and_flag(p_raw: list[int], t_raw: list[int], threshold: float) -> None:
    p, t = scorer.score("wai", p_raw), scorer.score("wai-t", t_raw)
    c = scorer.compare(p, t, threshold=threshold)
    assert not c.rescaled
    for name in SUBS:
        part = c.parts[name]
        assert part.patient_mean == p.subscales[name].mean
        assert part.therapist_mean == t.subscales[name].mean
        assert math.isclose(part.difference, p.subscales[name].mean - t.subscales[name].mean)
        assert part.flagged == (abs(part.difference) >= threshold - 1e-9)
    assert math.isclose(c.parts["total"].difference, p.total.mean - t.total.mean)
    d = c.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["flagged"] == [n for n in (*SUBS, "total") if c.parts[n].flagged]


@given(answers(12, 1, 5), answers(36, 1, 7))
def test_wai_sr_is_rescaled_to_the_1_to_7_metric(p_raw: list[int], t_raw: list[int]) -> None:
    p, t = scorer.score("wai-sr", p_raw), scorer.score("wai-t", t_raw)
    c = scorer.compare(p, t)
    assert c.rescaled and c.to_dict()["rescaled"] is True and "1–7" in c.to_dict()["metric"]
    for name in SUBS:
        pm = c.parts[name].patient_mean
        assert 1 <= pm <= 7
        assert math.isclose(pm, 1 + (p.subscales[name].mean - 1) * 6 / 4)
        assert c.parts[name].therapist_mean == t.subscales[name].mean


def test_rescale_endpoints() -> None:
    assert rescale(1, 1, 5) == 1 and rescale(5, 1, 5) == 7 and rescale(3, 1, 5) == 4
    assert rescale(4, 1, 7) == 4


def test_threshold_boundary_is_inclusive() -> None:
    p = scorer.score("wai-s", [5, 5, 5, 3, 5, 5, 5, 5, 5, 3, 5, 5])  # every keyed score 5
    t = scorer.score("wai-t", [4] * 36)  # every keyed score 4
    c = scorer.compare(p, t)
    assert all(c.parts[n].difference == 1.0 and c.parts[n].flagged for n in (*SUBS, "total"))
    assert not scorer.compare(p, t, threshold=1.01).flagged
    assert "patient rates it 1.00 higher" in c.summary


def test_no_flag_summary() -> None:
    c = scorer.compare(scorer.score("wai", [4] * 36), scorer.score("wai-t", [4] * 36))
    assert c.flagged == () and "No subscale" in c.summary
    assert all(c.parts[n].difference == 0 for n in (*SUBS, "total"))


def test_therapist_higher_is_negative() -> None:
    p = scorer.score("wai", [4] * 36)
    t = scorer.score("wai-t", [7 if i not in scorer.get_form("wai-t").reverse else 1 for i in range(1, 37)])
    c = scorer.compare(p, t)
    assert c.parts["bond"].difference == -3.0 and "therapist rates it 3.00 higher" in c.summary


def test_unscorable_part_is_not_flagged() -> None:
    raw: list[int | None] = [1] * 36
    for i in scorer.get_form("wai").subscales["goal"][:4]:
        raw[i - 1] = None
    c = scorer.compare(scorer.score("wai", raw), scorer.score("wai-t", [7] * 36))
    assert c.parts["goal"].difference is None and not c.parts["goal"].flagged
    assert c.parts["total"].patient_mean is None and c.parts["total"].therapist_mean is not None
    assert c.to_dict()["subscales"]["goal"]["difference"] is None


def test_roles_and_threshold_are_checked() -> None:
    p, t = scorer.score("wai", [4] * 36), scorer.score("wai-t", [4] * 36)
    with pytest.raises(scorer.ScorerError, match="therapist form is needed"):
        scorer.compare(p, p)
    with pytest.raises(scorer.ScorerError, match="patient form is needed"):
        scorer.compare(t, t)
    with pytest.raises(scorer.ScorerError, match="scored Result"):
        scorer.compare({"form": "wai"}, t)  # type: ignore[arg-type]
    for bad in (0, -1, True, "1"):
        with pytest.raises(scorer.ScorerError, match="threshold"):
            scorer.compare(p, t, threshold=bad)  # type: ignore[arg-type]
