"""The markup of the educator widgets' worker replies: check feedback, worked solution, assignments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..core.answers import ANSWER_LABELS, PARTS
from ..core.assign import CSV_COLUMNS
from ..core.exercises import Sheet
from ..core.forms import Form, get_form
from ..core.numbers import exact
from ..core.numbers import mean as mean_text
from . import render
from .feedback import feedback_html
from .markup import escape

__all__ = ["assignments_html", "check_html", "comparison_html", "sheet_label", "solution_html"]


def sheet_label(form_id: str) -> str:
    """``WAI-T (therapist)``: which sheet a part of the feedback is about."""
    form = get_form(form_id)
    return f"{form.short_name} ({'therapist' if form.respondent == 'therapist' else 'patient'})"


def check_html(
    checks: Mapping[str, Mapping[str, Any]], forms_by_role: Mapping[str, str], pair: bool, used: int,
    attempts: int, *, all_correct: bool, available: bool, typed: Mapping[str, Any] | None = None,
) -> str:
    """Each sheet's self-check feedback, then how many checked attempts are left."""
    parts = []
    for role, data in checks.items():
        heading = (
            f'<p class="wai-check-sheet"><strong>{escape(sheet_label(forms_by_role[role]))}</strong></p>'
            if pair else ""
        )
        feedback = feedback_html(data, (typed or {}).get(role))
        parts.append(f'<div class="wai-check-part" data-sheet="{role}">{heading}{feedback}</div>')
    left = max(0, attempts - used)
    if all_correct:
        note = "Well done: every value is right. The worked solution is available if you want to compare."
    elif available:
        note = "You can now show the worked solution, or keep trying."
    else:
        note = f"{left} more checked attempt{'s' if left != 1 else ''} before the solution can be shown."
    return "".join(parts) + f'<p class="wai-attempt-note">{escape(note)}</p>'


def comparison_html(data: Mapping[str, Any]) -> str:
    """``Comparison.to_dict()`` as a table of the patient's and therapist's means."""
    rows = []
    for name in PARTS:
        part = data["total"] if name == "total" else data["subscales"][name]
        cells = [part.get("patient_mean"), part.get("therapist_mean"), part.get("difference")]
        text = [mean_text(v) for v in cells]
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


def solution_html(
    sheets: Mapping[str, Sheet], comparison: Mapping[str, Any] | None, notes: str | None
) -> str:
    """Each sheet's steps and answer key, the comparison of a pair, and the exercise's teaching note."""
    parts = []
    for role, sheet in sheets.items():
        who = sheet_label(sheet.form_id)
        parts.append(
            f'<section class="wai-solution-sheet" data-sheet="{role}"><h4>{escape(who)}</h4>'
            f"{render.steps_html(sheet.result)}"
            f"{render.results_table_html(sheet.result, caption=f'Answer key: {who}')}</section>"
        )
    if comparison is not None:
        parts.append(
            '<section class="wai-solution-compare"><h4>Comparison</h4>'
            f"{comparison_html(comparison)}</section>"
        )
    if notes:
        parts.append(
            f'<div class="wai-solution-notes"><p><strong>Teaching note.</strong> {escape(notes)}</p></div>'
        )
    return f'<div class="wai-solution-body">{"".join(parts)}</div>'


def assignments_html(rows: Sequence[Mapping[str, Any]], form: Form, profile: str) -> str:
    """The roster's assignments as a table: student, seed, link and the answer key."""
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
            cells.append(f"<td>{'not scorable' if value is None else escape(exact(value))}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    html = (
        f'<table class="wai-assign-table"><caption>{len(rows)} assignment{"s" if len(rows) != 1 else ""}: '
        f"{escape(form.short_name)}, profile {escape(profile)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
    return html
