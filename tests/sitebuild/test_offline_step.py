"""The service-worker step: what is precached, and that the version follows the content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitebuild.postbuild import offline
from sitebuild.postbuild.errors import PostBuildError

SW_SOURCE = (Path(__file__).parents[2] / "docs" / "sw.js").read_text()


def make_site(tmp_path: Path, page_text: str = "<p>hello</p>") -> Path:
    files = {
        "index.html": page_text,
        "evidence/index.html": "<p>evidence</p>",
        "assets/site.css": "body{}",
        "assets/javascripts/bundle.min.js.map": "{}",
        "pyodide/pyodide.asm.wasm": "wasm",
        "wheels/index.json": "{}",
        "sitemap.xml": "<urlset/>",
        "sw.js": SW_SOURCE,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def run_hook(site: Path) -> tuple[str, list[str]]:
    offline.run(site)
    source = (site / "sw.js").read_text()
    version = json.loads(re.search(r"const VERSION = (\".*?\");", source).group(1))
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", source, re.S).group(1))
    return version, precache


def test_pages_and_assets_are_precached_but_not_pyodide(tmp_path):
    _, precache = run_hook(make_site(tmp_path))
    assert sorted(precache) == ["./", "assets/site.css", "evidence/"]


def test_version_changes_with_any_file(tmp_path):
    first, _ = run_hook(make_site(tmp_path / "a"))
    same, _ = run_hook(make_site(tmp_path / "b"))
    other, _ = run_hook(make_site(tmp_path / "c", page_text="<p>changed</p>"))
    assert first == same
    assert first != other


def test_running_again_writes_the_same_worker(tmp_path):
    site = make_site(tmp_path)
    first = run_hook(site)
    once = (site / "sw.js").read_text()
    assert run_hook(site) == first
    assert (site / "sw.js").read_text() == once


def test_source_keeps_its_placeholders_for_the_build():
    assert 'const VERSION = "__WAI_VERSION__";' in SW_SOURCE
    assert 'const PRECACHE = ["__WAI_PRECACHE__"];' in SW_SOURCE


@pytest.mark.parametrize("source", ["// no constants", 'const VERSION = "x";\n', "const VERSION = x;\n"])
def test_missing_or_unreadable_constant_fails_the_build(tmp_path, source):
    site = make_site(tmp_path)
    (site / "sw.js").write_text(source)
    with pytest.raises(PostBuildError, match=r"sw\.js: .*const (VERSION|PRECACHE)"):
        offline.run(site)
