"""sitebuild.markdown.self_assessment: body validation with lines, the widget HTML contract, links
computed from source paths, and the anchors it links to."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_kit import convert, error, write_page

from scorer.core import selfaudit
from scorer.core.forms import get_form
from sitebuild.markdown.errors import BodyError
from sitebuild.markdown.page import page_url, relative_url
from sitebuild.markdown.self_assessment import check_anchors, parse_body, widget_html

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("colour: red", 1, "unknown key 'colour'"),
        ("\npatient_form: wai-t", 2, "not a patient form"),
        ("id: Widget", 1, "lower-case"),
        ("id: a\nid: b", 2, "given twice (first on line 1)"),
        ("patient_form", 1, "expected 'key: value'"),
        ("patient_form:", 1, "has no value"),
    ],
)
def test_bad_bodies_name_the_line_and_reason(body, line, message) -> None:
    with pytest.raises(BodyError) as info:
        parse_body(body)
    assert info.value.line == line
    assert message in info.value.reason


def test_bad_body_in_a_page_fails_the_build_with_file_and_line(tmp_path) -> None:
    page_md = "# T\n\ntext\n\n```wai-self-assessment\npatient_form: wai-t\n```\n"
    text = write_page(tmp_path / "docs", "sa.md", page_md)
    message = error(text, "sa.md", docs_dir=tmp_path / "docs")
    assert message.startswith("docs/sa.md:6: wai-self-assessment: patient_form")


class _Parse(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_widget_html_follows_the_contract() -> None:
    html = widget_html(parse_body(""), rapport_url="../../rapport/", privacy_url="../../privacy/")
    parser = _Parse()
    parser.feed(html)
    root_tag, root = parser.tags[0]
    assert root_tag == "div" and root["data-widget"] == "self-assessment" and root["data-state"] == "loading"
    assert root["data-storage-key"] == "wai-training:v1:self-assessment:history"
    assert any(a.get("class") == "wai-status" and a.get("role") == "status" for _, a in parser.tags)
    assert any(a.get("class") == "wai-results" and a.get("aria-live") == "polite" for _, a in parser.tags)
    buttons = [a for t, a in parser.tags if t == "button"]
    assert any(b.get("data-action") == "score" for b in buttons)
    assert ">Score</button>" in html
    # the WAI-T form, then the three patient forms (the first shown, the others hidden)
    panels = [a for t, a in parser.tags if "wai-form-panel" in (a.get("class") or "")]
    assert [p["data-form-id"] for p in panels] == ["wai-t", "wai-s", "wai", "wai-sr"]
    assert ["hidden" in p for p in panels] == [False, False, True, True]
    items = [a for t, a in parser.tags if t == "fieldset" and a.get("class") == "wai-item"]
    assert len(items) == sum(get_form(f).n_items for f in ("wai-t", "wai-s", "wai", "wai-sr"))
    practices = [a["data-practice"] for t, a in parser.tags if a.get("class") == "wai-practice"]
    assert practices == [p.id for p in selfaudit.practices()]
    # every control has a label
    labels = {a.get("for") for t, a in parser.tags if t == "label"}
    controls = [a for t, a in parser.tags if t in ("input", "select", "textarea")]
    assert all(c.get("id") in labels for c in controls)
    assert "style=" not in html and "<script" not in html
    assert 'href="../../privacy/#clear"' in html


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        ("practice/self-assessment/", "rapport/", "../../rapport/"),
        ("practice/self-assessment.html", "rapport.html", "../rapport.html"),
        ("", "rapport/", "rapport/"),
    ],
)
def test_links_are_relative_to_the_page(page, target, expected) -> None:
    assert relative_url(page, target) == expected


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("practice/self-assessment.md", True, "practice/self-assessment/"),
        ("practice/self-assessment.md", False, "practice/self-assessment.html"),
        ("index.md", True, ""),
        ("index.md", False, "index.html"),
        ("educators/index.md", True, "educators/"),
        ("rapport.md", True, "rapport/"),
    ],
)
def test_page_urls_follow_mkdocs_layout(src, directory_urls, url) -> None:
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    ("directory_urls", "rapport"), [(True, "../../rapport/"), (False, "../rapport.html")]
)
def test_the_widget_on_the_site_links_to_rapport_and_privacy(directory_urls, rapport) -> None:
    html = convert("```wai-self-assessment\n```\n", "practice/self-assessment.md", docs_dir=DOCS,
                   use_directory_urls=directory_urls)
    practice = selfaudit.practices()[0]
    assert f'href="{rapport}#{practice.anchor}"' in html
    assert f'href="{rapport.replace("rapport", "privacy")}#clear"' in html


def test_one_self_assessment_per_page() -> None:
    text = "```wai-self-assessment\n```\n\n```wai-self-assessment\n```\n"
    message = error(text, "practice/self-assessment.md", docs_dir=DOCS)
    assert message == "docs/practice/self-assessment.md:4: wai-self-assessment: one self-assessment per page"


def test_missing_rapport_or_privacy_page_fails(tmp_path) -> None:
    docs = tmp_path / "docs"
    text = write_page(docs, "sa.md", "```wai-self-assessment\n```\n")
    assert error(text, "sa.md", docs_dir=docs) == (
        "docs/sa.md: wai-self-assessment: the self-audit links to rapport.md, not in the site")
    shutil.copy(DOCS / "rapport.md", docs / "rapport.md")
    assert error(text, "sa.md", docs_dir=docs) == (
        "docs/sa.md: wai-self-assessment: the widget links to privacy.md, which is not in the site")


def test_a_practice_anchor_missing_from_rapport_fails_the_build() -> None:
    text = (DOCS / "rapport.md").read_text(encoding="utf-8")
    check_anchors(text)
    with pytest.raises(BodyError, match=r"rapport\.md#empathy"):
        check_anchors(text.replace("{#empathy}", "{#empathy-renamed}"))


def test_a_missing_anchor_names_the_page(tmp_path) -> None:
    docs = tmp_path / "docs"
    text = write_page(docs, "sa.md", "```wai-self-assessment\n```\n")
    rapport = (DOCS / "rapport.md").read_text(encoding="utf-8").replace("{#empathy}", "{#x}")
    write_page(docs, "rapport.md", rapport)
    write_page(docs, "privacy.md", "# Privacy\n")
    message = error(text, "sa.md", docs_dir=docs)
    assert message.startswith(
        "docs/sa.md: wai-self-assessment: scorer/core/practices.json links to rapport.md#empathy"
    )
