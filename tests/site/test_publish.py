"""The publishing facts on the built site: the runtime sizes docs/educators/publish.md states are the
ones this build ships, the `pip install` command names the wheel the build wrote, and the 404 page is
the site's own (styled through Material, links from site_url)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
ROOT = Path(__file__).resolve().parents[2]


def _stated(pattern: str) -> int:
    page = (ROOT / "docs" / "educators" / "publish.md").read_text(encoding="utf-8")
    return int(re.search(pattern, page).group(1).replace(",", ""))


def test_stated_runtime_sizes_are_the_shipped_ones(built_site: Path) -> None:
    files = [built_site / "pyodide" / name for name in RUNTIME]
    assert sorted(p.name for p in (built_site / "pyodide").iterdir()) == sorted(RUNTIME)
    assert sum(p.stat().st_size for p in files) == _stated(r"13\.5 MB \(([\d,]+) bytes\)")
    packed = sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in files)
    stated = _stated(r"about 6\.4 MB \(([\d,]+) bytes\)")
    assert abs(packed - stated) / stated < 0.01, (packed, stated)


def test_pip_command_names_the_built_wheel(built_site: Path, html_pages: dict[str, str]) -> None:
    (wheel,) = (built_site / "wheels").glob("*-py3-none-any.whl")  # the pure wheel, not Pyodide's compiled one
    text = re.sub(r"<[^>]+>", "", html_pages["educators/index.html"])
    assert re.findall(r"pip install (http\S+)", text) == [f"http://127.0.0.1:8000/wheels/{wheel.name}"]
    assert "{{ site:" not in "".join(html_pages.values())


def test_404_page_is_the_sites_own(html_pages: dict[str, str]) -> None:
    page = html_pages["404.html"]
    assert "Page not found" in page and 'href="/practice/score/"' in page
    assert re.search(r'<link rel="stylesheet" href="/assets/stylesheets/main\.[^"]+\.css"', page)
