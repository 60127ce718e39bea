"""check(): verdicts, and every mistake type injected into correct answers is diagnosed.

The wrong procedures are recomputed here from the reference key sheet, independently of the
package. Where an injected mistake happens to give the same value as a mistake check() tries
earlier (its documented order), the example is skipped with assume(): that value is genuinely
ambiguous and the earlier explanation is the one check() promises.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import scorer
from scorer.core.check import ANSWER_KEYS, MISTAKE_CODES

KEYS = json.loads((Path(__file__).parents[1] / "data" / "wai-keys.json").read_text(encoding="utf-8"))
REFERENCE = {"wai": "wai_c36", "wai-t": "wai_t36", "wai-s": "wai_s_c", "wai-sr": "wai_sr_c"}
SUBS = ("goal", "task", "bond")
REVERSING_FORMS = ("wai", "wai-t", "wai-s")


def ref(form_id: str) -> dict:
    return KEYS[REFERENCE[form_id]]


def values(form_id: str, raw: list[int], *, key_of: str | None = None, reverse=None, flip=None) -> dict:
    """All eight values under a (possibly wrong) procedure, from the reference sheet."""
    r = ref(key_of or form_id)
    lo, hi = ref(form_id)["scale"]["min"], ref(form_id)["scale"]["max"]
    rev = set(r["reverse"] if reverse is None else reverse)
    flip = flip or (lambda x: lo + hi - x)
    keyed = {i: flip(v) if i in rev else v for i, v in enumerate(raw, start=1)}
    out = {}
    for name in SUBS:
        members = r["subscales"][name]
        out[f"{name}_sum"] = sum(keyed[i] for i in members)
        out[f"{name}_mean"] = out[f"{name}_sum"] / len(members)
    out["total_sum"] = sum(keyed.values())
    out["total_mean"] = out["total_sum"] / len(raw)
    return out


def shown(key: str, value: float) -> float:
    """What a student writes down: sums as they are, means to two decimals."""
    return round(value, 2) if key.endswith("_mean") or isinstance(value, float) else value


def same(key: str, given: float, value: float) -> bool:
    if key.endswith("_sum") and isinstance(value, int):
        return given == value
    return abs(given - round(value, 2)) <= 0.005 + 1e-9


def earlier_explanations(form_id: str, raw: list[int], key: str, upto: str) -> list[float]:
    """Values of the mistakes check() tries before ``upto`` (in its documented order)."""
    order = [
        "sum_mean_confused", "reverse_forgotten", "reverse_formula", "other_form_key", "single_reverse",
        "wrong_subscale",
    ]
    r = ref(form_id)
    lo, hi = r["scale"]["min"], r["scale"]["max"]
    part, kind = key.split("_")
    right = values(form_id, raw)
    found: list[float] = []
    for code in order[: order.index(upto)]:
        if code == "sum_mean_confused":
            if kind == "mean":
                found.append(right[f"{part}_sum"])
                if part == "total":
                    found.append(right["total_sum"] / 3)
            else:
                found.append(right[f"{part}_mean"])
        elif code == "reverse_forgotten":
            found.append(values(form_id, raw, reverse=[])[key])
        elif code == "reverse_formula":
            for c in [hi, lo + hi + 1] + ([6] if (lo, hi) == (1, 7) else []):
                found.append(values(form_id, raw, flip=lambda x, c=c: c - x)[key])
        elif code == "other_form_key":
            for other in REFERENCE:
                o = ref(other)
                if other != form_id and o["items"] == r["items"] and (
                    o["subscales"] != r["subscales"] or o["reverse"] != r["reverse"]
                ):
                    found.append(values(form_id, raw, key_of=other)[key])
        elif code == "single_reverse":
            for i in r["reverse"]:
                found.append(values(form_id, raw, reverse=[j for j in r["reverse"] if j != i])[key])
    return found


def explained_earlier(form_id: str, raw: list[int], key: str, given_value: float, upto: str) -> bool:
    return any(same(key, given_value, v) for v in earlier_explanations(form_id, raw, key, upto))


def answers_for(form_id: str) -> st.SearchStrategy[list[int]]:
    r = ref(form_id)
    value = st.integers(r["scale"]["min"], r["scale"]["max"])
    return st.lists(value, min_size=r["items"], max_size=r["items"])


def part_has_reverse(form_id: str, key: str) -> bool:
    part = key.split("_")[0]
    r = ref(form_id)
    members = range(1, r["items"] + 1) if part == "total" else r["subscales"][part]
    return any(i in r["reverse"] for i in members)


def diagnose(form_id: str, raw: list[int], answers: dict) -> dict:
    return scorer.check(form_id, raw, answers).to_dict()["verdicts"]


# --- every mistake type is diagnosed ----------------------------------------------------------------


@given(st.data())
def test_reverse_forgotten_is_diagnosed(data: st.DataObject) -> None:
    form_id = data.draw(st.sampled_from(REVERSING_FORMS))
    raw = data.draw(answers_for(form_id))
    key = data.draw(st.sampled_from([k for k in ANSWER_KEYS if part_has_reverse(form_id, k)]))
    given_value = shown(key, values(form_id, raw, reverse=[])[key])
    right = values(form_id, raw)[key]
    assume(not same(key, given_value, right))
    assume(not explained_earlier(form_id, raw, key, given_value, "reverse_forgotten"))
    mistake = diagnose(form_id, raw, {key: given_value})[key]["mistake"]
    assert mistake["code"] == "reverse_forgotten"
    part = key.split("_")[0]
    members = range(1, len(raw) + 1) if part == "total" else ref(form_id)["subscales"][part]
    assert mistake["items"] == [i for i in members if i in ref(form_id)["reverse"]]
    assert "8 − answer" in mistake["message"]


@given(st.data())
def test_wrong_reversal_formula_is_diagnosed(data: st.DataObject) -> None:
    form_id = data.draw(st.sampled_from(REVERSING_FORMS))
    raw = data.draw(answers_for(form_id))
    key = data.draw(st.sampled_from([k for k in ANSWER_KEYS if part_has_reverse(form_id, k)]))
    c = data.draw(st.sampled_from([7, 9, 6]))
    given_value = shown(key, values(form_id, raw, flip=lambda x: c - x)[key])
    assume(not same(key, given_value, values(form_id, raw)[key]))
    assume(not explained_earlier(form_id, raw, key, given_value, "reverse_formula"))
    mistake = diagnose(form_id, raw, {key: given_value})[key]["mistake"]
    assert mistake["code"] == "reverse_formula"
    assert "8 − answer" in mistake["message"]


@given(st.data())
def test_other_forms_key_is_diagnosed(data: st.DataObject) -> None:
    form_id, other = data.draw(st.sampled_from([("wai-s", "wai-sr"), ("wai-sr", "wai-s")]))
    raw = data.draw(answers_for(form_id))
    key = data.draw(st.sampled_from(ANSWER_KEYS))
    given_value = shown(key, values(form_id, raw, key_of=other)[key])
    assume(not same(key, given_value, values(form_id, raw)[key]))
    assume(not explained_earlier(form_id, raw, key, given_value, "other_form_key"))
    mistake = diagnose(form_id, raw, {key: given_value})[key]["mistake"]
    assert mistake["code"] == "other_form_key"
    assert scorer.get_form(other).short_name in mistake["message"]


def test_identical_keys_are_not_reported_as_another_forms_key() -> None:
    raw = [7] * 36
    for form_id in ("wai", "wai-t"):
        verdicts = diagnose(form_id, raw, {k: 0 for k in ANSWER_KEYS})
        assert all(v["mistake"]["code"] != "other_form_key" for v in verdicts.values())


@given(st.data())
def test_single_forgotten_reversal_is_diagnosed(data: st.DataObject) -> None:
    form_id = data.draw(st.sampled_from(REVERSING_FORMS))
    raw = data.draw(answers_for(form_id))
    rev = ref(form_id)["reverse"]
    item = data.draw(st.sampled_from(rev))
    home = next(n for n in SUBS if item in ref(form_id)["subscales"][n])
    key = data.draw(st.sampled_from([k for k in ANSWER_KEYS if k.startswith(("total", home))]))
    given_value = shown(key, values(form_id, raw, reverse=[j for j in rev if j != item])[key])
    assume(not same(key, given_value, values(form_id, raw)[key]))
    assume(not explained_earlier(form_id, raw, key, given_value, "single_reverse"))
    mistake = diagnose(form_id, raw, {key: given_value})[key]["mistake"]
    assert mistake["code"] == "reverse_forgotten"
    assert item in mistake["items"]


@given(st.data())
def test_item_in_wrong_subscale_is_diagnosed(data: st.DataObject) -> None:
    form_id = data.draw(st.sampled_from(tuple(REFERENCE)))
    raw = data.draw(answers_for(form_id))
    r = ref(form_id)
    item = data.draw(st.integers(1, r["items"]))
    home = next(n for n in SUBS if item in r["subscales"][n])
    into = data.draw(st.sampled_from([n for n in SUBS if n != home]))
    lo, hi = r["scale"]["min"], r["scale"]["max"]
    k = lo + hi - raw[item - 1] if item in r["reverse"] else raw[item - 1]
    right = values(form_id, raw)
    moved = dict(right)
    moved[f"{into}_sum"] += k
    moved[f"{home}_sum"] -= k
    for name in (into, home):  # the student still divides by the subscale's item count
        moved[f"{name}_mean"] = moved[f"{name}_sum"] / len(r["subscales"][name])
    keys = (f"{into}_sum", f"{home}_sum", f"{into}_mean", f"{home}_mean")
    answers = {key: shown(key, moved[key]) for key in keys}
    verdicts = diagnose(form_id, raw, answers)
    checked = 0
    for key, given_value in answers.items():
        if explained_earlier(form_id, raw, key, given_value, "wrong_subscale"):
            continue
        mistake = verdicts[key]["mistake"]
        assert mistake["code"] == "wrong_subscale", (key, mistake)
        assert item in mistake["items"]
        checked += 1
    assume(checked > 0)


@given(st.data())
def test_sum_and_mean_confused_is_diagnosed(data: st.DataObject) -> None:
    form_id = data.draw(st.sampled_from(tuple(REFERENCE)))
    raw = data.draw(answers_for(form_id))
    part = data.draw(st.sampled_from((*SUBS, "total")))
    right = values(form_id, raw)
    swapped = {f"{part}_mean": right[f"{part}_sum"], f"{part}_sum": round(right[f"{part}_mean"], 2)}
    verdicts = diagnose(form_id, raw, swapped)
    for key, given_value in swapped.items():
        assume(not same(key, given_value, right[key]))
        assert verdicts[key]["mistake"]["code"] == "sum_mean_confused"


def test_total_divided_by_three_subscales() -> None:
    raw = [4, 3, 5, 2, 5, 3, 4, 2, 5, 3, 3, 4]
    mistake = diagnose("wai-sr", raw, {"total_mean": round(43 / 3, 2)})["total_mean"]["mistake"]
    assert mistake["code"] == "sum_mean_confused" and "÷ 12" in mistake["message"]


@given(st.data())
def test_arithmetic_slip_is_diagnosed(data: st.DataObject) -> None:
    form_id = data.draw(st.sampled_from(tuple(REFERENCE)))
    r = ref(form_id)
    lo, hi = r["scale"]["min"], r["scale"]["max"]
    # Every item scores at least 4 once keyed, so no single item's score equals a slip of 1-3.
    keyed = data.draw(st.lists(st.integers(4, hi), min_size=r["items"], max_size=r["items"]))
    raw = [lo + hi - v if i in r["reverse"] else v for i, v in enumerate(keyed, start=1)]
    key = data.draw(st.sampled_from(ANSWER_KEYS))
    right = values(form_id, raw)[key]
    if key.endswith("_sum"):
        given_value = right + data.draw(st.sampled_from([-3, -2, -1, 1, 2, 3]))
    else:
        given_value = round(right, 1)  # rounded too early
    assume(not same(key, given_value, right))
    # (A wrong-subscale explanation is impossible here: every item scores more than the slip.)
    assume(not explained_earlier(form_id, raw, key, given_value, "wrong_subscale"))
    mistake = diagnose(form_id, raw, {key: given_value})[key]["mistake"]
    assert mistake["code"] == "arithmetic_slip", mistake


# --- verdicts and messages ----------------------------------------------------------------------------


WAI_SR_EXAMPLE = [4, 3, 5, 2, 5, 3, 4, 2, 5, 3, 3, 4]


def test_all_correct() -> None:
    answers = {
        "goal_sum": 10, "task_sum": 14, "bond_sum": 19, "total_sum": 43,
        "goal_mean": 2.5, "task_mean": 3.5, "bond_mean": 4.75, "total_mean": 3.58,
    }
    res = scorer.check("wai-sr", WAI_SR_EXAMPLE, answers)
    assert res.all_correct and res.to_dict()["all_correct"] is True
    assert res.summary == "All 8 values are correct."
    assert all(v["mistake"] is None for v in res.to_dict()["verdicts"].values())


@pytest.mark.parametrize(
    ("given", "ok"), [(3.58, True), (3.583, True), (3.585, True), (3.59, False), (3.57, False)]
)
def test_means_are_accepted_to_two_decimals(given: float, ok: bool) -> None:
    verdict = scorer.check("wai-sr", WAI_SR_EXAMPLE, {"total_mean": given}).verdicts["total_mean"]
    assert verdict.correct is ok and verdict.expected == 3.58


def test_sums_must_be_exact() -> None:
    verdict = scorer.check("wai-sr", WAI_SR_EXAMPLE, {"total_sum": 43.004}).verdicts["total_sum"]
    assert not verdict.correct


def test_reverse_forgotten_message_names_items() -> None:
    raw = [7] * 36
    verdict = scorer.check("wai", raw, {"goal_sum": 84}).to_dict()["verdicts"]["goal_sum"]
    assert verdict == {
        "given": 84,
        "expected": 48,
        "correct": False,
        "mistake": verdict["mistake"],
    }
    assert verdict["mistake"]["code"] == "reverse_forgotten"
    assert verdict["mistake"]["items"] == [3, 9, 10, 12, 27, 34]
    expected = "items 3, 9, 10, 12, 27 and 34 are reverse-keyed: score them as 8 − answer"
    assert expected in verdict["mistake"]["message"]


def test_wai_sr_key_on_wai_s_answers() -> None:
    raw = [6, 5, 7, 2, 6, 5, 6, 5, 7, 3, 5, 6]
    verdicts = diagnose("wai-s", raw, {"task_sum": 20, "goal_sum": 17, "bond_sum": 26})
    assert verdicts["bond_sum"]["correct"]
    for key in ("task_sum", "goal_sum"):
        assert verdicts[key]["mistake"]["code"] == "other_form_key"
        assert "WAI-SR key" in verdicts[key]["mistake"]["message"]


def test_wrong_subscale_names_the_item() -> None:
    raw = [6, 5, 7, 2, 6, 5, 6, 5, 7, 3, 5, 6]
    # WAI-S item 8 (Task, answer 5) counted in Goal: Goal 21 + 5, Task 22 - 5.
    verdicts = diagnose("wai-s", raw, {"goal_sum": 26, "task_sum": 17})
    for key in ("goal_sum", "task_sum"):
        assert verdicts[key]["mistake"]["code"] == "wrong_subscale"
        assert 8 in verdicts[key]["mistake"]["items"]


def test_a_moved_item_backed_by_both_subscales_beats_a_one_value_coincidence() -> None:
    # Item 13 (Task, scored 5) counted in Bond: Task is 5 short and Bond 5 over. Task being 5
    # short is also what 7 - x on Task's five reverse-keyed items gives, but that explains Task
    # alone, while the moved item explains both values the student wrote.
    raw = [4, 3, 5, 2, 5, 3, 4, 2, 5, 3, 3, 4, 5, 6, 2, 3, 4, 5,
           6, 2, 3, 4, 5, 6, 2, 3, 4, 5, 6, 2, 3, 4, 5, 6, 2, 3]
    right = scorer.score("wai", raw)
    task, bond = right.subscales["task"].sum, right.subscales["bond"].sum
    verdicts = diagnose("wai", raw, {"task_sum": task - 5, "bond_sum": bond + 5})
    for key in ("task_sum", "bond_sum"):
        assert verdicts[key]["mistake"]["code"] == "wrong_subscale"
        assert 13 in verdicts[key]["mistake"]["items"]
    # Task alone is still read as the wrong reversal formula: nothing backs a moved item.
    assert diagnose("wai", raw, {"task_sum": task - 5})["task_sum"]["mistake"]["code"] == "reverse_formula"


def test_unknown_mistake_still_helps() -> None:
    mistake = diagnose("wai", [4] * 36, {"goal_sum": 500})["goal_sum"]["mistake"]
    assert mistake["code"] == "unknown" and "reverse-key" in mistake["message"]


def test_not_scorable_values() -> None:
    raw: list[int | None] = [4] * 12
    raw[0] = raw[1] = None  # two of the four WAI-SR Task items
    res = scorer.check("wai-sr", raw, {"task_sum": None, "goal_sum": None, "bond_sum": 16, "total_sum": 40})
    v = res.to_dict()["verdicts"]
    assert v["task_sum"]["correct"] and v["task_sum"]["expected"] is None
    assert not v["goal_sum"]["correct"] and v["goal_sum"]["mistake"]["code"] == "not_scorable"
    assert v["bond_sum"]["correct"]
    assert not v["total_sum"]["correct"] and v["total_sum"]["mistake"]["code"] == "not_scorable"


def test_not_scorable_names_the_short_subscale_and_its_missing_items() -> None:
    raw: list[int | None] = [4] * 36
    for item in (3, 6, 9, 10):  # four of the twelve Goal items: past the 3 allowed
        raw[item - 1] = None
    raw[0] = None  # one Bond item: Bond stays scorable
    v = scorer.check("wai", raw, {"goal_sum": 40, "total_sum": 140}).to_dict()["verdicts"]
    goal, total = v["goal_sum"]["mistake"], v["total_sum"]["mistake"]
    assert goal["items"] == [3, 6, 9, 10] and "4 of its 12 items" in goal["message"]
    # The total is only 5 of 36 items short: the reason is the Goal subscale, not the total's share.
    assert total["items"] == [3, 6, 9, 10] and "Goal cannot be scored" in total["message"]


def test_a_prorated_sum_from_the_rounded_mean_is_named_as_such() -> None:
    raw: list[int | None] = [6, 6, 7, 3, 6, 4, None, 6, 6, 3, 6, 5]  # Bond: 7 + 6 + 6 from 3 of 4 items
    exact = 19 * 4 / 3  # 25.33; rounding the mean first gives 6.33 × 4 = 25.32
    total = scorer.score("wai-s", raw).total.sum
    v = diagnose("wai-s", raw, {"bond_sum": 25.32, "total_sum": round(total - exact + 25.32, 2)})
    for key in ("bond_sum", "total_sum"):
        assert v[key]["mistake"]["code"] == "arithmetic_slip"
        assert "after rounding" in v[key]["mistake"]["message"]
    assert diagnose("wai-s", raw, {"bond_sum": round(exact, 2)})["bond_sum"]["correct"]
    plain = diagnose("wai-s", raw, {"bond_sum": 25.3})["bond_sum"]["mistake"]
    assert "after rounding" not in plain["message"]


def test_prorated_sums_accepted_to_two_decimals() -> None:
    raw: list[int | None] = [5] * 36
    raw[0] = None  # a reverse-keyed Bond item: 11 answered Bond items, 9 scored 5 and 2 scored 3
    res = scorer.check("wai", raw, {"bond_sum": round((9 * 5 + 2 * 3) * 12 / 11, 2)})
    assert res.all_correct


@pytest.mark.parametrize(
    ("answers", "pattern"),
    [
        ({"goal": 3}, "unknown value"),
        ({"Goal_sum": 3}, "unknown value"),
        ({"goal_sum": "48"}, "must be a number"),
        ({"goal_sum": True}, "must be a number"),
        ({"goal_mean": float("inf")}, "must be a number"),
    ],
)
def test_bad_answers_raise(answers: dict, pattern: str) -> None:
    with pytest.raises(scorer.ScorerError, match=pattern):
        scorer.check("wai", [4] * 36, answers)


def test_bad_responses_raise_too() -> None:
    with pytest.raises(scorer.ScorerError, match="item 1: answer 9"):
        scorer.check("wai-s", [9] + [4] * 11, {"goal_sum": 16})


def test_summary_lists_wrong_values() -> None:
    res = scorer.check("wai-sr", WAI_SR_EXAMPLE, {"goal_sum": 10, "task_sum": 15, "total_mean": 3.0})
    assert res.summary == "1 of 3 values are correct. Look again at: Task sum, the total mean."
    assert not res.all_correct
    assert scorer.check("wai-sr", WAI_SR_EXAMPLE, {}).summary == "No values were given to check."


def test_every_reported_code_is_documented() -> None:
    raw = [3] * 36
    for given_value in range(0, 260, 7):
        for v in diagnose("wai", raw, {k: given_value for k in ANSWER_KEYS}).values():
            if v["mistake"]:
                assert v["mistake"]["code"] in MISTAKE_CODES
                assert len(v["mistake"]["message"]) > 30


def test_a_mean_on_a_rounding_tie_accepts_both_roundings():
    from scorer.core.verdict import matches as _matches

    assert _matches("mean", 4.12, 4.125)
    assert _matches("mean", 4.13, 4.125)
    assert not _matches("mean", 4.14, 4.125)
    assert not _matches("mean", 4.11, 4.125)
