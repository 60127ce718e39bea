"""The ``wai-self-assessment`` fence: body validation with lines, the widget HTML contract, links."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from hook_loader import load_hook
from mkdocs.exceptions import PluginError

from scorer.core import selfaudit
from scorer.core.forms import get_form

ROOT = Path(__file__).resolve().parents[1]


hook = load_hook("selfassessment.py", "selfassessment_under_test")


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
    with pytest.raises(hook.BodyError) as info:
        hook.parse_body(body)
    assert info.value.line == line
    assert message in info.value.reason


def test_bad_body_in_a_page_fails_the_build_with_file_and_line(tmp_path) -> None:
    page_md = "# T\n\ntext\n\n```wai-self-assessment\npatient_form: wai-t\n```\n"
    src = tmp_path / "sa.md"
    src.write_text(page_md, encoding="utf-8")
    page = SimpleNamespace(url="sa/", file=SimpleNamespace(src_uri="sa.md", abs_src_path=str(src)))
    with pytest.raises(PluginError, match=r"docs/sa\.md:6: wai-self-assessment: patient_form"):
        hook.on_page_markdown(page_md, page=page, config=SimpleNamespace(docs_dir="docs"), files=None)


class _Parse(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_widget_html_follows_the_contract() -> None:
    html = hook.widget_html(hook.parse_body(""), rapport_url="../../rapport/", privacy_url="../../privacy/")
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
    assert hook.relative_url(page, target) == expected


def test_a_practice_anchor_missing_from_rapport_fails_the_build() -> None:
    text = (ROOT / "docs" / "rapport.md").read_text(encoding="utf-8")
    hook.check_anchors(text, "docs/practice/self-assessment.md")
    with pytest.raises(PluginError, match=r"rapport\.md#empathy"):
        hook.check_anchors(text.replace("{#empathy}", "{#empathy-renamed}"), "docs/x.md")


def test_on_config_appends_the_fence_and_keeps_the_others() -> None:
    other = {"name": "wai-widget", "class": "wai-widget", "format": print}
    config = SimpleNamespace(mdx_configs={"pymdownx.superfences": {"custom_fences": [other]}})
    hook.on_config(config)
    hook.on_config(config)  # twice: still one
    names = [f["name"] for f in config.mdx_configs["pymdownx.superfences"]["custom_fences"]]
    assert names == ["wai-widget", "wai-self-assessment"]
    empty = SimpleNamespace(mdx_configs={})
    hook.on_config(empty)
    assert empty.mdx_configs["pymdownx.superfences"]["custom_fences"][0]["name"] == "wai-self-assessment"
