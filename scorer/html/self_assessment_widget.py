"""The static HTML of the clinician self-assessment widget (the ``wai-self-assessment`` fence).

Everything is real HTML rendered at build time (the WAI-T and patient forms, the rapport
self-audit), so a clinician can start filling it in before Python has started;
``docs/js/self-assessment.js`` then wires it to ``scorer.web`` in the worker.
"""

from __future__ import annotations

from ..core.forms import get_form
from ..core.history import MAX_LABEL, PATIENT_FORMS, THERAPIST_FORM
from .selfaudit import audit_html
from .widget_kit import button, esc, form_panel

__all__ = ["STORAGE_KEY", "self_assessment_html"]


STORAGE_KEY = "wai-training:v1:self-assessment:history"


def _section(uid: str, key: str, title: str, inner: str, cls: str = "") -> str:
    return (
        f'<section class="wai-sa-section {cls}" data-section="{key}" aria-labelledby="{uid}-{key}-title">'
        f'<h2 id="{uid}-{key}-title" class="wai-sa-title">{esc(title)}</h2>{inner}</section>'
    )


def self_assessment_html(uid: str, first: str, *, rapport_url: str, privacy_url: str) -> str:
    """The whole widget: session, both forms, the self-audit, actions, results and the history."""
    therapist = get_form(THERAPIST_FORM)
    options = "".join(
        f'<option value="{f}"{" selected" if f == first else ""}>'
        f"{esc(get_form(f).short_name)}: {get_form(f).n_items} items, answers "
        f"{get_form(f).scale.min}–{get_form(f).scale.max}</option>"
        for f in PATIENT_FORMS
    )
    session = (
        '<div class="wai-toolbar">'
        f'<span class="wai-control"><label for="{uid}-date">Session date</label>'
        f'<input type="date" id="{uid}-date" data-role="date" min="1900-01-01" max="2999-12-31"></span>'
        f'<span class="wai-control"><label for="{uid}-label">Patient label (optional)</label>'
        f'<input type="text" id="{uid}-label" data-role="patient-label" maxlength="{MAX_LABEL}" '
        f'autocomplete="off" spellcheck="false" aria-describedby="{uid}-label-hint"></span></div>'
        f'<p class="wai-hint" id="{uid}-label-hint">A code or pseudonym you will recognise, such as '
        "“knee 3”. Do not enter the patient's name or anything else that identifies them.</p>"
    )
    mine = (
        f'<p class="wai-hint">Rate this patient as you see your work together today, on the '
        f"{therapist.short_name} ({therapist.n_items} items).</p>"
        + form_panel(uid, therapist, False)
    )
    patient = (
        '<p class="wai-hint">If the patient filled in a WAI form about the same period, enter their '
        "answers to see where your views differ. Leave it empty otherwise.</p>"
        '<div class="wai-toolbar wai-no-print">'
        f'<span class="wai-control"><label for="{uid}-patient-form">The patient\'s questionnaire</label>'
        f'<select id="{uid}-patient-form" data-role="form-select">{options}</select></span>'
        + button("clear-patient", "Clear the patient's answers", python=False)
        + "</div>"
        + "".join(form_panel(f"{uid}-patient", get_form(f), f != first) for f in PATIENT_FORMS)
    )
    audit = (
        '<p class="wai-hint">For each practice from <a href="'
        f'{esc(rapport_url)}">Building rapport</a>, say how far you did it in this session and, if you '
        "like, answer the reflection prompt. This is a reflection aid, not a validated scale.</p>"
        + audit_html(f"{uid}-audit", rapport_url=rapport_url)
    )
    history = (
        f'<p class="wai-hint wai-where">Saved sessions are kept only in this browser\'s local storage on '
        f"this device (under <code>{STORAGE_KEY}</code>). Nothing is uploaded. Delete them here, or see "
        f'<a href="{esc(privacy_url)}#clear">how to clear this site\'s data</a>.</p>'
        '<div class="wai-history" aria-live="polite">'
        '<p class="wai-history-empty">Your saved sessions appear here once the scorer has started.</p></div>'
        '<div class="wai-actions wai-no-print">'
        + button("export-json", "Export JSON")
        + button("export-csv", "Export CSV")
        + button("delete-all", "Delete all history")
        + "</div>"
        f'<p class="wai-control wai-import wai-no-print"><label for="{uid}-import">Import an exported JSON '
        f'file (adds its sessions; nothing here is replaced)</label>'
        f'<input type="file" id="{uid}-import" data-role="import" accept=".json,application/json" '
        'data-needs="python" disabled></p>'
        f'<div class="wai-confirm" data-role="confirm" role="group" '
        f'aria-labelledby="{uid}-confirm-text" hidden>'
        f'<p id="{uid}-confirm-text" data-role="confirm-text"></p>'
        + button("confirm-delete", "Yes, delete", primary=True)
        + button("cancel-delete", "Cancel", python=False)
        + "</div>"
    )
    return (
        f'<div class="wai-widget wai-widget-self-assessment" id="{uid}" data-widget="self-assessment" '
        f'data-form="{THERAPIST_FORM}" data-state="loading" data-storage-key="{STORAGE_KEY}" '
        f'data-rapport-url="{esc(rapport_url)}">'
        '<p class="wai-status" role="status">Loading the scorer… You can start filling in the forms now; '
        "the buttons that need it switch on when it is ready.</p>"
        '<p class="wai-notice" role="alert" hidden></p>'
        '<noscript><p class="wai-noscript">The self-assessment needs JavaScript to score and to keep a '
        "history. You can still print the forms and score them by hand with the scoring guide.</p></noscript>"
        + _section(uid, "session", "1. This session", session)
        + _section(uid, "therapist", "2. Your view of the alliance (WAI-T)", mine)
        + _section(uid, "patient", "3. The patient's view (optional)", patient)
        + _section(uid, "audit", "4. Self-audit of rapport practices", audit)
        + '<div class="wai-actions wai-no-print">'
        + button("score", "Score", primary=True)
        + button("save", "Save to history")
        + button("clear", "Clear the form", python=False)
        + button("print", "Print", python=False)
        + "</div>"
        '<p class="wai-error" role="alert" hidden></p>'
        '<div class="wai-results" aria-live="polite"></div>'
        + _section(uid, "history", "5. Your history in this browser", history, "wai-sa-history")
        + "</div>"
    )
