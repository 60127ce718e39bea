"""Nothing leaves the device: every request goes to 127.0.0.1, no console error, no 404.

Chromium runs with --host-resolver-rules, so a request to another host could not succeed anyway;
what is checked here is that the page never even tries.
"""

from __future__ import annotations

import pytest
from pages import WidgetPage

PRACTICE_PAGES = ["practice/score/", "practice/cases/", "practice/compare/", "practice/self-assessment/"]
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
