"""sitebuild.markdown as a plain Python-Markdown extension (no MkDocs): every fence on one page, each
body rendered once, fences inside admonitions and tabs, and the options a site generator sets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import markdown
import pytest
from markdown_kit import SITE_EXTENSIONS, converter, error

from sitebuild.markdown import PageError, WaiExtension
from sitebuild.markdown import fences as fence_table

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"

EXERCISE = """id: knee-1
title: Knee
form: wai-s
level: clear-cut
vignette: |
  A runner after knee surgery.
responses: [5, 6, 5, 2, 6, 6, 7, 5, 6, 3, 5, 6]
compute: [goal_sum, total_mean]"""

#: One body for every fence the extension knows.
BODIES = {
    "wai-items": "form: wai-s",
    "wai-key": "form: wai\nshow: table",
    "wai-scale": "form: wai-sr",
    "wai-correspondence": "",
    "wai-forms": "",
    "wai-printable": "form: wai-t",
    "wai-example": "form: wai-s\nseed: 3\nprofile: strong",
    "wai-mistakes": "form: wai-s\nresponses: 6,5,7,2,6,5,6,5,7,3,5,6",
    "wai-widget": "kind: case\nform: wai-s",
    "wai-exercise": EXERCISE,
    "wai-self-assessment": "patient_form: wai-sr",
}
ROOTS = {  # what each fence's HTML starts with
    **{name: f'<div class="wai-fence" data-fence="{name}"' for name in BODIES},
    "wai-widget": '<div class="wai-widget wai-widget-case"',
    "wai-exercise": '<div class="wai-widget wai-exercise"',
    "wai-self-assessment": '<div class="wai-widget wai-widget-self-assessment"',
}


def every_fence_page() -> str:
    return "# Every fence\n\nThe WAI-S reverses {{ wai:wai-s.reverse }}.\n\n" + "".join(
        f"```{name}\n{body}\n```\n\nAfter {name}.\n\n" for name, body in BODIES.items()
    )


def test_the_table_covers_every_fence() -> None:
    assert set(BODIES) == set(fence_table.RENDERERS)


def test_a_plain_markdown_converter_renders_every_fence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[str] = Counter()
    for name, renderer in list(fence_table.RENDERERS.items()):
        def counted(fence, page, renderer=renderer):
            calls[fence.name] += 1
            return renderer(fence, page)
        monkeypatch.setitem(fence_table.RENDERERS, name, counted)
    extension = WaiExtension(page="practice/all.md", docs_dir=str(DOCS))
    md = markdown.Markdown(extensions=["admonition", "pymdownx.superfences", extension])
    html = md.convert(every_fence_page())
    assert calls == dict.fromkeys(BODIES, 1)
    for name in BODIES:
        assert html.count(ROOTS[name]) == 1, name
        assert f"<p>After {name}.</p>" in html
    assert "```" not in html and "wai:" not in html and "4 and 10" in html
    assert html.index(ROOTS["wai-items"]) < html.index("After wai-items") < html.index(ROOTS["wai-key"])


def test_the_html_is_the_markup_of_scorer_html() -> None:
    from scorer.core.forms import get_form
    from scorer.html import render

    html = converter().convert("```wai-items\nform: wai-s\n```\n")
    assert render.items_table_html(get_form("wai-s")) in html


@pytest.mark.parametrize(
    "page",
    [
        '!!! note\n\n    ```wai-key\n    form: wai-s\n    show: summary\n    ```\n',
        '=== "WAI-S"\n\n    ```wai-key\n    form: wai-s\n    show: summary\n    ```\n\n=== "B"\n\n    x\n',
        '- item\n\n    ```wai-key\n    form: wai-s\n    show: summary\n    ```\n',
    ],
    ids=["admonition", "tab", "list"],
)
def test_indented_fences_render_inside_their_block(page: str) -> None:
    html = converter().convert(page)
    start = html.index('<div class="wai-fence" data-fence="wai-key"')
    opener = {"!!!": '<div class="admonition', "===": '<div class="tabbed-block', "- ": "<li>"}
    outer = next(tag for mark, tag in opener.items() if page.startswith(mark))
    assert html.index(outer) < start
    assert "<p><div" not in html and "```" not in html


def test_fence_without_a_closing_line_runs_to_the_end() -> None:
    html = converter().convert("text\n\n```wai-items\nform: wai\n")
    assert 'data-fence="wai-items" data-form="wai"' in html


def test_a_converter_converts_many_pages() -> None:
    md = converter("practice/x.md")
    first = md.convert("```wai-widget\nkind: score\n```\n")
    md.reset()
    assert md.convert("```wai-widget\nkind: score\n```\n") == first  # no widget id left over


def test_an_exercise_id_is_used_once_per_site_when_the_pages_share_a_register() -> None:
    ids: dict[str, str] = {}
    page = f"# P\n\n```wai-exercise\n{EXERCISE}\n```\n"
    converter("exercises/a.md", exercise_ids=ids).convert(page)
    assert ids == {"knee-1": "docs/exercises/a.md:4"}
    message = error(page, "exercises/b.md", exercise_ids=ids)
    assert message == (
        "docs/exercises/b.md:4: id: duplicate exercise id 'knee-1' (first used at docs/exercises/a.md:4)"
    )
    converter("exercises/b.md").convert(page)  # without a shared register, a page stands alone


def test_the_error_class_is_an_option() -> None:
    class SiteError(PageError):
        pass

    with pytest.raises(SiteError, match=r"^docs/x\.md:1: wai-items: "):
        converter("x.md", error_class=SiteError).convert("```wai-items\n```\n")


def test_without_a_page_errors_still_name_the_line() -> None:
    md = markdown.Markdown(extensions=["sitebuild.markdown"])
    with pytest.raises(PageError, match=r"^docs/<unknown page>:4: wai-items: unknown form"):
        md.convert("x\n\n```wai-items\nform: nope\n```\n")


def test_the_site_lists_the_extension() -> None:
    assert "sitebuild.markdown" in SITE_EXTENSIONS
    assert "  - sitebuild.markdown\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
