"""MkDocs hook: the ``wai-self-assessment`` fence, the clinician self-assessment widget's static HTML.

Everything is real HTML rendered at build time (from
``scorer.html.self_assessment_widget``), so a
clinician can start filling it in before Python has started; ``docs/js/self-assessment.js`` then
wires it to ``scorer.web`` in the worker. The body is optional ``key: value`` lines::

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
    Body,
    BodyError,
    docs_name,
    find_named_fences,
    formatter_error,
    front_matter_lines,
    page_where,
    parse_key_values,
    register_fences,
)
from mkdocs.exceptions import PluginError

from scorer.core import selfaudit
from scorer.core.history import PATIENT_FORMS
from scorer.html.self_assessment_widget import self_assessment_html
from scorer.html.widget_kit import WIDGET_ID

FENCE = "wai-self-assessment"
KEYS = ("id", "patient_form")
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


def widget_html(body: Body, *, rapport_url: str, privacy_url: str) -> str:
    uid = body.get("id", ("wai-self-assessment", 0))[0]
    first = body.get("patient_form", (PATIENT_FORMS[0], 0))[0]
    return self_assessment_html(uid, first, rapport_url=rapport_url, privacy_url=privacy_url)


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
            f"{where}: {FENCE}: scorer/core/practices.json links to {RAPPORT_PAGE}#{', #'.join(missing)}, "
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
