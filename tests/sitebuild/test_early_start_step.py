"""The early-start step: widget pages start the scorer's worker from <head>; reading pages do not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild.postbuild import early_start as hook

ROOT = Path(__file__).resolve().parents[2]

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title></head>
<body>{body}<script src="../../js/app.js" type="module"></script></body></html>"""
WIDGET = '<div class="wai-widget wai-widget-score" id="wai-score" data-widget="score"></div>'


def head_of(html: str) -> str:
    return html[: html.index("</head>")]


def test_widget_page_gets_async_boot_module_and_preload_in_head() -> None:
    out = hook.add_boot(PAGE.format(body=WIDGET), "practice/score/index.html")
    head = head_of(out)
    assert '<script type="module" async src="../../js/boot.js"></script>' in head
    assert '<link rel="modulepreload" href="../../js/scorer-client.js">' in head
    assert out.count("js/boot.js") == 1
    # Only a src script: the Content-Security-Policy (no inline script) needs no change.
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>[^<]", head)


def test_paths_are_relative_to_the_page() -> None:
    assert 'src="js/boot.js"' in hook.add_boot(PAGE.format(body=WIDGET), "index.html")
    assert 'src="../js/boot.js"' in hook.add_boot(PAGE.format(body=WIDGET), "educators/index.html")
    assert 'src="../js/boot.js"' in hook.add_boot(PAGE.format(body=WIDGET), "educators/assign.html")


@pytest.mark.parametrize("body", [
    "<p>Plain reading page.</p>",
    # a widget quoted as code is escaped text, not an element
    "<pre><code>&lt;div class=&quot;wai-widget&quot; data-widget=&quot;score&quot;&gt;</code></pre>",
    # the class alone is not a widget root (app.js looks for .wai-widget[data-widget])
    '<div class="wai-widget"></div>',
    '<div class="wai-widget-score" data-widget="score"></div>',
])
def test_pages_without_a_widget_root_are_unchanged(body: str) -> None:
    page = PAGE.format(body=body)
    assert hook.add_boot(page, "evidence/index.html") == page


def test_every_widget_kind_counts() -> None:
    for kind in ("score", "case", "compare", "exercise", "assign", "self-assessment"):
        body = f'<div data-state="loading" data-widget="{kind}" class="wai-widget wai-{kind}"></div>'
        assert "js/boot.js" in hook.add_boot(PAGE.format(body=body), "x/index.html")


def test_boot_module_and_preloads_exist() -> None:
    assert (ROOT / "docs" / hook.BOOT_MODULE).is_file()
    for path in hook.PRELOADED:
        assert (ROOT / "docs" / path).is_file()


def test_running_again_adds_nothing(tmp_path: Path) -> None:
    (tmp_path / "practice" / "score").mkdir(parents=True)
    page = tmp_path / "practice" / "score" / "index.html"
    page.write_text(PAGE.format(body=WIDGET), encoding="utf-8")
    hook.run(tmp_path)
    once = page.read_text(encoding="utf-8")
    assert once.count("js/boot.js") == 1 and 'src="../../js/boot.js"' in once
    hook.run(tmp_path)
    assert page.read_text(encoding="utf-8") == once
