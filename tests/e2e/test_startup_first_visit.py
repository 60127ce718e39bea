"""A reader's first visit (issue 13, item 5): the offline copy is filled only after the page has
loaded and the browser is idle, never when the browser asks to save data, and a first visit
straight to a scorer page is enough for that page to work offline.

Each test has its own server with a request log (``serve.py --log``: path, bytes, time when done),
so what the service worker fetched, and when, is read from the server's side.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import Server, wait_until
from pages import WidgetPage

READING = "evidence/"
OTHER_PAGES = ("/scoring/", "/practice/score/", "/privacy/")
LOAD_JS = """(() => {
  window.addEventListener('load', () => { window.__loadedAt = Date.now(); });
})();"""
SAVE_DATA_JS = """Object.defineProperty(NetworkInformation.prototype, 'saveData', {get: () => true});"""
CACHED_JS = """async (urls) => {
  const found = [];
  for (const key of await caches.keys()) {
    const cache = await caches.open(key);
    for (const url of urls) if (await cache.match(url)) found.push(url);
  }
  return found;
}"""


def requests(log: Path) -> list[dict[str, Any]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def logged(e2e_site: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "requests.jsonl"
    with Server(e2e_site, log=log) as server:
        yield server.url, log


@pytest.fixture
def fresh_context(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    try:
        yield context
    finally:
        context.close()


def visit_reading_page(context: Any, url: str, *, save_data: bool = False) -> Any:
    page = context.new_page()
    page.add_init_script(LOAD_JS)
    if save_data:
        page.add_init_script(SAVE_DATA_JS)
    page.goto(url + READING)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
    return page


def test_offline_copy_is_filled_after_load_not_before(fresh_context: Any, logged: tuple[str, Path]) -> None:
    url, log = logged
    page = visit_reading_page(fresh_context, url)
    others = [url + path.lstrip("/") for path in OTHER_PAGES]
    wait_until(lambda: len(page.evaluate(CACHED_JS, others)) == len(others),
               "the idle fill of the offline copy", timeout=30)
    loaded_at = page.evaluate("window.__loadedAt") / 1000
    fetched = [r for r in requests(log) if r["path"] in OTHER_PAGES]
    assert {r["path"] for r in fetched} == set(OTHER_PAGES), fetched
    early = [r for r in fetched if r["time"] < loaded_at]
    assert not early, f"other pages were fetched before the first page's load event: {early}"
    assert not [r for r in requests(log) if r["path"].startswith(("/pyodide/", "/wheels/"))]


def test_no_offline_copy_when_the_browser_asks_to_save_data(fresh_context: Any,
                                                            logged: tuple[str, Path]) -> None:
    url, log = logged
    page = visit_reading_page(fresh_context, url, save_data=True)
    assert page.evaluate("navigator.connection.saveData") is True
    page.wait_for_function("() => window.__loadedAt !== undefined")
    # The same fill took well under this in the test above; here nothing may come at all.
    time.sleep(5)
    others = [url + path.lstrip("/") for path in OTHER_PAGES]
    assert page.evaluate(CACHED_JS, others) == []
    assert not [r for r in requests(log) if r["path"] in OTHER_PAGES]


def test_a_first_visit_straight_to_a_scorer_page_works_offline(fresh_context: Any, e2e_site: Path,
                                                               tmp_path: Path) -> None:
    index = json.loads((e2e_site / "wheels" / "index.json").read_text(encoding="utf-8"))
    server = Server(e2e_site)
    try:
        page = fresh_context.new_page()
        widget_page = WidgetPage(page, server.url).open("practice/score/?form=wai")
        runtime = [server.url + path for path in (
            "pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm",
            "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json", "wheels/index.json",
            "wheels/" + index["pyodide"]["wai-scorer"], "practice/score/")]
        wait_until(lambda: len(page.evaluate(CACHED_JS, runtime)) == len(runtime),
                   "the runtime, the wheel and the page in the offline copy", timeout=60)
    finally:
        server.stop()
    fresh_context.set_offline(True)
    widget_page.reload()
    assert set(widget_page.states()) == {"ready"}
