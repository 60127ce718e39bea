"""sitebuild.markdown.data_fences: fences render the scorer's data; a bad body names page, line, reason."""

from __future__ import annotations

import pytest
from markdown_kit import convert, error, write_page

from scorer import score
from sitebuild.markdown.data_fences import build

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
    ("wai-mistakes", "form: wai-s\nresponses: 6,5,7,2,6,-,6,5,7,3,5,6", 2, "every item answered"),
]


@pytest.mark.parametrize(("name", "body", "body_line", "reason"), BAD_BODIES)
def test_bad_body_names_page_line_and_reason(name, body, body_line, reason):
    markdown = f"# Title\n\nSome text.\n\n```{name}\n{body}\n```\n"
    opening = 5
    message = error(markdown, "forms/x.md")
    assert message.startswith(f"docs/forms/x.md:{opening + body_line}: {name}: ")
    assert reason in message


def test_line_numbers_count_front_matter_and_indentation(tmp_path):
    docs = tmp_path / "docs"
    source = "---\ntitle: T\n---\n# T\n\n!!! note\n\n    ```wai-items\n    form: nope\n    ```\n"
    text = write_page(docs, "page.md", source)
    assert error(text, "page.md", docs_dir=docs).startswith("docs/page.md:9: wai-items: unknown form 'nope'")


def test_unknown_wai_fence_name_fails():
    message = error("x\n\n```wai-exampel\nform: wai\n```\n")
    assert message.startswith("docs/scoring.md:3: unknown fence 'wai-exampel'; known wai fences: ")
    assert "wai-example, " in message and "wai-widget" in message


def test_fences_inside_code_samples_are_left_alone():
    html = convert("````markdown\n```wai-items\nform: not-a-form\n```\n````\n")
    assert "wai-fence" not in html and "form: not-a-form" in html


def test_good_fences_render_in_place():
    page = "```wai-items\nform: wai-s\n```\n\n~~~wai-example\nform: wai\nseed: 17\nprofile: strong\n~~~\n"
    html = convert(page)
    assert html.startswith('<div class="wai-fence" data-fence="wai-items" data-form="wai-s">')
    assert '<div class="wai-fence" data-fence="wai-example" data-form="wai">' in html
    assert "<p><div" not in html and "```" not in html and "~~~" not in html


def test_example_renders_the_scorers_own_steps_and_scores():
    html = build("wai-example", "form: wai-s\nresponses: 6,5,7,2,6,5,6,5,7,3,5,6")
    result = score("wai-s", [6, 5, 7, 2, 6, 5, 6, 5, 7, 3, 5, 6])
    for step in result.steps:
        assert step.title in html
    assert ">22<" in html and ">26<" in html and ">21<" in html and ">69<" in html  # the sheet's §9.2 example
    assert result.to_dict()["total"]["sum"] == 69


def test_example_with_missing_answers_and_threshold():
    html = build("wai-example", "form: wai-sr\nresponses: 4,-,5,2,5,3,4,2,5,3,3,4\nmax_missing: 0")
    assert "not scorable" in html
    assert 'data-responses="4,-,5,2,5,3,4,2,5,3,3,4"' in html
