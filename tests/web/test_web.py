"""scorer.web: what the browser worker calls. Strings from the DOM in, JSON-able dicts and HTML out."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer import ScorerError, forms, get_form, score, web
from scorer.core.cases import generate
from scorer.web import widgets

FORM_IDS = [f.id for f in forms()]


@st.composite
def filled_form(draw):
    form = draw(st.sampled_from(forms()))
    values = draw(st.lists(st.integers(form.scale.min, form.scale.max), min_size=form.n_items,
                           max_size=form.n_items))
    return form, values


@settings(max_examples=60, deadline=None)
@given(filled_form())
def test_score_from_dom_strings_equals_the_scorer(case):
    form, values = case
    got = web.score(form.id, [str(v) for v in values])
    assert got["result"] == score(form.id, values).to_dict()
    json.dumps(got)  # the worker sends it as JSON


def _table_rows(html: str) -> dict[str, tuple[str, str]]:
    rows = {}
    for label, sum_cell, mean_cell in re.findall(
        r'<th scope="row">(Goal|Task|Bond|Total)</th><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>', html
    ):
        rows[label] = (sum_cell, mean_cell)
    return rows


def test_score_html_has_the_contract_table_the_steps_and_the_chart():
    values = [(i * 5) % 7 + 1 for i in range(36)]
    expected = score("wai", values).to_dict()
    html = web.score("wai", [str(v) for v in values])["html"]
    rows = _table_rows(html["table"])
    goal = expected["subscales"]["goal"]
    assert rows["Goal"] == (str(goal["sum"]), f'{goal["mean"]:.2f}')
    assert rows["Total"][0] == str(expected["total"]["sum"])
    assert '<th scope="col">Sum</th>' in html["table"] and '<th scope="col">Mean</th>' in html["table"]
    assert 'role="img"' in html["chart"]
    assert 'data-kind="reverse"' in html["steps"]
    for part in ("table", "chart", "steps"):
        assert html[part] in html["all"]


def test_score_accepts_an_object_and_missing_answers():
    form = get_form("wai-s")
    raw = {str(i): "4" for i in range(1, 13)}
    raw["3"] = ""
    got = web.score("wai-s", raw)["result"]
    assert got["missing"] == [3]
    assert got == score(form, {i: (None if i == 3 else 4) for i in range(1, 13)}).to_dict()


@pytest.mark.parametrize(
    ("responses", "message"),
    [
        ([""] * 12, "no answers yet"),
        (["4"] * 11 + ["8"], "item 12"),
        (["4"] * 11 + ["four"], "not a whole number"),
        (["4"] * 11, "12 items, but 11"),
        ({"13": "4"}, "no item '13'"),
        ("4444", "must be a list"),
    ],
)
def test_score_rejects_bad_input_with_a_clear_message(responses, message):
    with pytest.raises(ScorerError, match=re.escape(message)):
        web.score("wai-s", responses)


def test_unknown_form_lists_the_known_ones():
    with pytest.raises(ScorerError, match="wai-sr"):
        web.score("nope", [])


@pytest.mark.parametrize("sep", [",", " ", "\t", ";", ", ", " \t "])
def test_parse_row_accepts_common_separators(sep):
    values = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2]
    got = web.parse_row("wai-sr", sep.join(map(str, values)) + "\n")
    assert got == {"form": "wai-sr", "responses": values}


def test_parse_row_missing_markers_and_errors():
    got = web.parse_row("wai-s", "NA 2 . 4 5 6 7 1 2 3 4 5")
    assert got["responses"][0] is None and got["responses"][2] is None
    with pytest.raises(ScorerError, match="12 items, but 3 numbers"):
        web.parse_row("wai-s", "1, 2, 3")
    with pytest.raises(ScorerError, match=r"WAI-SR \(wai-sr\) item 2.*1-5"):
        web.parse_row("wai-sr", "1 7 1 1 1 1 1 1 1 1 1 1")
    with pytest.raises(ScorerError, match="paste 36 numbers"):
        web.parse_row("wai", "   ")


def test_new_case_is_reproducible_and_hides_the_key():
    a = web.new_case("wai", "17", "random")
    b = web.new_case("wai", 17, "random")
    assert a == b
    assert "result" not in a["case"]
    case = generate("wai", 17, "random")
    assert a["case"]["responses"] == list(case.responses)
    for i, value in enumerate(case.responses, start=1):
        assert f'<tr data-item="{i}">' in a["html"]
        assert f'data-value="{value}"' in a["html"]
    assert web.new_case("wai", "18", "random") != a


@pytest.mark.parametrize(("seed", "profile", "message"), [
    ("-1", "random", "seed"), ("x", "random", "seed"), ("3", "sleepy", "unknown profile"),
])
def test_new_case_bad_arguments(seed, profile, message):
    with pytest.raises(ScorerError, match=message):
        web.new_case("wai", seed, profile)


def _key(case):
    data = case.result.to_dict()
    out = {}
    for name in ("goal", "task", "bond", "total"):
        part = data["total"] if name == "total" else data["subscales"][name]
        out[f"{name}_sum"] = str(part["sum"])
        out[f"{name}_mean"] = f'{part["mean"]:.2f}'
    return out


def test_check_case_all_correct():
    case = generate("wai-s", 5, "strong")
    got = web.check_case("wai-s", "5", "strong", _key(case))
    assert got["check"]["all_correct"] is True
    assert 'data-all-correct="true"' in got["html"]
    assert got["html"].count('class="wai-correct"') == 8


def test_check_case_diagnoses_a_forgotten_reverse_key():
    form = get_form("wai")
    case = generate("wai", 17, "random")
    raw_goal = sum(case.responses[i - 1] for i in form.subscales["goal"])
    assert str(raw_goal) != _key(case)["goal_sum"]  # the case really has reverse-keyed goal items
    got = web.check_case("wai", 17, "random", {"goal_sum": str(raw_goal), "task_sum": ""})
    verdict = got["check"]["verdicts"]["goal_sum"]
    assert verdict["correct"] is False
    assert verdict["mistake"]["code"] == "reverse_forgotten"
    assert 'data-answer="goal_sum" data-mistake="reverse_forgotten"' in got["html"]
    assert "task_sum" not in got["check"]["verdicts"]  # empty fields are not judged


def test_check_case_accepts_a_decimal_comma_and_rejects_text():
    case = generate("wai-s", 2, "random")
    mean = _key(case)["goal_mean"].replace(".", ",")
    verdicts = web.check_case("wai-s", 2, "random", {"goal_mean": mean})["check"]["verdicts"]
    assert verdicts["goal_mean"]["correct"]
    with pytest.raises(ScorerError, match="Goal sum: '<img"):
        web.check_case("wai-s", 2, "random", {"goal_sum": "<img src=x onerror=alert(1)>"})
    with pytest.raises(ScorerError, match="at least one"):
        web.check_case("wai-s", 2, "random", {"goal_sum": " "})
    with pytest.raises(ScorerError, match="unknown answer"):
        web.check_case("wai-s", 2, "random", {"goal_total": "3"})


def test_solution_shows_the_steps_and_the_key():
    case = generate("wai-sr", 9, "weak-bond")
    html = web.solution("wai-sr", "9", "weak-bond")["html"]
    assert '<ol class="wai-steps">' in html
    rows = _table_rows(html)
    key = _key(case)
    assert rows["Bond"] == (key["bond_sum"], key["bond_mean"])
    assert "Answer key" in html


def test_compare_flags_the_gap_and_explains_it():
    got = web.compare("wai", ["6"] * 36, "wai-t", ["3"] * 36)
    comparison = got["comparison"]
    assert comparison["flagged"] == ["bond"]
    assert "Bond: the patient rated it 1.50 points higher than you" in got["html"]["notes"]
    assert 'role="img"' in got["html"]["chart"]
    assert "Patient (WAI)" in got["html"]["patient_table"]
    assert "Therapist (WAI-T)" in got["html"]["therapist_table"]


def test_compare_across_scales_says_it_rescaled():
    got = web.compare("wai-sr", ["3"] * 12, "wai-t", ["4"] * 36)
    assert got["comparison"]["rescaled"] is True
    assert "converted to the 1–7" in got["html"]["notes"]
    assert "1 to 7 scale" in got["html"]["chart"]


def test_compare_rejects_bad_answers_on_either_side():
    with pytest.raises(ScorerError, match=r"WAI-T \(wai-t\) item 1"):
        web.compare("wai", ["4"] * 36, "wai-t", ["9"] + ["4"] * 35)


def test_export_csv_round_trips_the_numbers():
    values = [str((i % 7) + 1) for i in range(36)]
    out = web.export_csv("wai", values)
    assert out["filename"].endswith(".csv") and out["mime"] == "text/csv"
    row = next(csv.DictReader(io.StringIO(out["text"])))
    expected = score("wai", [int(v) for v in values]).to_dict()
    assert int(row["goal_sum"]) == expected["subscales"]["goal"]["sum"]
    assert float(row["total_mean"]) == pytest.approx(expected["total"]["mean"], abs=1e-4)
    assert [row[f"item_{i}"] for i in range(1, 37)] == values


def test_export_csv_for_a_comparison_has_two_rows():
    out = web.export_csv("wai-s", ["4"] * 12, "wai-t", ["5"] * 36)
    rows = list(csv.DictReader(io.StringIO(out["text"])))
    assert [r["role"] for r in rows] == ["patient", "therapist"]
    assert [r["form"] for r in rows] == ["wai-s", "wai-t"]
    assert rows[0]["item_13"] == ""  # the short form has no item 13


def test_export_json_can_be_read_back():
    out = web.export_json("wai-s", ["4"] * 12)
    blob = json.loads(out["text"])
    assert blob["v"] == 1 and blob["form"] == "wai-s"
    assert web.validate_saved(out["text"])["responses"] == [4] * 12
    both = json.loads(web.export_json("wai", ["6"] * 36, "wai-t", ["3"] * 36)["text"])
    assert both["comparison"]["flagged"] == ["bond"]


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        ("{broken", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ({"v": 2, "responses": []}, "version 2"),
        ({"responses": []}, "have no version number"),
        ({"v": 1}, "holds no answers"),
        ({"v": 1, "form": "wai-s", "responses": ["9"] * 12}, "item 1"),
        ({"v": 1, "form": "wai-x", "responses": []}, "unknown form"),
        ({"v": 1, "answers": {"goal_sum": 5}}, "short texts"),
        ({"v": 1, "answers": {"hack": "1"}}, "short texts"),
        ({"v": 1, "seed": "-3", "answers": {}}, "seed"),
    ],
)
def test_validate_saved_rejects_corrupt_values(blob, message):
    with pytest.raises(ScorerError, match=message):
        web.validate_saved(blob)


def test_validate_saved_accepts_what_the_page_stores():
    stored = {"v": 1, "form": "wai-s", "responses": ["4", None] + ["5"] * 10, "saved": "2026-01-01"}
    assert web.validate_saved(stored)["responses"] == [4, None] + [5] * 10
    case = {"v": 1, "form": "wai", "seed": "17", "profile": "random", "answers": {"goal_sum": "43"}}
    assert web.validate_saved(case) == {"v": 1, "form": "wai", "seed": 17, "profile": "random",
                                        "answers": {"goal_sum": "43"}}
    with pytest.raises(ScorerError, match="not 'wai-t'"):
        web.validate_saved({"v": 1, "form": "wai", "responses": ["4"] * 36}, form_id="wai-t")


def test_dispatch_answers_in_json():
    ok = json.loads(web.dispatch("parse_row", json.dumps({"form_id": "wai-s", "text": "4 " * 12})))
    assert ok == {"ok": True, "value": {"form": "wai-s", "responses": [4] * 12}}
    bad = json.loads(web.dispatch("parse_row", json.dumps({"form_id": "wai-s", "text": "4"})))
    assert bad["ok"] is False and "12 items" in bad["error"]
    unknown = json.loads(web.dispatch("os_system", "{}"))
    assert unknown["ok"] is False and "unknown function" in unknown["error"]
    wrong_args = json.loads(web.dispatch("score", json.dumps({"form": "wai"})))
    assert wrong_args["ok"] is False and wrong_args["error"].startswith("score:")
    not_object = json.loads(web.dispatch("score", "[1]"))
    assert not_object == {"ok": False, "error": "arguments must be a JSON object"}


def test_dispatch_reports_a_bug_without_a_traceback(monkeypatch):
    def broken(**kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(widgets, "score", broken)
    reply = json.loads(web.dispatch("score", "{}"))
    assert reply["ok"] is False
    assert reply["error"].startswith("Unexpected error in the scorer (KeyError")
    assert "answers are kept" in reply["error"]


def test_every_listed_function_is_callable_through_dispatch():
    assert set(web.TABLE) == set(web.functions())
    for name in web.TABLE:
        reply = json.loads(web.dispatch(name, "{}"))
        assert reply["ok"] is False  # no arguments: a clear message, never a crash
        assert "Unexpected" not in reply["error"]


def test_the_worker_table_refuses_a_name_listed_twice():
    from scorer.web import _table

    assert _table([("a", ("one", "two")), ("b", ("three",))]) == {"one": "a", "two": "a", "three": "b"}
    with pytest.raises(ValueError, match="'two' is listed for both a and b"):
        _table([("a", ("one", "two")), ("b", ("two",))])


def test_a_wrong_call_is_found_from_the_signature_before_the_function_runs(monkeypatch):
    calls = []
    monkeypatch.setattr(widgets, "parse_row", lambda form_id, text: calls.append(1))
    reply = json.loads(web.dispatch("parse_row", json.dumps({"form_id": "wai", "txt": "1"})))
    assert reply == {"ok": False, "error": "parse_row: missing a required argument: 'text'"}
    assert calls == []
