"""Offline use: after one visit the site and the scorer work with the network gone, and a new build
(a new service-worker VERSION) replaces the old cache.

Each test serves its own copy or server, so "offline" is real: the server is stopped and the
context is set offline before the reload.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from expect import assert_table_matches, expected_rows, random_responses
from harness import Server, wait_until
from pages import WidgetPage
from trust_helpers import ensure_port_range

ensure_port_range()

RUNTIME = ["pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm",
           "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json", "wheels/index.json"]
CACHED_JS = """async (paths) => {
  const keys = await caches.keys();
  const found = [];
  for (const key of keys) {
    const cache = await caches.open(key);
    for (const p of paths) if (await cache.match(new URL(p, location.origin + '/').href)) found.push(p);
  }
  return {keys, found};
}"""
CONTROLLED_JS = "() => navigator.serviceWorker.controller !== null"
VERSION = re.compile(r'const VERSION = "([^"]+)";')


def age(site: Path, seconds: float) -> None:
    """Make every file look deployed long ago (Last-Modified), as on a real host: the browser's HTTP
    cache then keeps pages fresh for hours, which a new service worker must not be fooled by."""
    then = time.time() - seconds
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


@pytest.fixture
def site_copy(e2e_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(e2e_site, copy)
    age(copy, 2 * 86400)
    return copy


@pytest.fixture
def sw_context(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    try:
        yield context
    finally:
        context.close()


def first_visit(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_function(CONTROLLED_JS, timeout=60_000)


def test_scorer_and_pages_work_offline_after_one_visit(sw_context: Any, site_copy: Path) -> None:
    server = Server(site_copy)
    try:
        page = sw_context.new_page()
        first_visit(page, server.url)
        widget_page = WidgetPage(page, server.url).open("practice/score/?form=wai")
        cached = wait_until(lambda: set(page.evaluate(CACHED_JS, RUNTIME)["found"]) >= set(RUNTIME) or None,
                            "the runtime and the wheel index in the service worker's cache")
        assert cached
    finally:
        server.stop()
    sw_context.set_offline(True)

    widget_page.reload()
    assert set(widget_page.states()) == {"ready"}
    responses = random_responses("wai", seed=2024)
    widget_page.fill(responses)
    assert_table_matches(widget_page.score(), expected_rows("wai", responses))

    page.goto(server.url + "evidence/")
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator(".md-content a").count() > 3


def test_a_new_build_replaces_the_old_cache(sw_context: Any, site_copy: Path) -> None:
    sw = site_copy / "sw.js"
    old_version = VERSION.search(sw.read_text(encoding="utf-8")).group(1)
    server = Server(site_copy)
    try:
        page = sw_context.new_page()
        first_visit(page, server.url)
        keys = page.evaluate(CACHED_JS, [])["keys"]
        assert keys == [f"wai-training-{old_version}"], keys

        # "Deploy" a new build: a changed page and a service worker with a new VERSION.
        new_version = old_version[::-1] + "n"
        page_file = site_copy / "evidence" / "index.html"
        page_file.write_text(page_file.read_text(encoding="utf-8").replace(
            "</h1>", " (new build)</h1>", 1), encoding="utf-8")
        sw.write_text(sw.read_text(encoding="utf-8").replace(old_version, new_version), encoding="utf-8")

        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        wait_until(lambda: page.evaluate(CACHED_JS, [])["keys"] == [f"wai-training-{new_version}"],
                   "the old cache to be replaced by the new version's")
        page.goto(server.url + "evidence/")
        assert "(new build)" in page.locator("h1").first.inner_text()
    finally:
        server.stop()
