"""Every CSV the site or the command line writes is safe to open in a spreadsheet (issue 12 item 7).

A hostile id or note (one a spreadsheet would run as a formula) goes in through each export and
comes out as text with a leading apostrophe, while the numbers in the same file stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from scorer.core.assign import assign, assignments_csv
from scorer.core.batch import score_text
from scorer.core.cases import generate
from scorer.core.grading import grade_csv
from scorer.core.handin import handin_line
from scorer.text.gradebook import gradebook_csv
from scorer.text.grading import format_report
from scorer.web import selfassessment as sa

HOSTILE = ["=HYPERLINK(\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _all_safe(text: str) -> None:
    for row in _cells(text):
        for cell in row:
            formula = cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not _number(cell))
            assert not formula, cell


def _defused(cell: str, raw: str) -> bool:
    """The hostile text came out with an apostrophe, or trimmed (an id loses its leading white space)."""
    return cell == "'" + raw or cell == raw.strip()


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("name", HOSTILE)
def test_assignments_csv(name: str) -> None:
    text = assignments_csv(assign([name, "ben"], "wai-s", profile="strong", key="k"))
    _all_safe(text)
    assert any(_defused(row[0], name) for row in _cells(text)[1:])


@pytest.mark.parametrize("name", HOSTILE)
def test_handin_line(name: str) -> None:
    case = generate("wai-s", 5, "strong")
    value = case.result.subscales["goal"].sum
    line = handin_line(name, "wai-s", seed="5", profile="strong", values={"goal_sum": str(value)})["line"]
    _all_safe(line)
    assert _defused(_cells(line)[0][0], name)


def _class(name: str) -> str:
    case = generate("wai-s", 5, "strong")
    quoted = '"' + name.replace('"', '""') + '"'
    return f"student,seed,profile,goal_sum\n{quoted},5,strong,{case.result.subscales['goal'].sum + 1}\n"


@pytest.mark.parametrize("name", HOSTILE)
def test_grade_report_and_gradebook(name: str) -> None:
    report = grade_csv(_class(name), "wai-s")
    for text in (format_report(report, "csv"), gradebook_csv(report)):
        _all_safe(text)
        assert _defused(_cells(text)[1][0], name)
    assert _cells(gradebook_csv(report))[1][1:3] == ["0", "1"]  # the grade stays a number


@pytest.mark.parametrize("note", HOSTILE)
def test_self_assessment_csv(note: str) -> None:
    history = sa.sa_record(None, [6] * 36, "2026-01-15", "2026-01-15T08:00:00Z", patient_label=note,
                           reflections={"use-name": note})["history"]
    text = sa.sa_export_csv(history)["text"]
    _all_safe(text)
    row = _cells(text)[1]
    assert _defused(row[1], note)  # the patient label
    assert any(_defused(cell, note) for cell in row[2:])  # the reflection


@pytest.mark.parametrize("ident", [*HOSTILE[:4], "-7"])
def test_cli_score_output(ident: str) -> None:
    answers = ",".join(["4"] * 12)
    quoted = '"' + ident.replace('"', '""') + '"'
    for line in (f"{quoted},{answers}", f"{quoted},{answers[:-1]}"):  # fast path and general path
        header = "id," + ",".join(f"item{i}" for i in range(1, 13))
        out, errors = score_text("wai-s", header + "\n" + line + "\n")
        rows = _cells(out)
        _all_safe(out)
        expected = ident if _number(ident) else "'" + ident
        assert rows[1][0] == expected and rows[1][1] == "16", (out, errors)


def test_cli_fast_path_neutralises_unquoted_ids() -> None:
    text = "id," + ",".join(f"item{i}" for i in range(1, 13)) + "\n@x," + ",".join(["4"] * 12) + "\n"
    out = subprocess.run([sys.executable, "-m", "scorer", "score", "--form", "wai-s", "-"], input=text,
                         capture_output=True, text=True, check=True).stdout
    assert _cells(out)[1][0] == "'@x"
    assert json.dumps(_cells(out)[1][1]) == '"16"'
