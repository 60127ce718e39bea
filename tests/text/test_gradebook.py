"""scorer.text.gradebook: one row per student with the grade, the number asked, feedback and a
verdict per value, in the columns docs/educators/grade.md documents."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from scorer.core.exercises import parse_exercises
from scorer.core.grading import grade_csv
from scorer.text.gradebook import GRADEBOOK_COLUMNS, PAIR_COLUMNS, feedback_text, gradebook_csv

ROOT = Path(__file__).resolve().parents[2]
CLASS = ROOT / "tests" / "data" / "grade_class.csv"
PAIR_EXERCISE = json.loads((ROOT / "tests" / "data" / "pair_exercise.json").read_text(encoding="utf-8"))


def test_gradebook_columns_grade_and_feedback() -> None:
    text = CLASS.read_text(encoding="utf-8")
    report = grade_csv(text, "wai-s", profile="strong", exercises=parse_exercises([PAIR_EXERCISE]))
    assert any("pair" in row.checks for row in report.rows)
    book = gradebook_csv(report)
    header = book.split("\r\n", 1)[0].split(",")
    assert tuple(header) == GRADEBOOK_COLUMNS + PAIR_COLUMNS  # the class holds a pair exercise
    graded = {r["student"]: r for r in csv.DictReader(io.StringIO(book))}
    assert list(graded) == [row.student for row in report.rows]
    assert any(int(r["grade"]) < int(r["out_of"]) for r in graded.values()), "the class has mistakes"
    for row in report.rows:
        verdicts = list(row.verdicts())
        out = graded[row.student]
        assert int(out["out_of"]) == len(verdicts)
        assert int(out["grade"]) == sum(v["correct"] for *_, v in verdicts)
        assert out["feedback"] == feedback_text(row)
        assert out["feedback"].startswith(f"{out['grade']} of {out['out_of']} values correct.")
        for sheet, key, v in verdicts:
            cell = out[key if sheet == "main" else "pair_" + key]
            assert cell == ("correct" if v["correct"] else f"wrong: {v['mistake']['code']}")


def test_no_pair_columns_without_a_pair_exercise() -> None:
    report = grade_csv("student,seed,goal_sum\nava,3,1\n", "wai-s")
    assert tuple(gradebook_csv(report).split("\r\n", 1)[0].split(",")) == GRADEBOOK_COLUMNS


def test_documented_gradebook_columns_match() -> None:
    page = (ROOT / "docs" / "educators" / "grade.md").read_text(encoding="utf-8")
    documented = re.search(r"```text\n(student,grade,[^\n]+)\n```", page)
    assert documented, "docs/educators/grade.md must show the gradebook header in a text block"
    assert tuple(documented.group(1).split(",")) == GRADEBOOK_COLUMNS
    assert ", ".join(f"`{c}`" for c in PAIR_COLUMNS[:1]) in page
