"""hooks/wai_fences.py: fences render the scorer's data; a bad body names page, line and reason."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from hook_loader import load_hook
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

from scorer import score

ROOT = Path(__file__).resolve().parents[1]


hook = load_hook("wai_fences.py", "wai_fences_under_test")


def fake_config(docs_dir="docs"):
    return SimpleNamespace(mdx_configs={}, docs_dir=docs_dir)


def fake_page(src_uri="scoring.md", abs_src_path=None):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, abs_src_path=abs_src_path))


def run_page(markdown, page=None):
    config = hook.on_config(fake_config())
    return hook.on_page_markdown(markdown, page=page or fake_page(), config=config, files=None)


def test_on_config_registers_fences_and_keeps_others():
    config = fake_config()
    config.mdx_configs["pymdownx.superfences"] = {"custom_fences": [{"name": "mermaid", "class": "mermaid"}]}
    hook.on_config(config)
    hook.on_config(config)  # a second call (mkdocs serve rebuild) must not duplicate
    names = [f["name"] for f in config.mdx_configs["pymdownx.superfences"]["custom_fences"]]
    assert names[0] == "mermaid"
    assert sorted(names[1:]) == sorted(hook.FENCES)
    assert len(names) == len(set(names))


def test_on_config_creates_the_key_when_absent():
    config = hook.on_config(fake_config())
    assert {f["name"] for f in config.mdx_configs["pymdownx.superfences"]["custom_fences"]} == set(
        hook.FENCES
    )


BAD_BODIES = [
    ("wai-items", "form: wai-x", 1, "unknown form 'wai-x'"),
    ("wai-items", "\nfrom: wai", 2, "unknown key 'from'"),
    ("wai-items", "", 0, "missing required key 'form'"),
    ("wai-key", "form: wai\nshow: everything", 2, "show must be one of"),
    ("wai-example", "form: wai-sr\nresponses: 4,3,5", 2, "has 12 items, but 3 answers were given"),
    (
        "wai-example",
        "form: wai-sr\nresponses: 4,3,5,2,5,3,4,2,5,3,3,9",
        2,
        "answer 9 is outside the allowed range",
    ),
    ("wai-example", "form: wai-sr\nresponses: 4,x,5", 2, "'x' is not a whole number"),
    ("wai-example", "form: wai-s\n# comment\nseed: ten", 3, "seed must be a whole number"),
    ("wai-example", "form: wai-s\nseed: 3\nprofile: grumpy", 3, "unknown profile 'grumpy'"),
    ("wai-example", "form: wai", 0, "needs 'responses' or 'seed'"),
    ("wai-example", "form: wai\nform: wai-s", 2, "given twice"),
    ("wai-example", "form: wai-sr\nresponses:", 2, "has no value"),
    ("wai-example", "form wai-sr", 1, "expected 'key: value'"),
    ("wai-correspondence", "form: wai", 1, "this fence takes no settings"),
]


@pytest.mark.parametrize(("name", "body", "body_line", "reason"), BAD_BODIES)
def test_bad_body_names_page_line_and_reason(name, body, body_line, reason):
    markdown = f"# Title\n\nSome text.\n\n```{name}\n{body}\n```\n"
    opening = 5
    with pytest.raises(PluginError) as info:
        run_page(markdown, fake_page("forms/x.md"))
    message = str(info.value)
    assert message.startswith(f"docs/forms/x.md:{opening + body_line}: ")
    assert reason in message


def test_line_numbers_count_front_matter_and_indentation(tmp_path):
    source = "---\ntitle: T\n---\n# T\n\n!!! note\n\n    ```wai-items\n    form: nope\n    ```\n"
    path = tmp_path / "page.md"
    path.write_text(source, encoding="utf-8")
    markdown = source.split("---\n", 2)[2]  # what MkDocs hands the hook after stripping the meta
    with pytest.raises(PluginError, match=r"^docs/page\.md:9: wai-items: unknown form 'nope'"):
        run_page(markdown, fake_page("page.md", str(path)))


def test_unknown_wai_fence_name_fails():
    with pytest.raises(PluginError, match=r"docs/scoring\.md:3: unknown fence 'wai-exampel'"):
        run_page("x\n\n```wai-exampel\nform: wai\n```\n")


def test_fences_inside_code_samples_are_left_alone():
    markdown = "````markdown\n```wai-items\nform: not-a-form\n```\n````\n"
    assert run_page(markdown) == markdown


def test_good_page_passes_unchanged():
    markdown = "```wai-items\nform: wai-s\n```\n\n~~~wai-example\nform: wai\nseed: 17\nprofile: strong\n~~~\n"
    assert run_page(markdown) == markdown


def test_formatter_error_is_one_superfences_reraises():
    run_page("# p\n\n```wai-items\nform: wai\n```\n", fake_page("p.md"))
    with pytest.raises(SuperFencesException) as info:
        hook._format("form: bad", "wai-items", "wai-items", {}, None)
    assert isinstance(info.value, PluginError)
    assert "docs/p.md" in str(info.value) and "unknown form 'bad'" in str(info.value)


def test_example_renders_the_scorers_own_steps_and_scores():
    html = hook.build("wai-example", "form: wai-s\nresponses: 6,5,7,2,6,5,6,5,7,3,5,6")
    result = score("wai-s", [6, 5, 7, 2, 6, 5, 6, 5, 7, 3, 5, 6])
    for step in result.steps:
        assert step.title in html
    assert ">22<" in html and ">26<" in html and ">21<" in html and ">69<" in html  # the sheet's §9.2 example
    assert result.to_dict()["total"]["sum"] == 69


def test_example_with_missing_answers_and_threshold():
    html = hook.build("wai-example", "form: wai-sr\nresponses: 4,-,5,2,5,3,4,2,5,3,3,4\nmax_missing: 0")
    assert "not scorable" in html
    assert 'data-responses="4,-,5,2,5,3,4,2,5,3,3,4"' in html


def test_real_build_fails_with_page_line_and_reason(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "bad.md").write_text(
        textwrap.dedent(
            """\
            # Bad

            ```wai-example
            form: wai-sr
            responses: 1,2,3
            ```
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: t
            docs_dir: docs
            hooks:
              - {ROOT / "hooks" / "wai_fences.py"}
            markdown_extensions:
              - pymdownx.superfences
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode != 0
    assert "docs/bad.md:5: wai-example: WAI-SR (wai-sr) has 12 items, but 3 answers were given" in run.stderr
    assert "Traceback" not in run.stderr


# --- inline placeholders {{ wai:<form>.<fact> }} -------------------------------------------------


def test_placeholders_are_replaced_with_the_keys_facts():
    from scorer.core.forms import get_form

    wai, wai_s, wai_sr = get_form("wai"), get_form("wai-s"), get_form("wai-sr")
    markdown = (
        "# T\n\nItems {{ wai:wai-s.reverse }} are reversed; Goal is {{wai:wai-sr.subscale.goal}}.\n"
        "Total {{ wai:wai.range.total }}, {{ wai:wai.count.reverse }} reversed, "
        "{{ wai:wai-sr.anchors }}.\n"
    )
    out = run_page(markdown)
    assert "{{" not in out
    assert f"Items {' and '.join(map(str, sorted(wai_s.reverse)))} are reversed" in out
    goal = [str(i) for i in wai_sr.subscales["goal"]]
    assert f"Goal is {', '.join(goal[:-1])} and {goal[-1]}." in out
    assert f"Total {wai.n_items * wai.scale.min}–{wai.n_items * wai.scale.max}," in out
    assert f" {len(wai.reverse)} reversed," in out
    assert ", ".join(wai_sr.scale.anchors[:-1]) + " and " + wai_sr.scale.anchors[-1] in out
    assert out.count("\n") == markdown.count("\n")  # line numbers after the hook stay right


def test_placeholder_values_follow_the_scorers_data():
    from scorer.core.forms import SUBSCALES, forms
    from scorer.core.scoring import DEFAULT_MAX_MISSING, allowed_missing

    for form in forms():
        value = hook.placeholder_value
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
    assert hook.placeholder_value("wai-sr.reverse") == "none"  # the WAI-SR reverses nothing


def test_a_changed_key_changes_the_placeholders(monkeypatch):
    from scorer.core import facts
    from scorer.core.forms import get_form

    real = facts.get_form
    changed = dataclasses.replace(get_form("wai-s"), reverse=frozenset({4}))
    before = hook.placeholder_value("wai-s.reverse")
    monkeypatch.setattr(facts, "get_form", lambda fid: changed if fid == "wai-s" else real(fid))
    assert before != hook.placeholder_value("wai-s.reverse") == "4"
    assert hook.placeholder_value("wai-s.count.reverse") == "1"


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
    markdown = f"# Title\n\nSome text.\n\nThe WAI has {text} here.\n"
    with pytest.raises(PluginError) as info:
        run_page(markdown, fake_page("glossary.md"))
    message = str(info.value)
    assert message.startswith(f"docs/glossary.md:5: {text.split(' here')[0]}"), message
    assert reason in message


def test_placeholder_line_counts_front_matter(tmp_path):
    source = "---\ntitle: T\n---\n# T\n\nfine {{ wai:wai.items }}\nbad {{ wai:wai.nothing }}\n"
    path = tmp_path / "page.md"
    path.write_text(source, encoding="utf-8")
    markdown = source.split("---\n", 2)[2]
    with pytest.raises(PluginError, match=r"^docs/page\.md:7: \{\{ wai:wai\.nothing \}\}: unknown fact"):
        run_page(markdown, fake_page("page.md", str(path)))


def test_placeholders_inside_code_are_left_alone():
    markdown = (
        "Write `{{ wai:wai-s.reverse }}` or ``{{ wai:nope }}`` in prose.\n\n"
        "```text\n{{ wai:wai-s.reverse }} {{ wai:nope }}\n```\n\n"
        '=== "Tab"\n\n    ~~~markdown\n    {{ wai:nope }}\n    ~~~\n\n'
        "But {{ wai:wai-s.reverse }} here.\n"
    )
    out = run_page(markdown)
    assert out.count("{{ wai:wai-s.reverse }}") == 2
    assert out.count("{{ wai:nope }}") == 3
    assert out.endswith("But 4 and 10 here.\n") == (hook.placeholder_value("wai-s.reverse") == "4 and 10")
    assert "But {{" not in out
