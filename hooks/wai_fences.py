"""MkDocs hook: build-time fences that render the scorer's own data into the pages.

Item tables, key tables, worked examples and printable forms come from ``scorer`` at build time,
so nothing the scorer knows is typed into a page by hand and a changed key changes the site.
A fence body is a few ``key: value`` lines::

    ```wai-example
    form: wai-sr
    responses: 4,3,5,2,5,3,4,2,5,3,3,4
    ```

A bad body stops the build with the page, the line and the reason: a page that silently showed
a broken example would teach a wrong score. Bodies are checked in ``on_page_markdown``, where the
page and its line numbers are known; the superfences formatter renders the (then valid) body.

Prose can name one fact of a key inline, e.g. ``Items {{ wai:wai-s.reverse }} are reverse-keyed``
renders "Items 4 and 10 are reverse-keyed" (the grammar is in ``placeholder_value`` and
ARCHITECTURE.md). Placeholders inside code are left alone; an unknown one fails the build with the
page, the line and the reason, so a typed-in key fact never has to drift from the data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from fence_kit import (
    Body,
    BodyError,
    Field,
    docs_name,
    fence_spans,
    formatter_error,
    front_matter_lines,
    page_where,
    parse_key_values,
    register_fences,
)
from mkdocs.exceptions import PluginError

from scorer.core.cases import PROFILES, generate
from scorer.core.errors import ScorerError
from scorer.core.facts import FactError as PlaceholderError
from scorer.core.facts import fact_value as placeholder_value
from scorer.core.forms import FORM_IDS, Form, get_form
from scorer.core.scoring import score
from scorer.html import render
from scorer.html.mistakes import mistakes_table_html
from scorer.html.worked_example import example_html

# --- body parsing (the ``key: value`` parser is ``fence_kit.parse_key_values``) ----------------


def parse_body(source: str, allowed: tuple[str, ...]) -> Body:
    """``key: value`` lines; blank lines and ``#`` comments are skipped."""
    return parse_key_values(source, allowed)


def require(body: Body, key: str) -> Field:
    if key not in body:
        raise BodyError(0, f"missing required key {key!r}")
    return body[key]


def form_of(body: Body) -> Form:
    field = require(body, "form")
    if field.value not in FORM_IDS:
        raise BodyError(field.line, f"unknown form {field.value!r}; known forms: {', '.join(FORM_IDS)}")
    return get_form(field.value)


def parse_responses(field: Field) -> list[int | None]:
    """``4,3,5`` or ``4 3 5``; ``-`` marks a missing answer."""
    values: list[int | None] = []
    for token in re.split(r"[,\s]+", field.value.strip(", ")):
        if token == "-":
            values.append(None)
        elif re.fullmatch(r"-?\d+", token):
            values.append(int(token))
        else:
            raise BodyError(
                field.line, f"responses: {token!r} is not a whole number (write - for a missing answer)"
            )
    return values


def parse_int(field: Field, what: str) -> int:
    if not re.fullmatch(r"\d+", field.value):
        raise BodyError(field.line, f"{what} must be a whole number ≥ 0, not {field.value!r}")
    return int(field.value)


def parse_fraction(field: Field) -> float:
    try:
        value = float(field.value)
    except ValueError:
        raise BodyError(
            field.line, f"max_missing must be a fraction from 0 to 1, not {field.value!r}"
        ) from None
    if not 0 <= value <= 1:
        raise BodyError(field.line, f"max_missing must be a fraction from 0 to 1, not {field.value!r}")
    return value


# --- renderers (one per fence) ------------------------------------------------------------------


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
    """Common mistakes on one answer sheet, each with the self-check's own diagnosis.

    The table is ``scorer.html.mistakes``; this checks the body (a complete sheet).
    """
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
    body = parse_body(source, spec.keys)
    try:
        return spec.render(body)
    except ScorerError as exc:  # anything the scorer refuses, e.g. a broken instrument file
        raise BodyError(0, str(exc)) from None


# --- finding fences in a page (for line numbers) ------------------------------------------------

@dataclass(frozen=True)
class FoundFence:
    name: str
    line: int  # 1-based line of the opening fence in the page markdown
    source: str


def find_fences(markdown: str) -> list[FoundFence]:
    """Every top-level ``wai-*`` fence; fences inside other fences (code samples) are skipped."""
    found: list[FoundFence] = []
    lines = markdown.splitlines()
    for start, end, info, indent in fence_spans(lines):
        body = [
            line[indent:] if line[:indent].strip(" \t>") == "" else line for line in lines[start + 1 : end]
        ]
        name = info.lstrip("{").lstrip(".")
        if name.startswith("wai-"):
            found.append(FoundFence(name, start + 1, "\n".join(body)))
    return found


# --- inline placeholders: {{ wai:<form>.<fact> }} in prose ---------------------------------------

PLACEHOLDER = re.compile(r"\{\{\s*wai:\s*(?P<path>[^{}]*?)\s*\}\}")
PLACEHOLDER_START = re.compile(r"\{\{\s*wai:")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")


def expand_placeholders(markdown: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Replace every placeholder outside code; also return the problems as ``(line, text, reason)``.

    Fenced blocks and inline code are left alone, so a page can show the syntax itself. Lines are
    1-based in ``markdown``; nothing is inserted or removed, so line numbers stay valid.
    """
    lines = markdown.split("\n")
    in_code = {n for start, end, _, _ in fence_spans(lines) for n in range(start, end + 1)}
    problems: list[tuple[int, str, str]] = []

    def replace_one(match: re.Match[str], number: int) -> str:
        try:
            return escape(placeholder_value(match["path"]), quote=False)
        except PlaceholderError as exc:
            problems.append((number, match[0], str(exc)))
            return match[0]

    def expand_prose(text: str, number: int) -> str:
        text = PLACEHOLDER.sub(lambda m: replace_one(m, number), text)
        rest = PLACEHOLDER.sub("", text)
        for stray in PLACEHOLDER_START.finditer(rest):
            shown = rest[stray.start() :][:40].rstrip()
            problems.append((number, shown, "placeholder is not closed with '}}' on the same line"))
        return text

    for index, line in enumerate(lines):
        if index in in_code or "wai:" not in line:
            continue
        pieces, last = [], 0
        for span in CODE_SPAN.finditer(line):
            pieces += [expand_prose(line[last : span.start()], index + 1), span[0]]
            last = span.end()
        pieces.append(expand_prose(line[last:], index + 1))
        lines[index] = "".join(pieces)
    return "\n".join(lines), problems


# --- MkDocs events ------------------------------------------------------------------------------

_state: dict[str, Any] = {"page": None, "markdown": "", "offset": 0, "docs": "docs", "known": set()}


def _where(page: Any) -> str:
    return page_where(page, _state["docs"])


def _format(source: str, language: str, css_class: str, options: Any, md: Any, **kwargs: Any) -> str:
    """The superfences formatter. Bodies were checked already; anything left still fails loudly."""
    try:
        return build(language, source)
    except BodyError as exc:
        found = [(f.line, f.source) for f in find_fences(_state["markdown"]) if f.name == language]
        where = _where(_state["page"])
        raise formatter_error(language, exc, source, found, where, _state["offset"]) from None


def on_config(config: Any) -> Any:
    fences = register_fences(config, FENCES, _format)
    _state["docs"] = docs_name(config)
    _state["known"] = {f.get("name") for f in fences}
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    _state.update(page=page, markdown=markdown, offset=front_matter_lines(page, markdown))
    known = {
        f.get("name") for f in config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    }
    for fence in find_fences(markdown):
        line = _state["offset"] + fence.line
        if fence.name not in FENCES:
            if fence.name not in known:
                names = ", ".join(sorted(n for n in known if n and n.startswith("wai-")))
                raise PluginError(
                    f"{_where(page)}:{line}: unknown fence {fence.name!r}; known wai fences: {names}"
                )
            continue
        try:
            build(fence.name, fence.source)
        except BodyError as exc:
            raise PluginError(f"{_where(page)}:{line + exc.line}: {fence.name}: {exc.reason}") from None
    expanded, problems = expand_placeholders(markdown)
    if problems:
        number, text, reason = problems[0]
        raise PluginError(f"{_where(page)}:{_state['offset'] + number}: {text}: {reason}")
    _state["markdown"] = expanded
    return expanded
