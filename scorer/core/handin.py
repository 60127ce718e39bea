"""A student's hand-in: one CSV line in exactly the columns the grading page and ``wai-score grade`` read.

Every line has the same columns (``HANDIN_COLUMNS``), whether it comes from an assigned case or an
exercise, so an educator can paste many students' lines, with or without the header, into one box.
The values are the strings the student typed, checked here with the grader's own reader, so a line
that passes here is never refused by the grader for a value's spelling. The widget's markup is
:mod:`scorer.html.handin`; the worker function is :mod:`scorer.web.grade`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from typing import Any

from .answers import ANSWER_KEYS
from .cases import PROFILES
from .csvsafe import safe_values
from .errors import ScorerError, shown
from .exercises import EXERCISE_ID
from .forms import FORM_IDS
from .grading import PAIR_PREFIX, parse_value

__all__ = ["HANDIN_COLUMNS", "MAX_ID", "handin_line"]

HANDIN_COLUMNS: tuple[str, ...] = (
    "student",
    "form",
    "seed",
    "exercise",
    "profile",
    *ANSWER_KEYS,
    *(PAIR_PREFIX + key for key in ANSWER_KEYS),
)
MAX_ID = 100


def _student(raw: Any) -> str:
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        raise ScorerError("Type your student id first (the one your course uses).")
    if len(text) > MAX_ID or any(ch in text for ch in "\r\n\t"):
        raise ScorerError(
            f"Your student id {shown(text)} is too long or spans lines; use the id your course uses."
        )
    return text


def _cells(raw: Any, prefix: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ScorerError('values must be an object such as {"goal_sum": "24"}')
    out: dict[str, str] = {}
    for key, value in raw.items():
        if key not in ANSWER_KEYS:
            raise ScorerError(f"unknown value {shown(key)}; values are {', '.join(ANSWER_KEYS)}")
        text = value.strip() if isinstance(value, str) else ""
        if text:
            parse_value(text, prefix + key)  # the grader's reader: a bad number is refused here already
            out[prefix + key] = text
    return out


def handin_line(
    student: Any,
    form: Any,
    seed: Any = None,
    exercise: Any = None,
    profile: Any = None,
    values: Any = None,
    pair: Any = None,
) -> dict[str, str]:
    """The hand-in line (no header), the header, and a file name for a download."""
    who = _student(student)
    form_id = form.strip() if isinstance(form, str) else ""
    if form_id not in FORM_IDS:
        raise ScorerError(f"form must be one of {', '.join(FORM_IDS)}, not {shown(form)}")
    seed_text = str(seed).strip() if seed not in (None, "") else ""
    exercise_id = exercise.strip() if isinstance(exercise, str) else ""
    if bool(seed_text) == bool(exercise_id):
        raise ScorerError("a hand-in names either a case number (seed) or an exercise id")
    row = dict.fromkeys(HANDIN_COLUMNS, "")
    row.update(student=who, form=form_id)
    if seed_text:
        if not (seed_text.isascii() and seed_text.isdigit() and len(seed_text) <= 20):
            raise ScorerError(f"The case number {shown(seed_text)} is not a whole number 0 or more.")
        prof = profile.strip() if isinstance(profile, str) else ""
        if prof not in PROFILES:
            raise ScorerError(f"unknown profile {shown(profile)}; known: {', '.join(PROFILES)}")
        row.update(seed=str(int(seed_text)), profile=prof)
        if pair:
            raise ScorerError("only a patient-therapist exercise has therapist (pair) values")
    else:
        if len(exercise_id) > MAX_ID or not EXERCISE_ID.match(exercise_id):
            raise ScorerError(f"exercise id {shown(exercise_id)} is not a valid id")
        row["exercise"] = exercise_id
    given = {**_cells(values, ""), **_cells(pair, PAIR_PREFIX)}
    if not given:
        raise ScorerError("Fill in the values you worked out before handing in; every box is empty.")
    row.update(given)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HANDIN_COLUMNS)
    header = buffer.getvalue().rstrip("\n")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(safe_values([row[c] for c in HANDIN_COLUMNS]))
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", who).strip("-")[:40] or "student"
    target = f"case-{row['seed']}" if seed_text else exercise_id
    return {
        "line": buffer.getvalue().rstrip("\n"),
        "header": header,
        "filename": f"handin-{name}-{target}.csv",
    }
