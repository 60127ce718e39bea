"""The ``wai-widget`` fence: the static HTML of the interactive widgets (score, case, compare).

Everything a student fills in is real HTML rendered at build time (``scorer.html.widgets``), so the
forms work before Python has started in the browser; ``docs/js/app.js`` then wires them to the
scorer in a worker. The body is a few ``key: value`` lines::

    ```wai-widget
    kind: score
    form: wai
    ```

Keys: ``kind`` (score, case or compare; required), ``form`` (the form shown first; for compare the
patient's form), ``therapist`` (compare only, default wai-t), ``forms`` (score only: the forms on
offer, comma-separated), ``seed`` and ``profile`` (case only), ``id`` (the widget's element id,
needed only for two widgets of one kind on a page).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scorer.core.cases import PROFILES
from scorer.core.errors import ScorerError
from scorer.core.forms import FORM_IDS, Form, forms, get_form
from scorer.html.widget_kit import WIDGET_ID
from scorer.html.widgets import case_widget_html, compare_widget_html, score_widget_html

from .body import Body, parse_key_values
from .errors import BodyError
from .page import Page
from .scan import Fence

FENCE = "wai-widget"
KINDS = ("score", "case", "compare")
ALLOWED: dict[str, tuple[str, ...]] = {
    "score": ("kind", "id", "form", "forms"),
    "case": ("kind", "id", "form", "seed", "profile"),
    "compare": ("kind", "id", "form", "therapist"),
}


def parse_body(source: str) -> Body:
    """``key: value`` lines, checked against the keys the widget's kind takes."""
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


def _form_value(body: Body, key: str, default: str, respondent: str | None = None) -> Form:
    value, line = body.get(key, (default, 0))
    if value not in FORM_IDS:
        raise BodyError(line, f"{key}: unknown form {value!r}; known forms: {', '.join(FORM_IDS)}")
    form = get_form(value)
    if respondent is not None and form.respondent != respondent:
        choices = ", ".join(f.id for f in forms() if f.respondent == respondent)
        raise BodyError(line, f"{key}: {value} is completed by the {form.respondent}; use one of {choices}")
    return form


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
    return score_widget_html(uid, selected, offered)


def case_widget(uid: str, body: Body) -> str:
    form = _form_value(body, "form", "wai-s")
    profile, line = body.get("profile", ("random", 0))
    if profile not in PROFILES:
        raise BodyError(line, f"profile: unknown profile {profile!r}; known: {', '.join(PROFILES)}")
    seed, line = body.get("seed", ("1", 0))
    if not re.fullmatch(r"\d{1,9}", seed):
        raise BodyError(line, f"seed must be a whole number from 0 to 999999999, not {seed!r}")
    return case_widget_html(uid, form, int(seed), profile)


def compare_widget(uid: str, body: Body) -> str:
    patient = _form_value(body, "form", "wai", respondent="patient")
    therapist = _form_value(body, "therapist", "wai-t", respondent="therapist")
    return compare_widget_html(uid, patient, therapist)


BUILDERS: dict[str, Callable[[str, Body], str]] = {
    "score": score_widget,
    "case": case_widget,
    "compare": compare_widget,
}


def widget_id(body: Body) -> str:
    uid, line = body.get("id", (f"wai-{body['kind'].value}", 0))
    if not WIDGET_ID.match(uid):
        raise BodyError(
            line, f"id must be lower-case letters, digits and hyphens, starting with a letter, not {uid!r}"
        )
    return uid


def _html(body: Body) -> str:
    try:
        return BUILDERS[body["kind"].value](widget_id(body), body)
    except ScorerError as exc:
        raise BodyError(0, str(exc)) from None


def build(source: str) -> str:
    """The widget's HTML for a fence body; raises ``BodyError`` with the body line and the reason."""
    return _html(parse_body(source))


def render(fence: Fence, page: Page) -> str:
    """The widget, once its id is the only one of its name on the page."""
    body = parse_body(fence.body)
    html = _html(body)
    uid = widget_id(body)
    here = page.file_line(fence.start)
    first = page.claimed.setdefault((FENCE, uid), here)
    if first != here:
        raise BodyError(
            0, f"a second widget with id {uid!r} (first on line {first}); give each widget its own 'id:'"
        )
    return html
