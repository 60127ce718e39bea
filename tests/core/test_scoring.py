"""score(): the key's arithmetic, the missing-answer rule, input checking and the teaching steps."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scorer
from scorer.core.forms import FORM_IDS, SUBSCALES

KEYS = json.loads((Path(__file__).parents[1] / "data" / "wai-keys.json").read_text(encoding="utf-8"))
REFERENCE = {"wai": "wai_c36", "wai-t": "wai_t36", "wai-s": "wai_s_c", "wai-sr": "wai_sr_c"}


def reference_sums(form_id: str, raw: list[int]) -> dict[str, int]:
    """Sums computed straight from the reference sheet, independently of the package's data."""
    ref = KEYS[REFERENCE[form_id]]
    lo, hi = ref["scale"]["min"], ref["scale"]["max"]
    keyed = {i: (lo + hi - v if i in ref["reverse"] else v) for i, v in enumerate(raw, start=1)}
    sums = {name: sum(keyed[i] for i in ref["subscales"][name]) for name in SUBSCALES}
    sums["total"] = sum(keyed.values())
    return sums


def complete(form_id: str) -> st.SearchStrategy[list[int]]:
    form = scorer.get_form(form_id)
    value = st.integers(form.scale.min, form.scale.max)
    return st.lists(value, min_size=form.n_items, max_size=form.n_items)


@st.composite
def form_and_answers(draw: st.DrawFn, allow_missing: bool = False) -> tuple[str, list[int | None]]:
    form_id = draw(st.sampled_from(FORM_IDS))
    form = scorer.get_form(form_id)
    value = st.integers(form.scale.min, form.scale.max)
    if allow_missing:
        value = st.one_of(value, st.none())
    return form_id, draw(st.lists(value, min_size=form.n_items, max_size=form.n_items))


# --- values stated by the reference sheet ----------------------------------------------------------


@pytest.mark.parametrize("form_id", ["wai", "wai-t"])
def test_sheet_boundary_values_36_items(form_id: str) -> None:
    high = scorer.score(form_id, [7] * 36)
    assert {n: high.subscales[n].sum for n in SUBSCALES} == {"task": 54, "bond": 66, "goal": 48}
    assert high.total.sum == 168
    low = scorer.score(form_id, [1] * 36)
    assert {n: low.subscales[n].sum for n in SUBSCALES} == {"task": 42, "bond": 30, "goal": 48}
    assert low.total.sum == 120


def test_sheet_constructed_wai_sr_example() -> None:
    r = scorer.score("wai-sr", [4, 3, 5, 2, 5, 3, 4, 2, 5, 3, 3, 4])
    assert (r.subscales["task"].sum, r.subscales["task"].mean) == (14, 3.5)
    assert (r.subscales["bond"].sum, r.subscales["bond"].mean) == (19, 4.75)
    assert (r.subscales["goal"].sum, r.subscales["goal"].mean) == (10, 2.5)
    assert r.total.sum == 43 and round(r.total.mean, 3) == 3.583
    assert r.reversed == ()


def test_sheet_constructed_wai_s_example() -> None:
    r = scorer.score("wai-s", [6, 5, 7, 2, 6, 5, 6, 5, 7, 3, 5, 6])
    assert {n: r.subscales[n].sum for n in SUBSCALES} == {"task": 22, "bond": 26, "goal": 21}
    assert r.total.sum == 69
    assert r.reversed == ((4, 2, 6), (10, 3, 5))
    # The same answers under the WAI-SR key without reversal give Task 20, Bond 26, Goal 17 (sheet §9.2).
    wsr = scorer.get_form("wai-sr")
    raw = r.responses
    assert [sum(raw[i - 1] for i in wsr.subscales[n]) for n in ("task", "bond", "goal")] == [20, 26, 17]


# --- properties -------------------------------------------------------------------------------------


@given(form_id=st.sampled_from(FORM_IDS), at_max=st.booleans())
def test_all_max_or_min_gives_what_the_key_implies(form_id: str, at_max: bool) -> None:
    ref = KEYS[REFERENCE[form_id]]
    lo, hi = ref["scale"]["min"], ref["scale"]["max"]
    answer, opposite = (hi, lo) if at_max else (lo, hi)
    r = scorer.score(form_id, [answer] * ref["items"])
    for name in SUBSCALES:
        members = ref["subscales"][name]
        n_rev = sum(i in ref["reverse"] for i in members)
        assert r.subscales[name].sum == n_rev * opposite + (len(members) - n_rev) * answer
    n_rev = len(ref["reverse"])
    assert r.total.sum == n_rev * opposite + (ref["items"] - n_rev) * answer


@given(form_and_answers())
def test_sums_match_reference_and_stay_in_range(case: tuple[str, list[int]]) -> None:
    form_id, raw = case
    form = scorer.get_form(form_id)
    r = scorer.score(form_id, raw)
    expected = reference_sums(form_id, raw)
    for name in SUBSCALES:
        s = r.subscales[name]
        assert s.sum == expected[name]
        assert s.items * form.scale.min <= s.sum <= s.items * form.scale.max
        assert form.scale.min <= s.mean <= form.scale.max
        assert s.mean == s.sum / s.items and not s.prorated and s.answered == s.items
    assert r.total.sum == expected["total"] == sum(r.subscales[n].sum for n in SUBSCALES)
    assert r.total.mean == r.total.sum / form.n_items
    assert r.total.answered == form.n_items


@given(form_and_answers(allow_missing=True))
def test_sequence_and_mapping_inputs_agree(case: tuple[str, list[int | None]]) -> None:
    form_id, raw = case
    as_seq = scorer.score(form_id, raw)
    full_map = scorer.score(form_id, dict(enumerate(raw, start=1)))
    sparse_map = scorer.score(form_id, {i: v for i, v in enumerate(raw, start=1) if v is not None})
    assert as_seq.to_dict() == full_map.to_dict() == sparse_map.to_dict()


@given(form_and_answers(allow_missing=True), st.sampled_from([0.0, 0.25, 0.5, 1.0]))
def test_missing_rule(case: tuple[str, list[int | None]], max_missing: float) -> None:
    form_id, raw = case
    form = scorer.get_form(form_id)
    r = scorer.score(form_id, raw, max_missing=max_missing)
    for name in SUBSCALES:
        members = form.subscales[name]
        answered = [form.keyed(i, raw[i - 1]) for i in members if raw[i - 1] is not None]
        n_missing = len(members) - len(answered)
        s = r.subscales[name]
        assert s.answered == len(answered) and s.items == len(members)
        if answered and n_missing <= math.floor(max_missing * len(members) + 1e-9):
            assert math.isclose(s.mean, sum(answered) / len(answered))
            assert math.isclose(s.sum, s.mean * len(members))
            assert s.prorated == (n_missing > 0)
        else:
            assert s.sum is None and s.mean is None
    if all(r.subscales[n].sum is not None for n in SUBSCALES):
        assert math.isclose(r.total.sum, sum(r.subscales[n].sum for n in SUBSCALES))
        assert math.isclose(r.total.mean, r.total.sum / form.n_items)
    else:
        assert r.total.sum is None and r.total.mean is None
    assert list(r.missing) == [i for i, v in enumerate(raw, start=1) if v is None]
    json.dumps(r.to_dict())


def test_missing_thresholds_at_default() -> None:
    goal = scorer.get_form("wai").subscales["goal"]
    raw = [4] * 36
    for i in goal[:3]:
        raw[i - 1] = None
    r = scorer.score("wai", raw)
    assert r.subscales["goal"].prorated and r.subscales["goal"].sum == 48.0 and r.total.sum == 144.0
    raw[goal[3] - 1] = None
    r = scorer.score("wai", raw)
    assert r.subscales["goal"].sum is None and r.total.sum is None and r.total.mean is None
    assert r.subscales["task"].sum == 48

    short = [3] * 12
    short[0] = None  # one of four Task items: allowed
    assert scorer.score("wai-sr", short).subscales["task"].sum == 12.0
    short[1] = None  # two of four: not scorable
    assert scorer.score("wai-sr", short).subscales["task"].mean is None


def test_nothing_answered_is_never_scorable() -> None:
    r = scorer.score("wai-s", [None] * 12, max_missing=1.0)
    assert all(r.subscales[n].sum is None for n in SUBSCALES) and r.total.sum is None


# --- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("responses", "pattern"),
    [
        ([4] * 11, "12 items, but 11 answers"),
        ([4] * 13, "12 items, but 13 answers"),
        ([4] * 11 + [8], r"item 12: answer 8 is outside the allowed range 1-7"),
        ([0] + [4] * 11, r"item 1: answer 0 is outside the allowed range 1-7"),
        ([4] * 11 + [True], "item 12: answer True is not a number"),
        ([4] * 11 + [4.5], "item 12: answer 4.5 is not a whole number"),
        ([4] * 11 + [float("nan")], "item 12: answer nan is not a whole number"),
        ([4] * 11 + ["4"], "item 12: answer '4' is not a whole number"),
        ({13: 4}, "there is no item 13"),
        ({0: 4}, "there is no item 0"),
        ({"1": 4}, "there is no item '1'"),
        ({True: 4}, "there is no item True"),
        ("444444444444", "responses must be a list"),
        (None, "responses must be a list"),
        (42, "responses must be a list"),
    ],
)
def test_bad_responses_raise_named_errors(responses: object, pattern: str) -> None:
    with pytest.raises(scorer.ScorerError, match=pattern) as info:
        scorer.score("wai-s", responses)
    assert "WAI-S (wai-s)" in str(info.value)


def test_wai_sr_range_message() -> None:
    pattern = r"WAI-SR \(wai-sr\) item 3: answer 6 .* 1-5 \(Seldom ... Always\)"
    with pytest.raises(scorer.ScorerError, match=pattern):
        scorer.score("wai-sr", {3: 6})


def test_integral_floats_are_accepted() -> None:
    r = scorer.score("wai-sr", [4.0] * 12)
    assert r.responses == (4,) * 12 and all(type(v) is int for v in r.responses)


@pytest.mark.parametrize("bad", [-0.1, 1.5, True, "0.25", None])
def test_bad_max_missing(bad: object) -> None:
    with pytest.raises(scorer.ScorerError, match="max_missing"):
        scorer.score("wai-s", [4] * 12, max_missing=bad)


def test_unknown_form() -> None:
    with pytest.raises(scorer.ScorerError, match="unknown form 'wai-x'"):
        scorer.score("wai-x", [4] * 12)


# --- the teaching output -------------------------------------------------------------------------------


def test_to_dict_shape() -> None:
    d = scorer.score("wai", [7] * 36).to_dict()
    assert d["form"] == "wai" and d["scale"] == {"min": 1, "max": 7}
    assert list(d["subscales"]) == ["goal", "task", "bond"]
    assert d["subscales"]["bond"] == {"sum": 66, "mean": 5.5, "answered": 12, "items": 12, "prorated": False}
    assert d["total"]["sum"] == 168 and d["missing"] == []
    assert d["reversed"][0] == {"item": 1, "raw": 7, "scored": 1}
    assert [r["item"] for r in d["reversed"]] == [1, 3, 7, 9, 10, 11, 12, 15, 20, 27, 29, 31, 33, 34]
    assert json.loads(json.dumps(d)) == d


@given(form_and_answers(allow_missing=True))
def test_steps_follow_the_contract_order(case: tuple[str, list[int | None]]) -> None:
    form_id, raw = case
    r = scorer.score(form_id, raw)
    kinds = [s.kind for s in r.steps]
    has_missing = any(v is None for v in raw)
    expected = ["reverse", "assign"] + (["missing"] if has_missing else []) + ["sum"] * 4 + ["mean"] * 4
    assert kinds == expected
    assert all(s.title and s.text for s in r.steps)


def test_steps_show_the_work() -> None:
    r = scorer.score("wai-s", [6, 5, 7, 2, 6, 5, 6, 5, 7, 3, 5, 6])
    text = {s.kind: [] for s in r.steps}
    for s in r.steps:
        text[s.kind].append(s.text)
    assert "8 − answer" in text["reverse"][0]
    assert "Item 4: 8 − 2 = 6" in text["reverse"][0] and "item 10: 8 − 3 = 5" in text["reverse"][0]
    assert "Task: items 1, 2, 8 and 12" in text["assign"][0]
    assert "Goal = 6 + 5 + 5 + 5 = 21." in text["sum"][0]
    assert "Total = Goal + Task + Bond = 21 + 22 + 26 = 69." in text["sum"][3]
    assert "Goal mean = 21 ÷ 4 = 5.25" in text["mean"][0]
    no_rev = scorer.score("wai-sr", [3] * 12).steps[0]
    assert no_rev.kind == "reverse" and "No item" in no_rev.text


def test_missing_step_explains_the_rule() -> None:
    raw: list[int | None] = [5] * 36
    raw[4] = None
    r = scorer.score("wai", raw)
    (missing,) = [s for s in r.steps if s.kind == "missing"]
    assert "Item 5 was not answered" in missing.text and "No published rule" in missing.text
    assert "pro-rated" in missing.text
    bond_sum = next(s for s in r.steps if s.kind == "sum" and "Bond" in s.title)
    assert "× 12 ÷ 11" in bond_sum.text


@given(form_and_answers())
def test_results_are_deterministic_and_hashable(case: tuple[str, list[int]]) -> None:
    form_id, raw = case
    a, b = scorer.score(form_id, raw), scorer.score(form_id, tuple(raw))
    assert a == b and hash(a) == hash(b)
