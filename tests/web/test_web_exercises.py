"""scorer.web_exercises: the browser side of exercises and assignments (JSON in, JSON out)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scorer import web
from scorer.core.assign import assign, assignments_csv
from scorer.core.cases import PROFILES
from scorer.core.errors import ScorerError
from scorer.core.exercises import parse_exercise
from scorer.core.forms import FORM_IDS
from scorer.core.scoring import score
from scorer.web.exercises import assign_roster, check_exercise, exercise_solution

ROOT = Path(__file__).resolve().parents[2]
PATIENT = [5, 5, 6, 1, 5, 5, 7, 5, 6, 2, 7, 6]
THERAPIST = [4] * 36


def page_data(**extra: object) -> dict:
    """The exercise exactly as the build embeds it in the page."""
    data = {
        "id": "sh",
        "form": "wai-s",
        "vignette": "v",
        "responses": PATIENT,
        "compute": ["goal_sum", "goal_mean"],
        "attempts": 2,
        **extra,
    }
    return json.loads(json.dumps(parse_exercise(data).to_dict()))


def right() -> dict[str, str]:
    result = score("wai-s", PATIENT)
    return {
        "goal_sum": str(result.subscales["goal"].sum),
        "goal_mean": f"{result.subscales['goal'].mean:.2f}",
    }


def test_correct_answers_open_the_solution_at_once() -> None:
    value = check_exercise(page_data(), {"main": right()}, 0)
    assert value["all_correct"] and value["attempts_used"] == 1 and value["solution_available"]
    assert 'data-all-correct="true"' in value["html"]
    assert exercise_solution(page_data(), 1, True)["values"]["main"]["goal_sum"] == int(right()["goal_sum"])


def test_wrong_answers_count_attempts_and_hide_the_key_until_the_limit() -> None:
    wrong = {
        "goal_sum": str(sum(PATIENT[i - 1] for i in (4, 6, 10, 11))),
        "goal_mean": "1,5",
    }  # decimal comma
    first = check_exercise(page_data(), {"main": wrong}, 0)
    assert not first["all_correct"] and first["attempts_used"] == 1 and first["attempts_left"] == 1
    assert not first["solution_available"]
    verdict = first["checks"]["main"]["verdicts"]["goal_sum"]
    assert "expected" not in verdict  # no peeking before the solution may be shown
    assert verdict["mistake"]["code"] == "reverse_forgotten"
    assert 'data-mistake="reverse_forgotten"' in first["html"]
    with pytest.raises(ScorerError, match="after 2 checked attempts; you have used 1"):
        exercise_solution(page_data(), 1)
    second = check_exercise(page_data(), {"main": wrong}, first["attempts_used"])
    assert second["attempts_used"] == 2 and second["solution_available"]
    assert "expected" in second["checks"]["main"]["verdicts"]["goal_sum"]
    solution = exercise_solution(page_data(notes="Reverse items 4 and 10."), 2)
    assert solution["values"]["main"] == {"goal_sum": 25, "goal_mean": 6.25}
    assert "wai-steps" in solution["html"] and "Reverse items 4 and 10." in solution["html"]


def test_incomplete_or_bad_answers_are_refused_without_counting() -> None:
    with pytest.raises(ScorerError, match="still empty: Goal mean"):
        check_exercise(page_data(), {"main": {"goal_sum": "25", "goal_mean": " "}}, 0)
    with pytest.raises(ScorerError, match="not a number"):
        check_exercise(page_data(), {"main": {"goal_sum": "25", "goal_mean": "six"}}, 0)
    with pytest.raises(ScorerError, match="does not ask for task_sum"):
        check_exercise(page_data(), {"main": {**right(), "task_sum": "3"}}, 0)
    with pytest.raises(ScorerError, match="unknown answer sheet"):
        check_exercise(page_data(), {"therapist": {}}, 0)
    with pytest.raises(ScorerError):
        check_exercise(page_data(), {"main": right()}, -1)
    with pytest.raises(ScorerError, match="reload"):
        check_exercise(None, {"main": right()}, 0)


def test_tampered_exercise_data_is_validated_again() -> None:
    data = page_data()
    data["responses"][0] = 9
    with pytest.raises(ScorerError, match="out of range"):
        check_exercise(data, {"main": right()}, 0)


def test_pair_exercise_checks_both_sheets_and_compares() -> None:
    data = page_data(pair={"form": "wai-t", "responses": THERAPIST, "compute": ["goal_mean"]})
    answers = {"main": right(), "pair": {"goal_mean": "4"}}
    value = check_exercise(data, answers, 0)
    assert value["all_correct"] and set(value["checks"]) == {"main", "pair"}
    with pytest.raises(ScorerError, match="for the WAI-T"):
        check_exercise(data, {"main": right()}, 0)
    html = exercise_solution(data, 0, True)["html"]
    assert "wai-compare-table" in html and 'data-sheet="pair"' in html


def test_assign_roster_is_the_command_line_assignment() -> None:
    value = assign_roster("wai-s", "student\nana\nben\n", None, "strong", "pt101", "")
    assert value["csv"] == assignments_csv(assign(["ana", "ben"], "wai-s", profile="strong", key="pt101"))
    assert [r["student"] for r in value["rows"]] == ["ana", "ben"]
    assert value["filename"] == "assignment-wai-s-strong-pt101.csv"
    assert value["html"].count("<tr>") == 3  # header and two students
    counted = assign_roster("wai", "", "3", "random", "", "https://example.org/site/")
    assert [r["student"] for r in counted["rows"]] == ["student-01", "student-02", "student-03"]
    assert counted["rows"][0]["link"].startswith("https://example.org/site/practice/cases/?form=wai&seed=")


def test_assign_roster_errors() -> None:
    with pytest.raises(ScorerError, match="not both"):
        assign_roster("wai", "ana", 3)
    with pytest.raises(ScorerError, match="paste the student ids"):
        assign_roster("wai", "  ", None)
    with pytest.raises(ScorerError, match="whole number"):
        assign_roster("wai", "", "three")
    with pytest.raises(ScorerError, match="roster line:3: student 'ana' is listed twice"):
        assign_roster("wai", "ana\nben\nana")
    with pytest.raises(ScorerError):
        assign_roster("wai-x", "ana")


def test_the_worker_can_call_them() -> None:
    reply = json.loads(
        web.dispatch(
            "check_exercise",
            json.dumps({"exercise": page_data(), "answers": {"main": right()}, "attempts_used": 0}),
        )
    )
    assert reply["ok"] and reply["value"]["all_correct"]
    reply = json.loads(web.dispatch("exercise_solution", json.dumps({"exercise": page_data()})))
    assert not reply["ok"] and "checked attempts" in reply["error"]
    reply = json.loads(web.dispatch("assign_roster", json.dumps({"form": "wai-sr", "count": 2})))
    assert reply["ok"] and len(reply["value"]["rows"]) == 2


def test_assignments_page_offers_every_form_and_profile() -> None:
    text = (ROOT / "docs" / "educators" / "assign.md").read_text(encoding="utf-8")
    form_select = text[text.index('name="form"') : text.index("</select>")]
    profile_select = text[text.index('name="profile"') :]
    profile_select = profile_select[: profile_select.index("</select>")]
    assert re.findall(r'<option value="([^"]+)"', form_select) == list(FORM_IDS)
    assert sorted(re.findall(r'<option value="([^"]+)"', profile_select)) == sorted(PROFILES)
    assert 'data-widget="assign"' in text and 'data-action="assign"' in text
