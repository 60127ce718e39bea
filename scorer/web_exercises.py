"""JSON-in/JSON-out functions for the educator widgets: exercises and assignments.

Kept apart from ``scorer.web`` (which lists these in its ``FUNCTIONS`` table) so the educator
features stay one module. The page sends the exercise exactly as the build embedded it (the inert
JSON block of a ``wai-exercise`` widget) and the strings the student typed; everything else, including
the attempt rule for showing the solution, is decided here. ``scorer.web`` is imported inside the
functions because it imports this module while it loads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from typing import Any

from . import render
from .assign import CSV_COLUMNS, assign, assignments_csv, parse_roster, roster_from_count
from .compare import compare
from .errors import ScorerError
from .exercises import Exercise, Sheet, parse_exercise
from .forms import get_form

__all__ = ["FUNCTIONS", "assign_roster", "check_exercise", "exercise_solution"]

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


def _who(sheet: Sheet) -> str:
    form = get_form(sheet.form_id)
    return f"{form.short_name} ({'therapist' if form.respondent == 'therapist' else 'patient'})"


def _sheet_answers(sheet: Sheet, raw: Any, role: str) -> dict[str, Any]:
    from .web import ANSWER_LABELS, _answers

    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise ScorerError('answers must be an object such as {"main": {"goal_sum": "48"}}')
    extra = [k for k in raw if k not in sheet.compute]
    if extra:
        raise ScorerError(f"{_who(sheet)}: this exercise does not ask for {', '.join(map(str, extra))}")
    blank = [
        ANSWER_LABELS[k]
        for k in sheet.compute
        if raw.get(k) is None or (isinstance(raw.get(k), str) and not raw[k].strip())
    ]
    if blank:
        where = f" for the {_who(sheet)}" if role == "pair" else ""
        raise ScorerError(f"Fill in every value{where} before checking; still empty: {', '.join(blank)}.")
    return _answers(raw)


def check_exercise(exercise: Any, answers: Any, attempts_used: Any = 0) -> dict[str, Any]:
    """Check one attempt. Counts it (``attempts_used`` + 1) only when every value was filled in."""
    from .check import check
    from .web import _feedback_html

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
    parts = []
    for role, data in checks.items():
        heading = (
            f'<p class="wai-check-sheet"><strong>{escape(_who(sheets[role]))}</strong></p>' if ex.pair else ""
        )
        feedback = _feedback_html(data, answers.get(role))
        parts.append(f'<div class="wai-check-part" data-sheet="{role}">{heading}{feedback}</div>')
    left = max(0, ex.attempts - used)
    if all_correct:
        note = "Well done: every value is right. The worked solution is available if you want to compare."
    elif available:
        note = "You can now show the worked solution, or keep trying."
    else:
        note = f"{left} more checked attempt{'s' if left != 1 else ''} before the solution can be shown."
    html = "".join(parts) + f'<p class="wai-attempt-note">{escape(note)}</p>'
    return {
        "exercise": ex.id,
        "all_correct": all_correct,
        "attempts_used": used,
        "attempts_left": left,
        "solution_available": available,
        "checks": checks,
        "html": html,
    }


def _comparison_html(exercise: Exercise) -> str:
    assert exercise.pair is not None
    data = compare(exercise.sheet.result, exercise.pair.result).to_dict()
    rows = []
    for name in ("goal", "task", "bond", "total"):
        part = data["total"] if name == "total" else data["subscales"][name]
        cells = [part.get("patient_mean"), part.get("therapist_mean"), part.get("difference")]
        text = ["not scorable" if v is None else f"{v:.2f}" for v in cells]
        flag = "yes" if part.get("flagged") else "no"
        rows.append(
            f'<tr data-row="{name}"><th scope="row">{name.capitalize()}</th>'
            + "".join(f"<td>{escape(t)}</td>" for t in text)
            + f"<td>{flag}</td></tr>"
        )
    metric = escape(str(data.get("metric", "item mean")))
    note = (
        "The two forms use different scales, so both means were first converted to the 1–7 metric."
        if data.get("rescaled")
        else ""
    )
    return (
        f'<table class="wai-compare-table"><caption>Patient and therapist ({metric})</caption>'
        '<thead><tr><th scope="col">Scale</th><th scope="col">Patient</th><th scope="col">Therapist</th>'
        '<th scope="col">Difference</th><th scope="col">Worth discussing</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        + (f"<p>{escape(note)}</p>" if note else "")
        + f"<p>{escape(str(data.get('summary', '')))}</p>"
    )


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
    parts = []
    values: dict[str, dict[str, Any]] = {}
    for role, sheet in _sheets(ex).items():
        expected = sheet.expected()
        values[role] = {
            k: (v if v is None or isinstance(v, int) else round(v, 2)) for k, v in expected.items()
        }
        parts.append(
            f'<section class="wai-solution-sheet" data-sheet="{role}"><h4>{escape(_who(sheet))}</h4>'
            f"{render.steps_html(sheet.result)}"
            f"{render.results_table_html(sheet.result, caption=f'Answer key: {_who(sheet)}')}</section>"
        )
    if ex.pair is not None:
        parts.append(
            f'<section class="wai-solution-compare"><h4>Comparison</h4>{_comparison_html(ex)}</section>'
        )
    if ex.notes:
        parts.append(
            f'<div class="wai-solution-notes"><p><strong>Teaching note.</strong> {escape(ex.notes)}</p></div>'
        )
    return {
        "exercise": ex.id,
        "values": values,
        "html": f'<div class="wai-solution-body">{"".join(parts)}</div>',
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
    from .web import ANSWER_LABELS, _form, _profile

    form_obj = _form(form)
    prof = _profile(profile)
    salt = "" if key is None else str(key).strip()
    base = "" if base_url is None else str(base_url)
    assignments = assign(_roster(students, count), form_obj.id, profile=prof, key=salt)
    rows = [a.row(base) for a in assignments]
    # Readable headings on screen; the CSV keeps the command line's column names.
    headings = {"student": "Student", "seed": "Case number", "link": "Link", **ANSWER_LABELS}
    shown = [c for c in CSV_COLUMNS if c not in ("form", "profile")]
    head = "".join(f'<th scope="col">{escape(headings.get(c, c))}</th>' for c in shown)
    body = []
    for row in rows:
        cells = [
            f'<th scope="row">{escape(row["student"])}</th>',
            f"<td>{row['seed']}</td>",
            f'<td><a href="{escape(row["link"])}">open case</a></td>',
        ]
        for name in CSV_COLUMNS[5:]:
            value = row[name]
            cells.append(f"<td>{'not scorable' if value is None else escape(render_number(value))}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    html = (
        f'<table class="wai-assign-table"><caption>{len(rows)} assignment{"s" if len(rows) != 1 else ""}: '
        f"{escape(form_obj.short_name)}, profile {escape(prof)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
    return {
        "rows": rows,
        "csv": assignments_csv(assignments, base_url=base),
        "html": html,
        "filename": f"assignment-{form_obj.id}-{prof}{'-' + _safe(salt) if salt else ''}.csv",
    }


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:40] or "key"


def render_number(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:.2f}"


FUNCTIONS = {
    "check_exercise": check_exercise,
    "exercise_solution": exercise_solution,
    "assign_roster": assign_roster,
}
