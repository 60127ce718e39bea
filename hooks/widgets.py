"""MkDocs hook: the ``wai-widget`` fence, the static HTML of the interactive widgets.

Everything a student fills in is real HTML rendered at build time from the instrument data (through
``scorer.render``), so the forms work before Python has started in the browser; ``docs/js/app.js``
then wires them to the scorer in a worker. The body is a few ``key: value`` lines::

    ```wai-widget
    kind: score
    form: wai
    ```

Keys: ``kind`` (score, case or compare; required), ``form`` (the form shown first; for compare the
patient's form), ``therapist`` (compare only, default wai-t), ``forms`` (score only: the forms on
offer, comma-separated), ``seed`` and ``profile`` (case only), ``id`` (the widget's element id,
needed only for two widgets of one kind on a page). A bad body stops the build naming the page, the
line and the reason. The HTML follows the contract in ARCHITECTURE.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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

from scorer import render, web
from scorer.cases import PROFILES
from scorer.errors import ScorerError
from scorer.forms import FORM_IDS, Form, forms, get_form
from scorer.handin import handin_html

FENCE = "wai-widget"
KINDS = ("score", "case", "compare")
ALLOWED: dict[str, tuple[str, ...]] = {
    "score": ("kind", "id", "form", "forms"),
    "case": ("kind", "id", "form", "seed", "profile"),
    "compare": ("kind", "id", "form", "therapist"),
}
PROFILE_LABELS = {
    "random": "No particular pattern",
    "strong": "Strong alliance",
    "weak-bond": "Weak bond",
    "goal-disagreement": "Disagreement about goals",
    "acquiescent": "Agrees with every statement",
}


# --- the body -----------------------------------------------------------------------------------


def parse_body(source: str) -> Body:
    """``key: value`` lines (``#`` comments and blank lines skipped) as ``{key: (value, line)}``."""
    body = parse_key_values(source, sorted({k for keys in ALLOWED.values() for k in keys}))
    if "kind" not in body:
        raise BodyError(0, f"missing required key 'kind' (one of {', '.join(KINDS)})")
    kind, line = body["kind"]
    if kind not in KINDS:
        raise BodyError(line, f"unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    for key, (_, number) in body.items():
        if key not in ALLOWED[kind]:
            allowed = ", ".join(ALLOWED[kind])
            raise BodyError(number, f"key {key!r} does not apply to kind {kind}; allowed: {allowed}")
    return body


def _form_value(
    body: Body, key: str, default: str, respondent: str | None = None
) -> Form:
    value, line = body.get(key, (default, 0))
    if value not in FORM_IDS:
        raise BodyError(line, f"{key}: unknown form {value!r}; known forms: {', '.join(FORM_IDS)}")
    form = get_form(value)
    if respondent is not None and form.respondent != respondent:
        choices = ", ".join(f.id for f in forms() if f.respondent == respondent)
        raise BodyError(line, f"{key}: {value} is completed by the {form.respondent}; use one of {choices}")
    return form


# --- shared pieces ------------------------------------------------------------------------------


def _select(uid: str, label: str, role: str, options: list[tuple[str, str]], selected: str) -> str:
    opts = "".join(
        f'<option value="{esc(value)}"{" selected" if value == selected else ""}>{esc(text)}</option>'
        for value, text in options
    )
    return (
        f'<span class="wai-control"><label for="{esc(uid)}">{esc(label)}</label>'
        f'<select id="{esc(uid)}" data-role="{role}">{opts}</select></span>'
    )


def _form_label(form: Form) -> str:
    return f"{form.short_name}: {form.n_items} items, answers {form.scale.min}–{form.scale.max}"


def _panels(uid: str, offered: list[Form], selected: Form) -> str:
    parts = []
    for form in offered:
        hidden = "" if form.id == selected.id else " hidden"
        parts.append(
            f'<div class="wai-form-panel" data-form-id="{esc(form.id)}"{hidden}>'
            f'<p class="wai-form-title">{esc(form.name)}. Answer {form.scale.min} '
            f"({esc(form.scale.anchors[0])}) to {form.scale.max} ({esc(form.scale.anchors[-1])}).</p>"
            f"{render.form_html(form, prefix=f'{uid}-{form.id}')}</div>"
        )
    return "".join(parts)


def _open(uid: str, kind: str, form: Form, extra: str = "") -> str:
    return (
        f'<div class="wai-widget wai-widget-{kind}" id="{esc(uid)}" data-widget="{kind}" '
        f'data-form="{esc(form.id)}" data-state="loading"{extra}>'
        '<p class="wai-status" role="status">Loading the scorer… You can start answering now; '
        "the buttons that need it switch on when it is ready.</p>"
        '<p class="wai-notice" role="alert" hidden></p>'
        '<noscript><p class="wai-noscript">The scorer needs JavaScript. You can still print the '
        "form and score it by hand with the scoring guide.</p></noscript>"
    )


_CLOSE_FEEDBACK = '<p class="wai-error" role="alert" hidden></p>'


def _results_end(action: str, label: str) -> str:
    """The end of the score and compare widgets: the main action, clear, export and print, the
    error line and the results region."""
    return (
        '<div class="wai-actions wai-no-print">'
        + button(action, label, primary=True)
        + button("clear", "Clear", python=False)
        + button("export-csv", "Export CSV")
        + button("export-json", "Export JSON")
        + button("print", "Print", python=False)
        + "</div>"
        + _CLOSE_FEEDBACK
        + '<div class="wai-results" aria-live="polite"></div></div>'
    )


# --- the three widgets --------------------------------------------------------------------------


def score_widget(uid: str, body: Body) -> str:
    selected = _form_value(body, "form", "wai")
    offered = list(forms())
    if "forms" in body:
        value, line = body["forms"]
        ids = [v.strip() for v in value.split(",") if v.strip()]
        unknown = [i for i in ids if i not in FORM_IDS]
        if unknown or not ids:
            bad = ", ".join(unknown) or "(none)"
            raise BodyError(line, f"forms: unknown form(s) {bad}; known: {', '.join(FORM_IDS)}")
        offered = [get_form(i) for i in ids]
        if selected.id not in ids:
            form_line = body.get("form", ("", line))[1]
            raise BodyError(form_line, f"form: {selected.id} is not among forms: {value}")
    options = [(f.id, _form_label(f)) for f in offered]
    return (
        _open(uid, "score", selected)
        + '<div class="wai-toolbar wai-no-print">'
        + _select(f"{uid}-form", "Questionnaire", "form-select", options, selected.id)
        + "</div>"
        + f'<details class="wai-paste wai-no-print"><summary>Paste a row of numbers</summary>'
        f'<label for="{uid}-paste">Answers in item order, separated by commas, spaces or tabs '
        "(NA for an unanswered item)</label>"
        f'<textarea id="{uid}-paste" data-role="paste" rows="2" spellcheck="false" autocomplete="off">'
        "</textarea>" + button("paste", "Fill the form") + "</details>"
        + f'<div class="wai-forms">{_panels(uid, offered, selected)}</div>'
        + _results_end("score", "Score")
    )


def case_widget(uid: str, body: Body) -> str:
    form = _form_value(body, "form", "wai-s")
    profile, line = body.get("profile", ("random", 0))
    if profile not in PROFILES:
        raise BodyError(line, f"profile: unknown profile {profile!r}; known: {', '.join(PROFILES)}")
    seed, line = body.get("seed", ("1", 0))
    if not re.fullmatch(r"\d{1,9}", seed):
        raise BodyError(line, f"seed must be a whole number from 0 to 999999999, not {seed!r}")
    case = web.new_case(form.id, seed, profile)
    answers = "".join(
        f'<span class="wai-answer"><label for="{uid}-{key}">{esc(web.ANSWER_LABELS[key])}</label>'
        f'<input id="{uid}-{key}" name="{key}" type="text" inputmode="decimal" autocomplete="off" '
        f'spellcheck="false" size="8" data-answer="{key}"></span>'
        for key in web.ANSWER_KEYS
    )
    return (
        _open(uid, "case", form, f' data-seed="{int(seed)}" data-profile="{esc(profile)}"')
        + '<div class="wai-toolbar wai-no-print">'
        + _select(f"{uid}-form", "Questionnaire", "form-select",
                  [(f.id, _form_label(f)) for f in forms()], form.id)
        + _select(f"{uid}-profile", "Pattern", "profile-select",
                  [(p, PROFILE_LABELS.get(p, p)) for p in PROFILES], profile)
        + f'<span class="wai-control"><label for="{uid}-seed">Case number</label>'
        f'<input id="{uid}-seed" type="number" min="0" step="1" inputmode="numeric" data-role="seed" '
        f'value="{int(seed)}"></span>'
        + button("new-case", "New case")
        + "</div>"
        + f'<div class="wai-case">{case["html"]}</div>'
        + '<fieldset class="wai-answers"><legend>Your answers: sums and item means '
        "(means to two decimals)</legend>"
        + f'<div class="wai-answer-grid">{answers}</div></fieldset>'
        + '<div class="wai-actions wai-no-print">'
        + button("check", "Check answers", primary=True)
        + button("solution", "Show solution")
        + button("clear", "Clear", python=False)
        + button("print", "Print", python=False)
        + "</div>"
        + _CLOSE_FEEDBACK
        + '<div class="wai-feedback" aria-live="polite"></div>'
        + '<div class="wai-solution" hidden></div></div>'
        + handin_html(f"{uid}-handin", uid, assigned_only=True)
    )


def compare_widget(uid: str, body: Body) -> str:
    patient = _form_value(body, "form", "wai", respondent="patient")
    therapist = _form_value(body, "therapist", "wai-t", respondent="therapist")
    sides = []
    for side, title, selected in (("patient", "Patient", patient), ("therapist", "Therapist", therapist)):
        offered = [f for f in forms() if f.respondent == side]
        sides.append(
            f'<section class="wai-compare-side" data-side="{side}" aria-labelledby="{uid}-{side}-title">'
            f'<h2 id="{uid}-{side}-title" class="wai-side-title">{title}</h2>'
            + '<div class="wai-toolbar wai-no-print">'
            + _select(f"{uid}-{side}-form", f"{title}'s questionnaire", "form-select",
                      [(f.id, _form_label(f)) for f in offered], selected.id)
            + "</div>"
            + _panels(f"{uid}-{side}", offered, selected)
            + "</section>"
        )
    return (
        _open(uid, "compare", patient, f' data-therapist-form="{esc(therapist.id)}"')
        + f'<div class="wai-compare-grid">{"".join(sides)}</div>'
        + _results_end("compare", "Compare")
    )


BUILDERS: dict[str, Callable[[str, Body], str]] = {
    "score": score_widget,
    "case": case_widget,
    "compare": compare_widget,
}


def build(source: str) -> str:
    """The widget's HTML for a fence body; raises ``BodyError`` with the body line and the reason."""
    body = parse_body(source)
    kind = body["kind"][0]
    uid, line = body.get("id", (f"wai-{kind}", 0))
    if not WIDGET_ID.match(uid):
        raise BodyError(
            line, f"id must be lower-case letters, digits and hyphens, starting with a letter, not {uid!r}"
        )
    try:
        return BUILDERS[kind](uid, body)
    except ScorerError as exc:
        raise BodyError(0, str(exc)) from None


# --- finding the fences in a page (for line numbers) ---------------------------------------------

def find_fences(markdown: str) -> list[tuple[int, str]]:
    """``(line of the opening fence, body)`` for every top-level ``wai-widget`` fence."""
    return find_named_fences(markdown, FENCE)


# --- MkDocs events ------------------------------------------------------------------------------

_state: dict[str, Any] = {"page": "<unknown page>", "markdown": "", "offset": 0}


def _format(source: str, language: str, css_class: str, options: Any, md: Any, **kwargs: Any) -> str:
    try:
        return build(source)
    except BodyError as exc:
        found = find_fences(_state["markdown"])
        raise formatter_error(FENCE, exc, source, found, _state["page"], _state["offset"]) from None


def on_config(config: Any, **kwargs: Any) -> Any:
    register_fences(config, [FENCE], _format)
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    """Check every body where the page and its line numbers are known; the formatter then renders."""
    where = page_where(page, docs_name(config))
    offset = front_matter_lines(page, markdown)
    _state.update(page=where, markdown=markdown, offset=offset)
    ids: dict[str, int] = {}
    for start, source in find_fences(markdown):
        try:
            body = parse_body(source)
            build(source)
        except BodyError as exc:
            raise PluginError(f"{where}:{offset + start + exc.line}: {FENCE}: {exc.reason}") from None
        uid = body.get("id", (f"wai-{body['kind'][0]}", 0))[0]
        if uid in ids:
            raise PluginError(
                f"{where}:{offset + start}: {FENCE}: a second widget with id {uid!r} (first on line "
                f"{ids[uid]}); give each widget its own 'id:'"
            )
        ids[uid] = offset + start
    return markdown
