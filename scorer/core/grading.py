"""Grading a class: check every student's hand-scored values and summarise the common mistakes.

Input is a CSV with a header row. Columns:

- ``student`` (required): the student id;
- ``seed`` (a case from ``wai-score assign`` / the practice page) **or** ``exercise`` (an exercise id,
  looked up in the exercises file written by the site build, ``site/exercises/exercises.json``);
- ``profile`` (optional): the case profile; defaults to ``--profile`` (itself ``random``);
- ``form`` (optional): the form id of that row; defaults to ``--form`` (a student's hand-in line and
  the assignment CSV both carry it, so a row is never checked against another form's key);
- any of ``goal_sum task_sum bond_sum total_sum goal_mean task_mean bond_mean total_mean``: the
  student's values. A blank cell is "not answered"; ``not scorable`` (or ``n/s``) claims the value
  cannot be scored. For a patient–therapist exercise the therapist form's values go in
  ``pair_goal_sum`` ... ``pair_total_mean``.

Other columns (names, e-mail) are ignored, except that an unknown column that looks like a value
(starting with goal/task/bond/total, or ending in sum/mean) is refused: it is almost always a typo
that would silently leave a value ungraded.
Each value is checked with :func:`scorer.core.check.check`, so grading and the self-check always agree and
a wrong value carries the same diagnosed mistake code. A bad row is reported as ``FILE:LINE: reason``
and left out; the other rows are still graded.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .answers import ANSWER_KEYS
from .cases import PROFILES, generate
from .check import check
from .errors import ScorerError, shown
from .exercises import Exercise
from .forms import FORM_IDS, get_form

__all__ = ["FORMATS", "GradedRow", "Report", "grade", "grade_csv", "parse_value"]

FORMATS: tuple[str, ...] = ("text", "csv", "json")
PAIR_PREFIX = "pair_"
NOT_SCORABLE = frozenset({"not scorable", "n/s", "ns", "not-scorable"})
CSV_COLUMNS: tuple[str, ...] = (
    "student",
    "line",
    "seed",
    "exercise",
    "profile",
    "sheet",
    "value",
    "given",
    "expected",
    "correct",
    "mistake",
    "message",
)
_VALUE_LIKE = re.compile(r"^(pair_)?(goal|task|bond|total)|(sum|mean)s?$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


@dataclass(frozen=True)
class GradedRow:
    """One student's graded row. ``checks`` maps ``main`` (and ``pair``) to ``CheckResult.to_dict()``."""

    line: int
    student: str
    seed: int | None
    exercise: str | None
    profile: str | None
    checks: dict[str, dict[str, Any]]
    form: str | None = None  # the row's own form, when it differs from the report's

    def verdicts(self) -> Iterable[tuple[str, str, dict[str, Any]]]:
        for sheet, data in self.checks.items():
            for key, verdict in data["verdicts"].items():
                yield sheet, key, verdict

    @property
    def all_correct(self) -> bool:
        return all(data["all_correct"] for data in self.checks.values())


@dataclass
class Report:
    form_id: str
    source: str
    rows: list[GradedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Class totals and mistakes, most common first (by students affected, then by values)."""
        values = [(row, sheet, key, v) for row in self.rows for sheet, key, v in row.verdicts()]
        per_value: dict[str, dict[str, int]] = {}
        for _row, sheet, key, verdict in values:
            name = key if sheet == "main" else PAIR_PREFIX + key
            slot = per_value.setdefault(name, {"correct": 0, "graded": 0})
            slot["graded"] += 1
            slot["correct"] += bool(verdict["correct"])
        value_counts: Counter[str] = Counter()
        students: dict[str, set[str]] = {}
        examples: dict[str, set[str]] = {}
        for row, sheet, key, verdict in values:
            mistake = verdict.get("mistake")
            if verdict["correct"] or not mistake:
                continue
            code = mistake["code"]
            value_counts[code] += 1
            students.setdefault(code, set()).add(row.student)
            examples.setdefault(code, set()).add(key if sheet == "main" else PAIR_PREFIX + key)
        mistakes: list[dict[str, Any]] = [
            {
                "code": code,
                "students": len(students[code]),
                "values": value_counts[code],
                "in": [
                    k for k in (*ANSWER_KEYS, *(PAIR_PREFIX + a for a in ANSWER_KEYS)) if k in examples[code]
                ],
            }
            for code in value_counts
        ]
        mistakes.sort(key=lambda m: (-m["students"], -m["values"], m["code"]))
        return {
            "students": len(self.rows),
            "all_correct": sum(row.all_correct for row in self.rows),
            "values": len(values),
            "values_correct": sum(bool(v["correct"]) for *_, v in values),
            "per_value": per_value,
            "mistakes": mistakes,
            "bad_rows": len(self.errors),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form_id,
            "rows": [
                {
                    "line": r.line,
                    "student": r.student,
                    "seed": r.seed,
                    "exercise": r.exercise,
                    "profile": r.profile,
                    "form": r.form or self.form_id,
                    "all_correct": r.all_correct,
                    "checks": r.checks,
                }
                for r in self.rows
            ],
            "summary": self.summary(),
            "errors": list(self.errors),
        }


class RowError(ScorerError):
    pass


def parse_value(cell: str, column: str) -> float | int | str | None:
    """A student's value: a number, ``None`` (claims not scorable), or ``""`` (not answered).

    The hand-in line (:mod:`scorer.core.handin`) reads values with it, so the grader never refuses a
    line the hand-in accepted.
    """
    text = cell.strip()
    if not text:
        return ""
    if text.lower() in NOT_SCORABLE:
        return None
    if not _NUMBER.match(text):
        raise RowError(f"{column}: {cell!r} is not a number (use digits such as 4.25, or 'not scorable')")
    number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise RowError(f"{column}: {cell!r} is not a number")
    return int(number) if number.is_integer() and column.endswith("_sum") else number


def _answers(row: Mapping[str, str], prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ANSWER_KEYS:
        column = prefix + key
        if column in row and row[column] is not None:
            value = parse_value(row[column], column)
            if value != "":
                out[key] = value
    return out


def _columns(header: list[str], where: str) -> None:
    if "student" not in header:
        raise ScorerError(
            f"{where}:1: the header needs a 'student' column (found: {', '.join(header) or 'none'})"
        )
    if "seed" not in header and "exercise" not in header:
        raise ScorerError(f"{where}:1: the header needs a 'seed' or an 'exercise' column")
    known = {*ANSWER_KEYS, *(PAIR_PREFIX + k for k in ANSWER_KEYS)}
    for name in header:
        if _VALUE_LIKE.search(name) and name not in known:
            raise ScorerError(
                f"{where}:1: unknown value column {name!r}; value columns are {', '.join(ANSWER_KEYS)} "
                f"(and pair_... for a therapist form)"
            )
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise ScorerError(f"{where}:1: column {name!r} appears twice")
        seen.add(name)
    if not any(name in known for name in header):
        raise ScorerError(f"{where}:1: no value columns; give some of {', '.join(ANSWER_KEYS)}")


def _grade_row(
    row: Mapping[str, str], line: int, form_id: str, profile: str, exercises: Mapping[str, Exercise] | None
) -> GradedRow:
    student = (row.get("student") or "").strip()
    if not student:
        raise RowError("the student column is empty")
    own_form = (row.get("form") or "").strip().lower()
    if own_form and own_form not in FORM_IDS:
        raise RowError(f"form: unknown form {shown(own_form)}; known: {', '.join(FORM_IDS)}")
    other = own_form if own_form and own_form != form_id else None
    form_id = own_form or form_id
    seed_text = (row.get("seed") or "").strip()
    exercise_id = (row.get("exercise") or "").strip()
    if seed_text and exercise_id:
        raise RowError("give a seed or an exercise id, not both")
    if not seed_text and not exercise_id:
        raise RowError("give the case's seed or the exercise id")
    main = _answers(row, "")
    pair = _answers(row, PAIR_PREFIX)
    if not main and not pair:
        raise RowError("no values to grade (all value cells are blank)")
    checks: dict[str, dict[str, Any]] = {}
    if seed_text:
        # isdigit() alone accepts '²', which int() refuses.
        if not (seed_text.isascii() and seed_text.isdigit()):
            raise RowError(f"seed: {shown(seed_text)} is not a whole number 0 or more")
        if len(seed_text) > 20:  # int() refuses thousands of digits; seeds stop at 2**64 - 1
            raise RowError(f"seed: {shown(seed_text)} is too large; seeds run from 0 to 2**64 - 1")
        row_profile = (row.get("profile") or "").strip() or profile
        if row_profile not in PROFILES:
            raise RowError(f"profile: unknown profile {row_profile!r}; known: {', '.join(PROFILES)}")
        if pair:
            raise RowError("pair_... values only apply to a patient-therapist exercise")
        case = generate(form_id, int(seed_text), row_profile)
        checks["main"] = check(form_id, list(case.responses), main).to_dict()
        return GradedRow(line, student, int(seed_text), None, row_profile, checks, other)
    if exercises is None:
        raise RowError(f"exercise {exercise_id!r}: exercise ids need the exercises file (--exercises)")
    exercise = exercises.get(exercise_id)
    if exercise is None:
        raise RowError(f"exercise: unknown exercise id {exercise_id!r}")
    if exercise.form_id != form_id:
        raise RowError(f"exercise {exercise_id!r} uses the form {exercise.form_id}, not {form_id}")
    if main:
        checks["main"] = check(form_id, list(exercise.sheet.responses), main).to_dict()
    if pair:
        if exercise.pair is None:
            raise RowError(f"exercise {exercise_id!r} has no therapist form, but pair_... values were given")
        checks["pair"] = check(exercise.pair.form_id, list(exercise.pair.responses), pair).to_dict()
    return GradedRow(line, student, None, exercise_id, None, checks, other)


def grade_csv(
    text: str,
    form_id: str,
    *,
    profile: str = "random",
    exercises: Mapping[str, Exercise] | None = None,
    where: str = "answers.csv",
) -> Report:
    """Grade every row; bad rows go to ``Report.errors`` as ``where:LINE: reason``.

    A file that cannot be read as a grading sheet at all (no header, no student column) raises
    ``ScorerError``.
    """
    form = get_form(form_id)
    if profile not in PROFILES:
        raise ScorerError(f"unknown profile {profile!r}; known profiles: {', '.join(PROFILES)}")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise ScorerError(f"{where}: the file is empty; it needs a header row (student, seed, ...)") from None
    except csv.Error as exc:
        raise ScorerError(f"{where}:{reader.line_num}: not valid CSV ({exc})") from None
    header = [h.strip().lower() for h in header]
    _columns(header, where)
    report = Report(form.id, where)
    students: dict[str, int] = {}
    for cells in _records(reader, report.errors, where):
        line = reader.line_num  # the physical line where the record ends, as `wai-score score` reports
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            report.errors.append(
                f"{where}:{line}: {len(cells)} cells but the header has {len(header)} columns"
            )
            continue
        row = dict(zip(header, cells, strict=False))
        try:
            graded = _grade_row(row, line, form.id, profile, exercises)
        except ScorerError as exc:
            report.errors.append(f"{where}:{line}: {exc}")
            continue
        if graded.student in students:
            report.errors.append(
                f"{where}:{line}: student {graded.student!r} appears twice (first on line "
                f"{students[graded.student]}); this row was not graded"
            )
            continue
        students[graded.student] = line
        report.rows.append(graded)
    return report


def _records(reader: Any, errors: list[str], where: str) -> Iterable[list[str]]:
    """The reader's records; a CSV syntax error (e.g. a huge field) is reported and skipped."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors.append(f"{where}:{reader.line_num}: not valid CSV ({exc})")


def grade(rows: Iterable[Mapping[str, Any]], form_id: str, **kwargs: Any) -> Report:
    """Grade rows given as mappings (e.g. from JSON); same rules as :func:`grade_csv`."""
    rows = list(rows)
    header: list[str] = []
    for row in rows:
        header.extend(k for k in row if k not in header)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return grade_csv(buffer.getvalue(), form_id, **kwargs)
