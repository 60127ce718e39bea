"""The built site opened from a file (file://) says at once that it must be served over HTTP(S), with
the one-line ways to do it, instead of a scorer that says "Loading" forever."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_file_url_shows_the_notice(page: Any, e2e_site: Path) -> None:
    page.goto((e2e_site / "practice" / "score" / "index.html").as_uri())
    notice = page.locator(".wai-file-notice")
    notice.wait_for(state="visible", timeout=10_000)
    text = notice.inner_text()
    assert "must be opened through a web server" in text
    assert "make serve" in text and "python3 -m http.server" in text
    assert notice.get_attribute("role") == "alert"
    widget = page.locator('.wai-widget[data-widget="score"]')
    assert widget.get_attribute("data-state") == "error"
    assert "cannot start from a file" in widget.locator(".wai-status").inner_text()


def test_no_notice_over_http(page: Any, site_url: str) -> None:
    page.goto(site_url + "practice/score/")
    page.locator(".wai-widget").first.wait_for()
    assert page.locator(".wai-file-notice").count() == 0
