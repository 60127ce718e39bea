"""scorer.core.handin: a student's hand-in line has the grader's columns, refuses bad input in one
line, and grades exactly as typed (against the row's own form)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from scorer.core.answers import ANSWER_KEYS
from scorer.core.cases import generate
from scorer.core.check import check
from scorer.core.errors import ScorerError
from scorer.core.grading import grade_csv
from scorer.core.handin import HANDIN_COLUMNS, handin_line

ROOT = Path(__file__).resolve().parents[2]


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
        ({"exercise": "Not An Id", "seed": None}, "not a valid id"),
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


def test_a_handin_row_is_checked_against_its_own_form() -> None:
    right = generate("wai-s", 3, "strong").result.subscales["goal"].sum
    out = handin_line("ava", "wai-s", "3", None, "strong", {"goal_sum": str(right), "total_sum": "99"})
    report = grade_csv(out["header"] + "\n" + out["line"] + "\n", "wai")  # the page's default is wai
    assert report.rows[0].form == "wai-s"
    given = {k: v["given"] for k, v in report.rows[0].checks["main"]["verdicts"].items()}
    expected = check("wai-s", list(generate("wai-s", 3, "strong").responses), given).to_dict()
    assert report.rows[0].checks["main"] == expected
    assert expected["verdicts"]["goal_sum"]["correct"] and not expected["verdicts"]["total_sum"]["correct"]


def test_handin_columns_are_the_graders_and_documented() -> None:
    assert set(ANSWER_KEYS) <= set(HANDIN_COLUMNS)
    page = (ROOT / "docs" / "educators" / "grade.md").read_text(encoding="utf-8")
    assert ",".join(HANDIN_COLUMNS) in page
