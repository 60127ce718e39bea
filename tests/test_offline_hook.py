"""The service-worker hook: what is precached, and that the version follows the content."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "offline_hook", Path(__file__).parents[1] / "hooks" / "offline.py"
)
offline = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(offline)

SW_SOURCE = (Path(__file__).parents[1] / "docs" / "sw.js").read_text()


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
    offline.on_post_build({"site_dir": str(site)})
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


def test_missing_placeholder_fails_the_build(tmp_path):
    site = make_site(tmp_path)
    (site / "sw.js").write_text("// no markers")
    with pytest.raises(ValueError, match="placeholder"):
        offline.on_post_build({"site_dir": str(site)})
