"""Nothing leaves the device: every request goes to 127.0.0.1, no console error, no 404.

Chromium runs with --host-resolver-rules, so a request to another host could not succeed anyway;
what is checked here is that the page never even tries.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pages import WidgetPage

# The widget pages of the in-browser scorer; every other page is swept by the last test.
PRACTICE_PAGES = ["practice/score/", "practice/cases/", "practice/compare/"]
READING_PAGES = ["", "evidence/", "scoring/", "forms/wai/"]


@pytest.mark.parametrize("path", PRACTICE_PAGES)
def test_practice_page_stays_local_and_quiet(widget_page: WidgetPage, recorder, path: str) -> None:
    widget_page.open(path)
    assert set(widget_page.states()) == {"ready"}
    widget_page.page.wait_for_load_state("networkidle")
    assert any("/pyodide/" in url for url in recorder.requests), "the scorer page never loaded Pyodide"
    recorder.assert_clean()


@pytest.mark.parametrize("path", READING_PAGES)
def test_reading_page_stays_local_and_loads_no_python(page, site_url: str, recorder, path: str) -> None:
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.locator(".wai-widget").count() == 0, "a reading page grew a widget: move it to the list above"
    pyodide = [url for url in recorder.requests if "/pyodide/" in url or "/wheels/" in url]
    assert not pyodide, f"a reading page downloaded the Python runtime: {pyodide}"
    recorder.assert_clean()


def test_every_built_page_stays_local_and_quiet(page, e2e_site: Path, site_url: str, recorder) -> None:
    """All pages: widget pages reach ready; pages without a widget never touch the runtime."""
    paths = sorted(p.parent.relative_to(e2e_site).as_posix() for p in e2e_site.rglob("index.html"))
    widget_page = WidgetPage(page, site_url)
    problems = []
    for path in paths:
        path = "" if path == "." else path + "/"
        start = len(recorder.requests)
        page.goto(site_url + path)
        if page.locator(".wai-widget").count():
            widget_page.wait_settled()
        page.wait_for_load_state("networkidle")
        runtime = [u for u in recorder.requests[start:] if "/pyodide/" in u or "/wheels/" in u]
        if not page.locator(".wai-widget").count() and runtime:
            problems.append(f"{path or '/'} has no widget but downloaded {runtime}")
    assert len(paths) > 10, paths
    assert not problems, problems
    recorder.assert_clean()
