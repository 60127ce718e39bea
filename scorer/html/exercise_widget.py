"""The static HTML of an exercise widget (the ``wai-exercise`` fence): the vignette, the completed
sheets, the answer inputs and the exercise itself as inert JSON (the CSP allows no inline script),
followed by the student's hand-in (:mod:`scorer.html.handin`)."""

from __future__ import annotations

import json
import re

from ..core.answers import ANSWER_LABELS
from ..core.exercises import Exercise, Sheet
from ..core.forms import get_form
from .handin import handin_html
from .markup import escape
from .render import responses_html

__all__ = ["LEVEL_LABELS", "exercise_html"]


LEVEL_LABELS = {
    "clear-cut": "Clear-cut", "reverse-keyed": "Many reverse-keyed items",
    "missing-answers": "Missing answers", "pair": "Patient and therapist",
}


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{escape(' '.join(p.split()))}</p>" for p in re.split(r"\n\s*\n", text) if p.strip()
    )


def _inputs(exercise: Exercise, sheet: Sheet, role: str) -> str:
    form = get_form(sheet.form_id)
    who = "therapist" if form.respondent == "therapist" else "patient"
    fields = []
    for key in sheet.compute:
        input_id = f"ex-{exercise.id}-{role}-{key}"
        hint = "whole number or two decimals" if key.endswith("_sum") else "two decimals"
        fields.append(
            f'<div class="wai-exercise-field"><label for="{input_id}">{escape(ANSWER_LABELS[key])}</label> '
            f'<input type="text" inputmode="decimal" autocomplete="off" id="{input_id}" '
            f'name="{role}-{key}" data-sheet="{role}" data-key="{key}" aria-describedby="{input_id}-hint">'
            f' <span class="wai-hint" id="{input_id}-hint">{hint}</span></div>'
        )
    return (
        f'<fieldset class="wai-exercise-answers" data-sheet="{role}"><legend>Your answers: '
        f"{escape(form.short_name)} ({who})</legend>{''.join(fields)}</fieldset>"
    )


def _sheet_html(sheet: Sheet) -> str:
    form = get_form(sheet.form_id)
    who = "therapist" if form.respondent == "therapist" else "patient"
    return (
        f'<div class="wai-exercise-sheet" data-form="{sheet.form_id}">'
        f"<p><strong>{escape(form.name)}</strong>, completed by the {who}: scale "
        f"{escape(form.scale.describe())}.</p>{responses_html(form, sheet.responses)}</div>"
    )


def exercise_html(exercise: Exercise) -> str:
    """The widget's static HTML, then its hand-in; the data block is inert JSON (the CSP allows no
    inline script)."""
    form = get_form(exercise.form_id)
    level = LEVEL_LABELS.get(exercise.level or "", "")
    sheet = exercise.sheet
    seeded = f"generated case {sheet.seed} ({sheet.profile})" if sheet.seed is not None else ""
    meta = " · ".join(x for x in (level, form.short_name, f"{form.n_items} items", seeded) if x)
    data = json.dumps(exercise.to_dict(), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    sheets = _sheet_html(exercise.sheet) + (_sheet_html(exercise.pair) if exercise.pair else "")
    inputs = _inputs(exercise, exercise.sheet, "main")
    if exercise.pair:
        inputs += _inputs(exercise, exercise.pair, "pair")
    attempts = exercise.attempts
    return (
        f'<div class="wai-widget wai-exercise" data-widget="exercise" data-form="{exercise.form_id}" '
        f'data-exercise="{exercise.id}" data-attempts="{attempts}" data-state="loading">'
        f'<p class="wai-exercise-title"><strong>{escape(exercise.title)}</strong> '
        f'<span class="wai-exercise-meta">({escape(meta)})</span></p>'
        f'<div class="wai-vignette">{_paragraphs(exercise.vignette)}</div>'
        f"{sheets}"
        f'<form class="wai-exercise-form" novalidate>{inputs}'
        f'<p class="wai-exercise-rules">Sums exactly; means to two decimals. The solution can be shown '
        f"after {attempts} checked attempt{'s' if attempts != 1 else ''} (or once you are right).</p>"
        f'<div class="wai-buttons"><button type="button" data-action="check" data-needs="python" disabled>'
        f"Check</button> "
        f'<button type="button" data-action="solution" aria-disabled="true">Show solution</button> '
        f'<button type="button" data-action="reset">Start again</button> '
        f'<span class="wai-attempts" data-attempts-left="{attempts}">Attempts left before the solution: '
        f"{attempts}</span></div></form>"
        f'<p class="wai-error" role="alert" hidden></p>'
        f'<div class="wai-results" aria-live="polite"></div>'
        f'<div class="wai-solution" tabindex="-1" hidden></div>'
        f'<p class="wai-status" role="status">The checker starts when the page has loaded (it runs in '
        f"your browser).</p>"
        f'<script type="application/json" class="wai-exercise-data">{data}</script></div>'
        + handin_html(f"handin-{exercise.id}", exercise.id)
    )
