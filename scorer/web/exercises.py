"""JSON-in/JSON-out worker functions of the educator widgets: exercises and assignments.

The page sends the exercise exactly as the build embedded it (the inert JSON block of a
``wai-exercise`` widget) and the strings the student typed; everything else, including the attempt
rule for showing the solution, is decided here. The markup comes from :mod:`scorer.html.exercise`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..core.answers import ANSWER_LABELS
from ..core.assign import assign, assignments_csv, parse_roster, roster_from_count
from ..core.check import check
from ..core.compare import compare
from ..core.errors import ScorerError
from ..core.exercises import Exercise, Sheet, parse_exercise
from ..html.exercise import (
    assignments_html,
    check_html,
        sheet_label,
    solution_html,
)
from .inputs import answers_of, form_of, profile_of

__all__ = ["assign_roster", "check_exercise", "exercise_solution"]


SHEETS = ("main", "pair")


def _exercise(data: Any) -> Exercise:
    if not isinstance(data, Mapping):
        raise ScorerError("the exercise data on this page is missing or damaged; reload the page")
    return parse_exercise(data)


def _attempts(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ScorerError(f"attempts used must be a whole number 0 or more, not {raw!r}")
    return raw


def _sheets(exercise: Exercise) -> dict[str, Sheet]:
    out = {"main": exercise.sheet}
    if exercise.pair is not None:
        out["pair"] = exercise.pair
    return out


def _sheet_answers(sheet: Sheet, raw: Any, role: str) -> dict[str, Any]:
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise ScorerError('answers must be an object such as {"main": {"goal_sum": "48"}}')
    extra = [k for k in raw if k not in sheet.compute]
    if extra:
        asked = ", ".join(map(str, extra))
        raise ScorerError(f"{sheet_label(sheet.form_id)}: this exercise does not ask for {asked}")
    blank = [
        ANSWER_LABELS[k]
        for k in sheet.compute
        if raw.get(k) is None or (isinstance(raw.get(k), str) and not raw[k].strip())
    ]
    if blank:
        where = f" for the {sheet_label(sheet.form_id)}" if role == "pair" else ""
        raise ScorerError(f"Fill in every value{where} before checking; still empty: {', '.join(blank)}.")
    return answers_of(raw)


def check_exercise(exercise: Any, answers: Any, attempts_used: Any = 0) -> dict[str, Any]:
    """Check one attempt. Counts it (``attempts_used`` + 1) only when every value was filled in."""
    ex = _exercise(exercise)
    used = _attempts(attempts_used)
    if not isinstance(answers, Mapping):
        raise ScorerError('answers must be an object such as {"main": {"goal_sum": "48"}}')
    unknown = [k for k in answers if k not in _sheets(ex)]
    if unknown:
        raise ScorerError(f"unknown answer sheet(s) {', '.join(map(repr, unknown))}; expected main or pair")
    sheets = _sheets(ex)
    parsed = {role: _sheet_answers(sheet, answers.get(role), role) for role, sheet in sheets.items()}
    checks = {
        role: check(sheets[role].form_id, list(sheets[role].responses), parsed[role]).to_dict()
        for role in sheets
    }
    used += 1
    all_correct = all(c["all_correct"] for c in checks.values())
    available = all_correct or used >= ex.attempts
    if not available:  # the expected values wait until the solution may be shown
        for c in checks.values():
            for verdict in c["verdicts"].values():
                verdict.pop("expected", None)
    forms_by_role = {role: sheets[role].form_id for role in sheets}
    html = check_html(checks, forms_by_role, bool(ex.pair), used, ex.attempts,
                      all_correct=all_correct, available=available, typed=answers)
    left = max(0, ex.attempts - used)
    return {
        "exercise": ex.id,
        "all_correct": all_correct,
        "attempts_used": used,
        "attempts_left": left,
        "solution_available": available,
        "checks": checks,
        "html": html,
    }


def exercise_solution(exercise: Any, attempts_used: Any = 0, solved: Any = False) -> dict[str, Any]:
    """The worked solution, once the exercise's attempts are used up (or the student got it right)."""
    ex = _exercise(exercise)
    used = _attempts(attempts_used)
    if not (solved is True or used >= ex.attempts):
        raise ScorerError(
            f"The solution can be shown after {ex.attempts} checked "
            f"attempt{'s' if ex.attempts != 1 else ''}; "
            f"you have used {used}. Your answers are kept."
        )
    values: dict[str, dict[str, Any]] = {}
    for role, sheet in _sheets(ex).items():
        values[role] = {
            k: (v if v is None or isinstance(v, int) else round(v, 2)) for k, v in sheet.expected().items()
        }
    comparison = None
    if ex.pair is not None:
        comparison = compare(ex.sheet.result, ex.pair.result).to_dict()
    html = solution_html(_sheets(ex), comparison, ex.notes)
    return {
        "exercise": ex.id,
        "values": values,
        "html": html,
    }


def _roster(students: Any, count: Any) -> list[str]:
    has_students = isinstance(students, str) and students.strip()
    has_count = count not in (None, "")
    if has_students and has_count:
        raise ScorerError("give either a list of student ids or a number of students, not both")
    if has_students:
        return parse_roster(students, where="roster line")
    if has_count:
        text = str(count).strip()
        if not text.isdigit():
            raise ScorerError(f"the number of students must be a whole number, not {count!r}")
        return roster_from_count(int(text))
    raise ScorerError("paste the student ids (one per line) or give the number of students")


def assign_roster(
    form: Any,
    students: Any = "",
    count: Any = None,
    profile: Any = "random",
    key: Any = "",
    base_url: Any = "",
) -> dict[str, Any]:
    """Per-student cases, links and answer keys: the same CSV as ``wai-score assign``."""
    form_obj = form_of(form)
    prof = profile_of(profile)
    salt = "" if key is None else str(key).strip()
    base = "" if base_url is None else str(base_url)
    assignments = assign(_roster(students, count), form_obj.id, profile=prof, key=salt)
    rows = [a.row(base) for a in assignments]
    html = assignments_html(rows, form_obj, prof)
    return {
        "rows": rows,
        "csv": assignments_csv(assignments, base_url=base),
        "html": html,
        "filename": f"assignment-{form_obj.id}-{prof}{'-' + _safe(salt) if salt else ''}.csv",
    }


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:40] or "key"
