"""scorer.web_grade, scorer.handin, scorer.gradebook: the grading page shows what `wai-score grade` prints,
hand-in lines grade with or without a header, and the gradebook CSV has the documented columns."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from grade_report import cli_parts, page_parts

from scorer import web
from scorer.cases import generate
from scorer.check import ANSWER_KEYS, check
from scorer.cli import main
from scorer.errors import ScorerError
from scorer.exercises import parse_exercises
from scorer.gradebook import GRADEBOOK_COLUMNS, PAIR_COLUMNS
from scorer.grading import grade_csv
from scorer.handin import HANDIN_COLUMNS, handin_line
from scorer.web_grade import grade_class

ROOT = Path(__file__).resolve().parents[1]
CLASS = ROOT / "tests" / "data" / "grade_class.csv"
PAIR_EXERCISE = {
    "id": "test-pair",
    "form": "wai-s",
    "vignette": "A test pair.",
    "responses": [7, 7, 7, 2, 6, 7, 6, 5, 7, 2, 6, 5],
    "compute": ["goal_mean", "total_mean"],
    "pair": {"form": "wai-t", "seed": 4, "profile": "strong"},
}


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
    # The rows use their own form (wai-s), not the page's default (wai).
    report = grade_csv(header + "\n" + lines[0] + "\n", "wai")
    given = {k: v["given"] for k, v in report.rows[0].checks["main"]["verdicts"].items()}
    expected = check("wai-s", list(generate("wai-s", 3, "strong").responses), given).to_dict()
    assert report.rows[0].checks["main"] == expected
    assert expected["verdicts"]["goal_sum"]["correct"] and not expected["verdicts"]["total_sum"]["correct"]


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


def test_gradebook_columns_grade_and_feedback(tmp_path: Path) -> None:
    text = CLASS.read_text(encoding="utf-8")
    result = grade_class(text, "wai-s", "strong", {"exercises": [PAIR_EXERCISE]})
    rows = list(csv.DictReader(io.StringIO(result["gradebook"]["csv"])))
    header = result["gradebook"]["csv"].split("\r\n", 1)[0].split(",")
    assert tuple(header) == GRADEBOOK_COLUMNS + PAIR_COLUMNS  # the class holds a pair exercise
    report = grade_csv(text, "wai-s", profile="strong", exercises=parse_exercises([PAIR_EXERCISE]))
    assert any("pair" in row.checks for row in report.rows)
    graded = {r["student"]: r for r in rows}
    assert list(graded) == [row.student for row in report.rows]
    for row in report.rows:
        verdicts = list(row.verdicts())
        out = graded[row.student]
        assert int(out["out_of"]) == len(verdicts)
        assert int(out["grade"]) == sum(v["correct"] for *_, v in verdicts)
        assert out["feedback"].startswith(f"{out['grade']} of {out['out_of']} values correct.")
        for sheet, key, v in verdicts:
            cell = out[key if sheet == "main" else "pair_" + key]
            assert cell == ("correct" if v["correct"] else f"wrong: {v['mistake']['code']}")


def test_documented_gradebook_columns_match() -> None:
    page = (ROOT / "docs" / "educators" / "grade.md").read_text(encoding="utf-8")
    documented = re.search(r"```text\n(student,grade,[^\n]+)\n```", page)
    assert documented, "docs/educators/grade.md must show the gradebook header in a text block"
    assert tuple(documented.group(1).split(",")) == GRADEBOOK_COLUMNS
    assert ", ".join(f"`{c}`" for c in PAIR_COLUMNS[:1]) in page


def test_documented_handin_columns_match() -> None:
    page = (ROOT / "docs" / "educators" / "grade.md").read_text(encoding="utf-8")
    assert ",".join(HANDIN_COLUMNS) in page


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"student": " "}, "Type your student id"),
        ({"student": "a\nb"}, "spans lines"),
        ({"values": {"goal_sum": "twelve"}}, "goal_sum: 'twelve' is not a number"),
        ({"values": {}}, "every box is empty"),
        ({"values": {"goal_summ": "1"}}, "unknown value"),
        ({"seed": "-3"}, "not a whole number"),
        ({"exercise": "x"}, "either a case number"),
        ({"profile": "nice"}, "unknown profile"),
        ({"form": "wai-q"}, "form must be one of"),
        ({"pair": {"goal_sum": "3"}}, "only a patient-therapist exercise"),
    ],
)
def test_handin_refuses_bad_input(kwargs: dict, message: str) -> None:
    args = {"student": "ava", "form": "wai-s", "seed": "5", "profile": "random", "values": {"goal_sum": "20"}}
    args.update(kwargs)
    with pytest.raises(ScorerError, match=message):
        handin_line(**args)


def test_handin_line_quotes_and_round_trips_through_the_grader() -> None:
    out = handin_line('Bo "B", Jr', "wai-s", "7", None, "random", {"goal_sum": " 20 ", "bond_mean": "5,5"})
    cells = next(csv.reader(io.StringIO(out["line"])))
    assert len(cells) == len(HANDIN_COLUMNS)
    row = dict(zip(HANDIN_COLUMNS, cells, strict=True))
    assert row["student"] == 'Bo "B", Jr' and row["goal_sum"] == "20" and row["bond_mean"] == "5,5"
    assert out["filename"] == "handin-Bo-B-Jr-case-7.csv"
    report = grade_csv(out["header"] + "\n" + out["line"] + "\n", "wai")
    assert not report.errors and report.rows[0].student == 'Bo "B", Jr'
    assert set(report.rows[0].checks["main"]["verdicts"]) == {"goal_sum", "bond_mean"}


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
    assert set(ANSWER_KEYS) <= set(HANDIN_COLUMNS)


def test_the_assignment_key_grades_all_correct_whatever_form_is_chosen() -> None:
    """The key from `wai-score assign` names its form; each row is checked against that form's key."""
    from scorer.assign import assign, assignments_csv

    key = assignments_csv(assign(["ana", "ben", "cai"], "wai", profile="weak-bond", key="week-3"))
    for chosen in ("wai", "wai-s"):
        result = grade_class(key, chosen, "random")
        assert result["errors"] == []
        assert result["summary"]["values_correct"] == result["summary"]["values"] == 24
    mislabelled = key.replace(",wai,", ",wai-sr,")  # the same numbers claimed for another form
    assert grade_class(mislabelled, "wai", "random")["summary"]["values_correct"] < 24
