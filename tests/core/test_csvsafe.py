"""scorer.core.csvsafe: text that could start a spreadsheet formula is neutralised, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.core.csvsafe import TRIGGERS, safe_cell, safe_row, safe_text, safe_values

HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "+SUM(1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=",
    "-",
]
NUMBERS = ["-3", "+2", "-0.75", "0.5", "-.5", "12", "-1e3", "4.00"]
PLAIN = ["ana", "student-01", "knee 3", "", "a=b", "x+y", "mail@example.org", " =1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_that_could_start_a_formula_becomes_text(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", NUMBERS + PLAIN)
def test_numbers_and_plain_text_are_left_alone(text: str) -> None:
    assert safe_cell(text) == text
    assert safe_text(text) == text


@pytest.mark.parametrize("value", [-3, 2.5, 0, None, True])
def test_values_that_are_not_text_are_left_alone(value: object) -> None:
    assert safe_cell(value) is value


def test_rows_and_through_the_csv_module() -> None:
    row = {"student": "=cmd", "seed": 17, "goal_sum": -2, "note": "-note"}
    assert safe_row(row) == {"student": "'=cmd", "seed": 17, "goal_sum": -2, "note": "'-note"}
    assert safe_values(["@x", -1.5, "ok"]) == ["'@x", -1.5, "ok"]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(safe_values(['=HYPERLINK("a","x")', -4]))
    assert buffer.getvalue() == '"\'=HYPERLINK(""a"",""x"")",-4\n'


@given(st.text(max_size=20))
def test_no_written_text_cell_can_start_a_formula(text: str) -> None:
    out = safe_cell(text)
    assert isinstance(out, str)
    assert out in (text, "'" + text)
    if out.startswith(TRIGGERS):
        float(out)  # only a number may still begin with a sign
