"""MkDocs hook: the ``wai-self-assessment`` fence, the clinician self-assessment widget's static HTML.

Everything is real HTML rendered at build time (the WAI-T and patient forms by
``scorer.render.form_html``, the rapport self-audit by ``scorer.selfaudit.audit_html``), so a
clinician can start filling it in before Python has started; ``docs/js/self-assessment.js`` then
wires it to ``scorer.web_selfassessment`` in the worker. The body is optional ``key: value`` lines::

    ```wai-self-assessment
    patient_form: wai-s
    ```

Keys: ``id`` (the root element's id) and ``patient_form`` (the patient form shown first: wai-s, wai
or wai-sr). The build fails, naming the page and line, for a bad body or when a practice's anchor is
missing from ``docs/rapport.md`` (the audit links to it).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from fence_kit import (
    WIDGET_ID,
    Body,
    BodyError,
    button,
    docs_name,
    esc,
    find_named_fences,
    formatter_error,
    front_matter_lines,
    page_where,
    parse_key_values,
    register_fences,
)
from mkdocs.exceptions import PluginError

from scorer import render, selfaudit
from scorer.forms import get_form
from scorer.web_selfassessment import MAX_LABEL, PATIENT_FORMS, THERAPIST_FORM

FENCE = "wai-self-assessment"
KEYS = ("id", "patient_form")
STORAGE_KEY = "wai-training:v1:self-assessment:history"
RAPPORT_PAGE = "rapport.md"
PRIVACY_PAGE = "privacy.md"


def parse_body(source: str) -> Body:
    """``key: value`` lines (blank lines and ``#`` comments skipped) as ``{key: (value, line)}``."""
    body = parse_key_values(source, KEYS)
    uid, line = body.get("id", ("wai-self-assessment", 0))
    if not WIDGET_ID.match(uid):
        raise BodyError(line, f"id must be lower-case letters, digits and hyphens, not {uid!r}")
    form, line = body.get("patient_form", (PATIENT_FORMS[0], 0))
    if form not in PATIENT_FORMS:
        choices = ", ".join(PATIENT_FORMS)
        raise BodyError(line, f"patient_form: {form!r} is not a patient form; use one of {choices}")
    return body


# --- HTML ---------------------------------------------------------------------------------------


def _section(uid: str, key: str, title: str, inner: str, cls: str = "") -> str:
    return (
        f'<section class="wai-sa-section {cls}" data-section="{key}" aria-labelledby="{uid}-{key}-title">'
        f'<h2 id="{uid}-{key}-title" class="wai-sa-title">{esc(title)}</h2>{inner}</section>'
    )


def _panel(uid: str, form_id: str, hidden: bool) -> str:
    form = get_form(form_id)
    return (
        f'<div class="wai-form-panel" data-form-id="{esc(form.id)}"{" hidden" if hidden else ""}>'
        f'<p class="wai-form-title">{esc(form.name)}. Answer {form.scale.min} ({esc(form.scale.anchors[0])}) '
        f"to {form.scale.max} ({esc(form.scale.anchors[-1])}).</p>"
        f"{render.form_html(form, prefix=f'{uid}-{form.id}')}</div>"
    )


def widget_html(body: Body, *, rapport_url: str, privacy_url: str) -> str:
    uid = body.get("id", ("wai-self-assessment", 0))[0]
    first = body.get("patient_form", (PATIENT_FORMS[0], 0))[0]
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
        + _panel(uid, therapist.id, False)
    )
    patient = (
        '<p class="wai-hint">If the patient filled in a WAI form about the same period, enter their '
        "answers to see where your views differ. Leave it empty otherwise.</p>"
        '<div class="wai-toolbar wai-no-print">'
        f'<span class="wai-control"><label for="{uid}-patient-form">The patient\'s questionnaire</label>'
        f'<select id="{uid}-patient-form" data-role="form-select">{options}</select></span>'
        + button("clear-patient", "Clear the patient's answers", python=False)
        + "</div>"
        + "".join(_panel(f"{uid}-patient", f, f != first) for f in PATIENT_FORMS)
    )
    audit = (
        '<p class="wai-hint">For each practice from <a href="'
        f'{esc(rapport_url)}">Building rapport</a>, say how far you did it in this session and, if you '
        "like, answer the reflection prompt. This is a reflection aid, not a validated scale.</p>"
        + selfaudit.audit_html(f"{uid}-audit", rapport_url=rapport_url)
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


# --- where the fences are, and links relative to the page -------------------------------------


def find_fences(markdown: str) -> list[tuple[int, str]]:
    """``(line of the opening fence, body)`` for every ``wai-self-assessment`` fence; others skipped."""
    return find_named_fences(markdown, FENCE)


def relative_url(page_url: str, target_url: str) -> str:
    """``target_url`` (site-relative, as MkDocs gives it) as seen from the page at ``page_url``."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    rel = posixpath.relpath("/" + target_url, "/" + base)
    if target_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


def check_anchors(rapport_source: str, where: str) -> None:
    """Every practice links to ``rapport.md#anchor``: a missing heading id fails the build."""
    ids = set(re.findall(r"\{#([A-Za-z0-9_-]+)[^}]*\}", rapport_source))
    missing = [p.anchor for p in selfaudit.practices() if p.anchor not in ids]
    if missing:
        raise PluginError(
            f"{where}: {FENCE}: scorer/practices.json links to {RAPPORT_PAGE}#{', #'.join(missing)}, "
            f"which {RAPPORT_PAGE} does not define"
        )


_state: dict[str, Any] = {"page": "<unknown page>", "markdown": "", "offset": 0,
                          "rapport_url": "../../rapport/", "privacy_url": "../../privacy/"}


def _format(source: str, language: str, css_class: str, options: Any, md: Any, **kwargs: Any) -> str:
    try:
        return widget_html(parse_body(source), rapport_url=_state["rapport_url"],
                           privacy_url=_state["privacy_url"])
    except BodyError as exc:
        found = find_fences(_state["markdown"])
        raise formatter_error(FENCE, exc, source, found, _state["page"], _state["offset"]) from None


def on_config(config: Any, **kwargs: Any) -> Any:
    register_fences(config, [FENCE], _format)
    return config


def _page_url(files: Any, src: str, where: str) -> str:
    file = files.get_file_from_path(src) if files is not None else None
    if file is None:
        raise PluginError(f"{where}: {FENCE}: the widget links to {src}, which is not in the site")
    return file.url


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    fences = find_fences(markdown)
    if not fences:
        return markdown
    where = page_where(page, docs_name(config))
    offset = front_matter_lines(page, markdown)
    for start, body in fences:
        try:
            parse_body(body)
        except BodyError as exc:
            raise PluginError(f"{where}:{offset + start + exc.line}: {FENCE}: {exc.reason}") from None
    if len(fences) > 1:
        raise PluginError(f"{where}:{offset + fences[1][0]}: {FENCE}: one self-assessment per page")
    rapport = files.get_file_from_path(RAPPORT_PAGE) if files is not None else None
    if rapport is None:
        raise PluginError(f"{where}: {FENCE}: the self-audit links to {RAPPORT_PAGE}, not in the site")
    check_anchors(Path(rapport.abs_src_path).read_text(encoding="utf-8"), where)
    page_url = getattr(page, "url", "") or ""
    _state.update(
        page=where, markdown=markdown, offset=offset,
        rapport_url=relative_url(page_url, rapport.url),
        privacy_url=relative_url(page_url, _page_url(files, PRIVACY_PAGE, where)),
    )
    return markdown
