"""A graded class as a CSV for a learning platform's gradebook import (Moodle, Canvas, ...).

One row per student: the id as the class CSV gave it, a numeric grade (values correct), the number
of values asked, a feedback text, then one verdict per value. The columns are documented on
``docs/educators/grade.md``; the tests check the two agree.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..core.answers import ANSWER_KEYS
from ..core.csvsafe import safe_values
from ..core.grading import PAIR_PREFIX, GradedRow, Report
from .grading import value_label, value_text

__all__ = ["GRADEBOOK_COLUMNS", "PAIR_COLUMNS", "feedback_text", "gradebook_csv"]

GRADEBOOK_COLUMNS: tuple[str, ...] = ("student", "grade", "out_of", "feedback", *ANSWER_KEYS)
#: Added after the others only when the class includes a patient-therapist exercise.
PAIR_COLUMNS: tuple[str, ...] = tuple(PAIR_PREFIX + key for key in ANSWER_KEYS)


def _verdict(verdict: dict[str, Any]) -> str:
    if verdict["correct"]:
        return "correct"
    mistake = (verdict.get("mistake") or {}).get("code", "unknown")
    return f"wrong: {mistake}"


def feedback_text(row: GradedRow) -> str:
    """What a student reads in the gradebook: the count, then each wrong value with its diagnosis."""
    verdicts = list(row.verdicts())
    right = sum(bool(v["correct"]) for *_, v in verdicts)
    parts = [f"{right} of {len(verdicts)} values correct."]
    for sheet, key, v in verdicts:
        if v["correct"]:
            continue
        mistake = v.get("mistake") or {}
        message = mistake.get("message", "")
        parts.append(
            f"{value_label(sheet, key)}: you gave {value_text(v['given'])}, "
            f"expected {value_text(v['expected'])}"
            + (f". {message}" if message else ".")
        )
    return " ".join(parts)


def gradebook_csv(report: Report) -> str:
    """The gradebook CSV (header row first); blank verdict cells are values that were not asked."""
    with_pair = any("pair" in row.checks for row in report.rows)
    columns = GRADEBOOK_COLUMNS + (PAIR_COLUMNS if with_pair else ())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in report.rows:
        verdicts = list(row.verdicts())
        cells = dict.fromkeys(columns, "")
        cells.update(
            student=row.student,
            grade=str(sum(bool(v["correct"]) for *_, v in verdicts)),
            out_of=str(len(verdicts)),
            feedback=feedback_text(row),
        )
        for sheet, key, v in verdicts:
            cells[value_label(sheet, key)] = _verdict(v)
        writer.writerow(safe_values([cells[c] for c in columns]))
    return buffer.getvalue()
