"""The limits the site teaches are stated where students use the tools and read the studies.

- The patient–therapist comparison (the compare page, the pairs exercises, the self-assessment and
  the widget's own teaching notes) names the 1-point flag as this site's teaching convention and
  says the comparison is approximate when the two forms differ in answer scale or item set.
- Each study section of the evidence page opens with a "What to tell a patient or a colleague" box.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from scorer import web
from scorer.core.forms import forms, get_form

CONVENTION = re.compile(r"teaching convention", re.I)
APPROXIMATE = re.compile(r"approximate", re.I)
TELL_TITLE = "What to tell a patient or a colleague"
STUDY_SECTIONS = ("ferreira-2013", "reviews", "experiments", "what-builds-it", "psychotherapy", "whose-rating")


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("page", ["practice/compare/index.html", "exercises/pairs/index.html",
                                  "practice/self-assessment/index.html"])
def test_comparison_pages_name_the_convention_and_the_approximation(html_pages: dict[str, str], page: str):
    text = _text(html_pages[page])
    assert CONVENTION.search(text), f"{page} does not call the 1-point flag a teaching convention"
    assert APPROXIMATE.search(text), f"{page} does not say when the comparison is approximate"


def test_compare_page_names_both_reasons(html_pages: dict[str, str]) -> None:
    text = _text(html_pages["practice/compare/index.html"])
    assert re.search(r"different answer scales", text, re.I)
    assert re.search(r"different item sets", text, re.I)
    assert re.search(r"1-point flag", text)


def _answers(form_id: str, value: int) -> list[str]:
    return [str(value)] * get_form(form_id).n_items


@pytest.mark.parametrize("patient", [f.id for f in forms() if f.respondent != "therapist"])
@pytest.mark.parametrize("gap", [0, 3])
def test_widget_notes_state_the_convention_and_when_approximate(patient: str, gap: int) -> None:
    p_form, t_form = get_form(patient), get_form("wai-t")
    got = web.compare(patient, _answers(patient, 4), "wai-t", _answers("wai-t", 4 - gap))
    notes = _text(got["html"]["notes"])
    assert CONVENTION.search(notes) and "1-point flag" in notes
    differs = p_form.n_items != t_form.n_items or (p_form.scale.min, p_form.scale.max) != (
        t_form.scale.min, t_form.scale.max)
    assert bool(APPROXIMATE.search(notes)) is differs, notes
    if p_form.n_items != t_form.n_items:
        assert "different item sets" in notes
    if got["comparison"]["rescaled"]:
        assert "answer scales" in notes


def test_each_study_section_of_the_evidence_page_opens_with_what_to_tell(html_pages: dict[str, str]):
    html = html_pages["evidence/index.html"]
    missing = []
    for section in STUDY_SECTIONS:
        pattern = (
            rf'<h2 id="{section}">.*?</h2>\s*<div class="admonition example">\s*'
            rf'<p class="admonition-title">{TELL_TITLE}</p>'
        )
        if not re.search(pattern, html, re.S):
            missing.append(section)
    assert not missing, f"study sections without a '{TELL_TITLE}' box first: {missing}"
