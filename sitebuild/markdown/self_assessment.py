"""The ``wai-self-assessment`` fence: the clinician self-assessment widget's static HTML.

The HTML is ``scorer.html.self_assessment_widget``; ``docs/js/self-assessment.js`` wires it to the
scorer in the worker. The body is optional ``key: value`` lines::

    ```wai-self-assessment
    patient_form: wai-s
    ```

Keys: ``id`` (the root element's id) and ``patient_form`` (the patient form shown first). One per
page. The widget links to ``rapport.md`` (one anchor per practice) and ``privacy.md``: the links are
computed from the pages' source paths, and a practice whose anchor ``rapport.md`` does not define
fails the build.
"""

from __future__ import annotations

import re

from scorer.core import selfaudit
from scorer.core.history import PATIENT_FORMS
from scorer.html.self_assessment_widget import self_assessment_html
from scorer.html.widget_kit import WIDGET_ID

from .body import Body, parse_key_values
from .errors import BodyError
from .page import Page
from .scan import Fence

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


def check_anchors(rapport_source: str) -> None:
    """Every practice links to ``rapport.md#anchor``: a missing heading id is an error (no line)."""
    ids = set(re.findall(r"\{#([A-Za-z0-9_-]+)[^}]*\}", rapport_source))
    missing = [p.anchor for p in selfaudit.practices() if p.anchor not in ids]
    if missing:
        raise BodyError(
            None,
            f"scorer/core/practices.json links to {RAPPORT_PAGE}#{', #'.join(missing)}, "
            f"which {RAPPORT_PAGE} does not define",
        )


def render(fence: Fence, page: Page) -> str:
    body = parse_body(fence.body)
    here = page.file_line(fence.start)
    if page.claimed.setdefault((FENCE, ""), here) != here:
        raise BodyError(0, "one self-assessment per page")
    rapport = page.source(RAPPORT_PAGE)
    if rapport is None:
        raise BodyError(None, f"the self-audit links to {RAPPORT_PAGE}, not in the site")
    check_anchors(rapport)
    if page.source(PRIVACY_PAGE) is None:
        raise BodyError(None, f"the widget links to {PRIVACY_PAGE}, which is not in the site")
    return widget_html(body, rapport_url=page.link(RAPPORT_PAGE), privacy_url=page.link(PRIVACY_PAGE))
