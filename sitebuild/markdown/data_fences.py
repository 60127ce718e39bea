"""The fences that render the scorer's own data: item and key tables, scales, the forms overview,
printable forms, worked examples and common mistakes.

Nothing the scorer knows is typed into a page by hand, so a changed key changes the site. A body is
a few ``key: value`` lines::

    ```wai-example
    form: wai-sr
    responses: 4,3,5,2,5,3,4,2,5,3,3,4
    ```

A bad body is a :class:`BodyError` with its line: a page that silently showed a broken example would
teach a wrong score. The markup is ``scorer.html``'s; this module only reads bodies and calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scorer.core.cases import PROFILES, generate
from scorer.core.errors import ScorerError
from scorer.core.scoring import score
from scorer.html import render
from scorer.html.mistakes import mistakes_table_html
from scorer.html.worked_example import example_html

from .body import Body, Field, form_of, parse_fraction, parse_int, parse_key_values, parse_responses, require
from .errors import BodyError

__all__ = ["FENCES", "build"]


def wrap(name: str, form_id: str | None, html: str) -> str:
    form_attr = f' data-form="{form_id}"' if form_id else ""
    return f'<div class="wai-fence" data-fence="{name}"{form_attr}>\n{html}\n</div>'


def render_items(body: Body) -> str:
    form = form_of(body)
    return wrap("wai-items", form.id, render.items_table_html(form))


def render_key(body: Body) -> str:
    form = form_of(body)
    show = body.get("show", Field("both", 0))
    parts = {
        "summary": [render.key_summary_html],
        "table": [render.key_table_html],
        "both": [render.key_summary_html, render.key_table_html],
    }
    if show.value not in parts:
        raise BodyError(show.line, f"show must be one of {', '.join(parts)}, not {show.value!r}")
    return wrap("wai-key", form.id, "\n".join(fn(form) for fn in parts[show.value]))


def render_scale(body: Body) -> str:
    form = form_of(body)
    return wrap("wai-scale", form.id, render.scale_html(form))


def render_correspondence(body: Body) -> str:
    html = render.correspondence_table_html() + render.changed_items_html()
    return wrap("wai-correspondence", None, html)


def render_forms(body: Body) -> str:
    return wrap("wai-forms", None, render.forms_overview_html())


def render_printable(body: Body) -> str:
    form = form_of(body)
    return wrap("wai-printable", form.id, render.printable_html(form))


def render_example(body: Body) -> str:
    """A worked example: the answers, the scorer's own steps and its results table."""
    form = form_of(body)
    vignette = ""
    if "responses" in body:
        if "seed" in body or "profile" in body:
            field = body.get("seed") or body["profile"]
            raise BodyError(field.line, "give either responses or seed (+ profile), not both")
        responses = parse_responses(body["responses"])
        line = body["responses"].line
    elif "seed" in body:
        seed = parse_int(body["seed"], "seed")
        profile = body.get("profile", Field("random", 0))
        if profile.value not in PROFILES:
            raise BodyError(profile.line, f"unknown profile {profile.value!r}; known: {', '.join(PROFILES)}")
        case = generate(form.id, seed, profile.value)
        responses = list(case.responses)
        vignette = case.vignette
        line = body["seed"].line
    else:
        raise BodyError(0, "a wai-example needs 'responses' or 'seed'")
    kwargs: dict[str, Any] = {}
    if "max_missing" in body:
        kwargs["max_missing"] = parse_fraction(body["max_missing"])
    try:
        result = score(form, responses, **kwargs)
    except ScorerError as exc:
        raise BodyError(line, str(exc)) from None
    return wrap("wai-example", form.id, example_html(form, responses, result, vignette))


def render_mistakes(body: Body) -> str:
    """Common mistakes on one complete answer sheet, each with the self-check's own diagnosis."""
    form = form_of(body)
    field = require(body, "responses")
    responses = parse_responses(field)
    try:
        result = score(form, responses)
    except ScorerError as exc:
        raise BodyError(field.line, str(exc)) from None
    if result.missing:
        raise BodyError(field.line, "a wai-mistakes sheet must have every item answered")
    return wrap("wai-mistakes", form.id, mistakes_table_html(form, responses))


@dataclass(frozen=True)
class FenceSpec:
    keys: tuple[str, ...]
    render: Callable[[Body], str]


FENCES: dict[str, FenceSpec] = {
    "wai-items": FenceSpec(("form",), render_items),
    "wai-key": FenceSpec(("form", "show"), render_key),
    "wai-scale": FenceSpec(("form",), render_scale),
    "wai-correspondence": FenceSpec((), render_correspondence),
    "wai-forms": FenceSpec((), render_forms),
    "wai-mistakes": FenceSpec(("form", "responses"), render_mistakes),
    "wai-printable": FenceSpec(("form",), render_printable),
    "wai-example": FenceSpec(("form", "responses", "seed", "profile", "max_missing"), render_example),
}


def build(name: str, source: str) -> str:
    """Render one fence; raises ``BodyError`` with the body line and the reason."""
    spec = FENCES[name]
    body = parse_key_values(source, spec.keys)
    try:
        return spec.render(body)
    except ScorerError as exc:  # anything the scorer refuses, e.g. a broken instrument file
        raise BodyError(0, str(exc)) from None
