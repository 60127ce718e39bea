"""The self-audit's markup: native controls with labels, links to the rapport page, escaped text."""

from __future__ import annotations

from html.parser import HTMLParser

from scorer.core import selfaudit
from scorer.html import selfaudit as selfaudit_html

HOSTILE = '<img src=x onerror=alert(1)>"\'&'


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_audit_form_has_native_controls_labels_and_links() -> None:
    html = selfaudit_html.audit_html("sa", rapport_url="../../rapport/")
    parser = _Collect()
    parser.feed(html)
    radios = [a for t, a in parser.tags if t == "input" and a.get("type") == "radio"]
    labels = {a.get("for") for t, a in parser.tags if t == "label"}
    textareas = [a for t, a in parser.tags if t == "textarea"]
    n = len(selfaudit.practices())
    assert len(radios) == n * 6  # 1-5 and "not relevant"
    assert len(textareas) == n
    assert all(r["id"] in labels for r in radios)
    assert all(t["id"] in labels for t in textareas)
    links = [a["href"] for t, a in parser.tags if t == "a"]
    assert links == [f"../../rapport/#{p.anchor}" for p in selfaudit.practices()]
    assert "style=" not in html and "<script" not in html


def test_summary_html_escapes_what_the_user_wrote() -> None:
    summary = selfaudit.summarize({"empathy": 5}, {"empathy": HOSTILE})
    html = selfaudit_html.summary_html(summary, rapport_url="../../rapport/")
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
