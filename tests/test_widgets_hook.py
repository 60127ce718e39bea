"""hooks/widgets.py: the wai-widget fence renders the HTML contract; a bad body names page, line, reason."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from hook_loader import load_hook
from mkdocs.exceptions import PluginError

from scorer import forms, get_form
from scorer.core.cases import generate
from scorer.html.widget_kit import form_label

ROOT = Path(__file__).resolve().parents[1]


hook = load_hook("widgets.py", "widgets_hook_under_test")


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
    html = hook.build("kind: score\nform: wai\n")
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
        ids = [a["id"] for _, a in parse(hook.build(body)).tags if a.get("id")]
        assert len(ids) == len(set(ids)), body


def test_score_widget_can_offer_fewer_forms():
    tags = parse(hook.build("kind: score\nform: wai-sr\nforms: wai-s, wai-sr"))
    assert [p["data-form-id"] for p in find(tags, "div", class_="wai-form-panel")] == ["wai-s", "wai-sr"]
    assert [a["value"] for a in find(tags, "option")] == ["wai-s", "wai-sr"]


def test_case_widget_shows_the_case_and_eight_labelled_inputs():
    html = hook.build("kind: case\nform: wai\nseed: 17\nprofile: weak-bond")
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
    tags = parse(hook.build("kind: compare"))
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
    with pytest.raises(hook.BodyError) as info:
        hook.build(body)
    assert info.value.line == line
    assert reason in info.value.reason


def _page(path: Path):
    return SimpleNamespace(file=SimpleNamespace(src_uri="practice/x.md", abs_src_path=str(path)))


def test_on_page_markdown_reports_page_and_file_line(tmp_path):
    text = "---\ntitle: X\n---\n# X\n\nSome text.\n\n```wai-widget\nkind: score\nform: wai-q\n```\n"
    source = tmp_path / "x.md"
    source.write_text(text)
    markdown = text.split("---\n", 2)[2]
    config = SimpleNamespace(docs_dir=str(tmp_path / "docs"))
    with pytest.raises(PluginError, match=r"^docs/practice/x\.md:10: wai-widget: form: unknown form 'wai-q'"):
        hook.on_page_markdown(markdown, _page(source), config, None)


def test_two_widgets_of_one_kind_need_their_own_ids(tmp_path):
    text = "```wai-widget\nkind: score\n```\n\n```wai-widget\nkind: score\n```\n"
    source = tmp_path / "x.md"
    source.write_text(text)
    config = SimpleNamespace(docs_dir="docs")
    with pytest.raises(PluginError, match=r"x\.md:5: .*second widget with id 'wai-score'"):
        hook.on_page_markdown(text, _page(source), config, None)
    ok = text.replace("kind: score\n```\n\n", "kind: score\nid: first\n```\n\n", 1)
    source.write_text(ok)
    assert hook.on_page_markdown(ok, _page(source), config, None) == ok


def test_on_config_appends_without_dropping_other_fences():
    other = {"name": "wai-items", "class": "wai-items", "format": lambda *a, **k: ""}
    config = SimpleNamespace(mdx_configs={"pymdownx.superfences": {"custom_fences": [other]}})
    hook.on_config(config)
    hook.on_config(config)  # twice (mkdocs serve): still one entry
    names = [f["name"] for f in config.mdx_configs["pymdownx.superfences"]["custom_fences"]]
    assert names == ["wai-items", "wai-widget"]
    empty = SimpleNamespace(mdx_configs={})
    hook.on_config(empty)
    assert [f["name"] for f in empty.mdx_configs["pymdownx.superfences"]["custom_fences"]] == ["wai-widget"]


def _mkdocs_project(tmp_path: Path, page: str) -> Path:
    (tmp_path / "docs").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text(page)
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: t
        markdown_extensions:
          - pymdownx.superfences
        hooks:
          - {ROOT / 'hooks' / 'widgets.py'}
        """))
    return tmp_path


def test_a_real_build_renders_the_widget_and_a_bad_body_fails_it(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    good = _mkdocs_project(tmp_path / "good", "# Hi\n\n```wai-widget\nkind: case\nform: wai-sr\n```\n")
    run = subprocess.run(mkdocs, cwd=good, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    html = (good / "site" / "index.html").read_text()
    assert 'data-widget="case" data-form="wai-sr" data-state="loading"' in html
    bad = _mkdocs_project(tmp_path / "bad", "# Hi\n\ntext\n\n```wai-widget\nkind: case\nseed: x\n```\n")
    run = subprocess.run(mkdocs, cwd=bad, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "docs/index.md:7: wai-widget: seed must be a whole number" in run.stderr


def test_form_labels_state_items_and_scale():
    form = get_form("wai-sr")
    assert form_label(form) == "WAI-SR: 12 items, answers 1–5"
