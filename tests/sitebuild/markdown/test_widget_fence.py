"""sitebuild.markdown.widgets: the wai-widget fence renders the HTML contract; a bad body names page,
line and reason."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import pytest
from markdown_kit import convert, error, write_page

from scorer import forms, get_form
from scorer.core.cases import generate
from scorer.html.widget_kit import form_label
from sitebuild.markdown.errors import BodyError
from sitebuild.markdown.widgets import build


class Tags(HTMLParser):
    """Every start tag with its attributes, and a check that the fragment nests properly."""

    VOID = frozenset({"input", "br", "img", "meta", "link", "hr", "circle", "rect", "line"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    assert tags.stack == [], f"unclosed: {tags.stack}"
    return tags


def find(tags: Tags, tag: str, **attrs: str) -> list[dict[str, str | None]]:
    def name(key: str) -> str:
        return key.rstrip("_").replace("_", "-")

    return [a for t, a in tags.tags if t == tag and all(a.get(name(k)) == v for k, v in attrs.items())]


def test_score_widget_follows_the_html_contract():
    html = build("kind: score\nform: wai\n")
    tags = parse(html)
    root = tags.tags[0][1]
    assert tags.tags[0][0] == "div"
    assert root["class"].split()[0] == "wai-widget"
    assert (root["data-widget"], root["data-form"], root["data-state"]) == ("score", "wai", "loading")
    # every form is there, as real radio buttons, and only the chosen one is visible
    panels = find(tags, "div", class_="wai-form-panel")
    assert [p["data-form-id"] for p in panels] == [f.id for f in forms()]
    assert ["hidden" in p for p in panels] == [False, True, True, True]
    for form in forms():
        assert len(find(tags, "fieldset", class_="wai-item")) >= form.n_items
        prefix = f"wai-score-{form.id}-item-"
        radios = [a for t, a in tags.tags if t == "input" and (a.get("name") or "").startswith(prefix)]
        assert len(radios) == form.n_items * (form.scale.max - form.scale.min + 1)
    assert re.search(r'<legend>Item 1 — [^<]+</legend>', html)
    score = find(tags, "button", data_action="score")
    assert len(score) == 1 and score[0]["type"] == "button"
    assert 'data-action="score" data-needs="python" disabled>Score</button>' in html
    assert '<div class="wai-results" aria-live="polite"></div>' in html
    assert '<p class="wai-status" role="status">' in html
    for action in ("paste", "clear", "export-csv", "export-json", "print"):
        assert len(find(tags, "button", data_action=action)) == 1
    # labels point at real controls
    ids = {a["id"] for _, a in tags.tags if a.get("id")}
    for _, attrs in tags.tags:
        if attrs.get("for"):
            assert attrs["for"] in ids


def test_ids_are_unique_within_a_widget():
    for body in ("kind: score", "kind: case", "kind: compare"):
        ids = [a["id"] for _, a in parse(build(body)).tags if a.get("id")]
        assert len(ids) == len(set(ids)), body


def test_score_widget_can_offer_fewer_forms():
    tags = parse(build("kind: score\nform: wai-sr\nforms: wai-s, wai-sr"))
    assert [p["data-form-id"] for p in find(tags, "div", class_="wai-form-panel")] == ["wai-s", "wai-sr"]
    assert [a["value"] for a in find(tags, "option")] == ["wai-s", "wai-sr"]


def test_case_widget_shows_the_case_and_eight_labelled_inputs():
    html = build("kind: case\nform: wai\nseed: 17\nprofile: weak-bond")
    tags = parse(html)
    root = tags.tags[0][1]
    assert (root["data-widget"], root["data-form"], root["data-seed"], root["data-profile"]) == (
        "case", "wai", "17", "weak-bond")
    case = generate("wai", 17, "weak-bond")
    assert escape(case.vignette) in html
    answers = [a for t, a in tags.tags if t == "input" and a.get("data-answer")]
    assert [a["data-answer"] for a in answers] == [
        "goal_sum", "task_sum", "bond_sum", "total_sum", "goal_mean", "task_mean", "bond_mean", "total_mean"]
    assert all(find(tags, "label", for_=a["id"]) for a in answers)
    assert find(tags, "input", data_role="seed")[0]["value"] == "17"
    for action in ("check", "solution", "new-case", "clear"):
        assert find(tags, "button", data_action=action)
    assert '<div class="wai-feedback" aria-live="polite"></div>' in html
    # the static page must not give the key away: no results table, no steps
    assert "wai-results-table" not in html and "wai-steps" not in html


def test_compare_widget_has_both_sides():
    tags = parse(build("kind: compare"))
    sides = find(tags, "section", class_="wai-compare-side")
    assert [s["data-side"] for s in sides] == ["patient", "therapist"]
    panels = find(tags, "div", class_="wai-form-panel")
    patient_ids = [f.id for f in forms() if f.respondent == "patient"]
    assert [p["data-form-id"] for p in panels] == [*patient_ids, "wai-t"]
    assert find(tags, "button", data_action="compare")
    root = tags.tags[0][1]
    assert (root["data-form"], root["data-therapist-form"]) == ("wai", "wai-t")


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("form: wai", 0, "missing required key 'kind'"),
        ("kind: scor", 1, "unknown kind 'scor'"),
        ("kind: score\nfrom: wai", 2, "unknown key 'from'"),
        ("kind: score\nform: wai\nform: wai-s", 3, "given twice"),
        ("kind: score\nform: wai-x", 2, "unknown form 'wai-x'"),
        ("kind: score\nseed: 3", 2, "does not apply to kind score"),
        ("kind: score\nform:", 2, "has no value"),
        ("kind: score\njust text", 2, "expected 'key: value'"),
        ("kind: case\nseed: -4", 2, "seed must be a whole number"),
        ("kind: case\nprofile: grumpy", 2, "unknown profile 'grumpy'"),
        ("kind: compare\nform: wai-t", 2, "completed by the therapist"),
        ("kind: compare\ntherapist: wai", 2, "completed by the patient"),
        ("kind: score\nform: wai\nforms: wai-s", 2, "not among forms"),
        ("kind: score\nid: Bad Id", 2, "id must be"),
    ],
)
def test_bad_bodies_name_the_line_and_the_reason(body, line, reason):
    with pytest.raises(BodyError) as info:
        build(body)
    assert info.value.line == line
    assert reason in info.value.reason


def test_a_bad_body_names_page_and_file_line(tmp_path):
    docs = tmp_path / "docs"
    source = "---\ntitle: X\n---\n# X\n\nSome text.\n\n```wai-widget\nkind: score\nform: wai-q\n```\n"
    text = write_page(docs, "practice/x.md", source)
    message = error(text, "practice/x.md", docs_dir=docs)
    assert message.startswith("docs/practice/x.md:10: wai-widget: form: unknown form 'wai-q'")


def test_two_widgets_of_one_kind_need_their_own_ids():
    text = "```wai-widget\nkind: score\n```\n\n```wai-widget\nkind: score\n```\n"
    assert error(text, "practice/x.md").startswith(
        "docs/practice/x.md:5: wai-widget: a second widget with id 'wai-score' (first on line 1)"
    )
    ok = text.replace("kind: score\n```\n\n", "kind: score\nid: first\n```\n\n", 1)
    html = convert(ok, "practice/x.md")
    assert html.count('data-widget="score"') == 2 and 'id="first"' in html and 'id="wai-score"' in html


def test_form_labels_state_items_and_scale():
    form = get_form("wai-sr")
    assert form_label(form) == "WAI-SR: 12 items, answers 1–5"
