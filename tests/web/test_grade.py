"""scorer.web.grade: the grading page shows what `wai-score grade` prints, hand-in lines grade with
or without a header, and both worker functions are registered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from grade_report import cli_parts, page_parts

from scorer import web
from scorer.cli import main
from scorer.core.assign import assign, assignments_csv
from scorer.core.cases import generate
from scorer.core.errors import ScorerError
from scorer.core.exercises import parse_exercises
from scorer.core.grading import grade_csv
from scorer.core.handin import handin_line
from scorer.text.gradebook import gradebook_csv
from scorer.text.grading import format_report
from scorer.web.grade import grade_class

ROOT = Path(__file__).resolve().parents[2]
CLASS = ROOT / "tests" / "data" / "grade_class.csv"
PAIR_EXERCISE = json.loads((ROOT / "tests" / "data" / "pair_exercise.json").read_text(encoding="utf-8"))


def _cli_text(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *args: str) -> str:
    path = tmp_path / "answers.csv"
    path.write_text(text, encoding="utf-8")
    exercises = tmp_path / "exercises.json"
    exercises.write_text(json.dumps({"exercises": [PAIR_EXERCISE]}), encoding="utf-8")
    main(["grade", *args, "--exercises", str(exercises), path.name])
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "args", [("--form", "wai-s", "--profile", "strong"), ("--form", "wai", "--profile", "random")]
)
def test_page_shows_exactly_what_the_command_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    text = CLASS.read_text(encoding="utf-8")
    cli = cli_parts(_cli_text(tmp_path, capsys, text, *args))
    page = grade_class(text, args[1], args[3], {"exercises": [PAIR_EXERCISE]}, "answers.csv")
    assert cli[0], "the command graded no student"
    assert page_parts(page["html"]) == cli
    assert page["text"] == _cli_text(tmp_path, capsys, text, *args)


def _handin_lines() -> list[str]:
    lines = []
    for student, seed in (("ava", 3), ("bo, jr", 4)):
        right = generate("wai-s", seed, "strong").result.subscales["goal"].sum
        values = {"goal_sum": str(right), "total_sum": "99", "goal_mean": "3.5"}
        lines.append(handin_line(student, "wai-s", str(seed), None, "strong", values)["line"])
    lines.append(
        handin_line("cy", "wai-s", None, "test-pair", None, {"goal_mean": "6"}, {"total_mean": "4"})["line"]
    )
    return lines


def test_handin_lines_grade_the_same_with_or_without_a_header() -> None:
    lines = _handin_lines()
    header = handin_line("x", "wai", "1", None, "random", {"goal_sum": "1"})["header"]
    ex = {"exercises": [PAIR_EXERCISE]}
    bare = grade_class("\n".join(lines) + "\n", "wai", "random", ex)
    headed = grade_class(header + "\n" + "\n".join(lines) + "\n", "wai", "random", ex)
    assert bare["students"] == headed["students"] == 3
    assert bare["summary"] == headed["summary"]
    assert bare["gradebook"] == headed["gradebook"]
    assert bare["summary"]["values_correct"] < bare["summary"]["values"]  # the lines hold mistakes


def test_bare_handin_lines_keep_their_own_line_numbers() -> None:
    lines = _handin_lines()
    bad = lines[0].replace(",wai-s,", ",wai-q,", 1)
    result = grade_class("\n".join([lines[1], bad]) + "\n", "wai-s", "random", None)
    assert result["errors"] == [
        "pasted answers:2: form: unknown form 'wai-q'; known: wai, wai-t, wai-s, wai-sr"
    ]
    assert result["message"] == "Graded 1 student; 1 row could not be graded (listed below)."


def test_a_first_line_that_is_neither_header_nor_handin_is_refused() -> None:
    with pytest.raises(ScorerError, match=r"pasted answers:1: the first line is neither"):
        grade_class("ava,3,24\n", "wai-s")
    with pytest.raises(ScorerError, match="Paste the class"):
        grade_class("  \n", "wai-s")


def test_worker_functions_are_registered() -> None:
    reply = json.loads(web.dispatch("grade_class", json.dumps({"text": "", "form": "wai-s"})))
    assert reply == {"ok": False, "error": "Paste the class's answers (CSV) or open a CSV file first."}
    reply = json.loads(
        web.dispatch(
            "handin",
            json.dumps(
                {
                    "student": "ava",
                    "form": "wai-s",
                    "seed": 3,
                    "profile": "random",
                    "values": {"goal_sum": "24"},
                }
            ),
        )
    )
    assert reply["ok"] and reply["value"]["line"].startswith("ava,wai-s,3,,random,24,")


def test_the_assignment_key_grades_all_correct_whatever_form_is_chosen() -> None:
    """The key from `wai-score assign` names its form; each row is checked against that form's key."""
    key = assignments_csv(assign(["ana", "ben", "cai"], "wai", profile="weak-bond", key="week-3"))
    for chosen in ("wai", "wai-s"):
        result = grade_class(key, chosen, "random")
        assert result["errors"] == []
        assert result["summary"]["values_correct"] == result["summary"]["values"] == 24
    mislabelled = key.replace(",wai,", ",wai-sr,")  # the same numbers claimed for another form
    assert grade_class(mislabelled, "wai", "random")["summary"]["values_correct"] < 24


def test_the_page_offers_the_gradebook_of_the_graded_report() -> None:
    text = CLASS.read_text(encoding="utf-8")
    result = grade_class(text, "wai-s", "strong", {"exercises": [PAIR_EXERCISE]}, "week 3.csv")
    report = grade_csv(text, "wai-s", profile="strong", exercises=parse_exercises([PAIR_EXERCISE]),
                       where="week 3.csv")
    assert result["gradebook"] == {"csv": gradebook_csv(report), "filename": "grades-week-3.csv"}
    assert result["text"] == format_report(report, "text")

