"""Inline placeholders {{ wai:<form>.<fact> }}: the key's facts in prose, left alone in code, and a
bad one names page, line and reason."""

from __future__ import annotations

import dataclasses

import pytest
from markdown_kit import convert, error, write_page

from scorer.core import facts
from scorer.core.facts import fact_value
from scorer.core.forms import SUBSCALES, forms, get_form
from scorer.core.scoring import DEFAULT_MAX_MISSING, allowed_missing
from sitebuild.markdown.placeholders import expand
from sitebuild.markdown.scan import code_lines, scan


def expand_page(markdown: str) -> str:
    lines = markdown.split("\n")
    expanded, problems = expand(lines, code_lines(scan(lines)))
    assert not problems, problems
    return "\n".join(expanded)


def test_placeholders_are_replaced_with_the_keys_facts():
    wai, wai_s, wai_sr = get_form("wai"), get_form("wai-s"), get_form("wai-sr")
    markdown = (
        "# T\n\nItems {{ wai:wai-s.reverse }} are reversed; Goal is {{wai:wai-sr.subscale.goal}}.\n"
        "Total {{ wai:wai.range.total }}, {{ wai:wai.count.reverse }} reversed, "
        "{{ wai:wai-sr.anchors }}.\n"
    )
    for out in (expand_page(markdown), convert(markdown)):
        assert "{{" not in out
        assert f"Items {' and '.join(map(str, sorted(wai_s.reverse)))} are reversed" in out
        goal = [str(i) for i in wai_sr.subscales["goal"]]
        assert f"Goal is {', '.join(goal[:-1])} and {goal[-1]}." in out
        assert f"Total {wai.n_items * wai.scale.min}–{wai.n_items * wai.scale.max}," in out
        assert f" {len(wai.reverse)} reversed," in out
        assert ", ".join(wai_sr.scale.anchors[:-1]) + " and " + wai_sr.scale.anchors[-1] in out
    assert expand_page(markdown).count("\n") == markdown.count("\n")  # line numbers stay right


def test_placeholder_values_follow_the_scorers_data():
    for form in forms():
        value = fact_value
        assert value(f"{form.id}.items") == str(form.n_items)
        assert value(f"{form.id}.scale") == f"{form.scale.min}–{form.scale.max}"
        assert value(f"{form.id}.anchor.max") == form.scale.anchors[-1]
        assert value(f"{form.id}.count.reverse") == str(len(form.reverse))
        assert value(f"{form.id}.max.total") == str(form.n_items * form.scale.max)
        for name in SUBSCALES:
            members = form.subscales[name]
            assert value(f"{form.id}.subscale.{name}").replace(" and ", ", ").split(", ") == [
                str(i) for i in members
            ]
            reversed_here = [i for i in members if i in form.reverse]
            assert value(f"{form.id}.count.reverse.{name}") == str(len(reversed_here))
            assert value(f"{form.id}.range.{name}") == (
                f"{len(members) * form.scale.min}–{len(members) * form.scale.max}"
            )
            top = sum(form.scale.min if i in form.reverse else form.scale.max for i in members)
            assert value(f"{form.id}.all-top.{name}") == str(top)
            assert value(f"{form.id}.missing.{name}") == str(
                allowed_missing(len(members), DEFAULT_MAX_MISSING)
            )
    assert fact_value("wai-sr.reverse") == "none"  # the WAI-SR reverses nothing


def test_a_changed_key_changes_the_placeholders(monkeypatch):
    real = facts.get_form
    changed = dataclasses.replace(get_form("wai-s"), reverse=frozenset({4}))
    before = convert("{{ wai:wai-s.reverse }}")
    monkeypatch.setattr(facts, "get_form", lambda fid: changed if fid == "wai-s" else real(fid))
    assert before != convert("{{ wai:wai-s.reverse }}") == "<p>4</p>"
    assert fact_value("wai-s.count.reverse") == "1"


BAD_PLACEHOLDERS = [
    ("{{ wai:wai-x.items }}", "unknown form 'wai-x'"),
    ("{{ wai:wai.reversed }}", "unknown fact 'reversed'"),
    ("{{ wai:wai }}", "name a fact after the form"),
    ("{{ wai:wai.subscale.goals }}", "unknown subscale 'goals'"),
    ("{{ wai:wai.range.body }}", "unknown part 'body'"),
    ("{{ wai:wai.count.reverse.total }}", "unknown subscale 'total'"),
    ("{{ wai:wai.items", "placeholder is not closed"),
]


@pytest.mark.parametrize(("text", "reason"), BAD_PLACEHOLDERS)
def test_unknown_placeholder_fails_with_page_line_and_reason(text, reason):
    message = error(f"# Title\n\nSome text.\n\nThe WAI has {text} here.\n", "glossary.md")
    assert message.startswith(f"docs/glossary.md:5: {text.split(' here')[0]}"), message
    assert reason in message


def test_placeholder_line_counts_front_matter(tmp_path):
    docs = tmp_path / "docs"
    source = "---\ntitle: T\n---\n# T\n\nfine {{ wai:wai.items }}\nbad {{ wai:wai.nothing }}\n"
    text = write_page(docs, "page.md", source)
    message = error(text, "page.md", docs_dir=docs)
    assert message.startswith("docs/page.md:7: {{ wai:wai.nothing }}: unknown fact")


def test_placeholders_inside_code_are_left_alone():
    markdown = (
        "Write `{{ wai:wai-s.reverse }}` or ``{{ wai:nope }}`` in prose.\n\n"
        "```text\n{{ wai:wai-s.reverse }} {{ wai:nope }}\n```\n\n"
        '=== "Tab"\n\n    ~~~markdown\n    {{ wai:nope }}\n    ~~~\n\n'
        "But {{ wai:wai-s.reverse }} here.\n"
    )
    out = expand_page(markdown)
    assert out.count("{{ wai:wai-s.reverse }}") == 2
    assert out.count("{{ wai:nope }}") == 3
    assert out.endswith("But 4 and 10 here.\n") == (fact_value("wai-s.reverse") == "4 and 10")
    assert "But {{" not in out
    html = convert(markdown)  # the whole page converts: the bad ones in code are not errors
    assert f"But {fact_value('wai-s.reverse')} here." in html and html.count("{{ wai:nope }}") == 3
