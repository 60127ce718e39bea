"""Crawl the site by following its links from the home page, in one browser context (with the service
worker, as a reader has it): every page is reached, nothing leaves 127.0.0.1, no response >= 400, no
console error. Widget pages are waited for until their scorer has started (or failed).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from pages import WidgetPage
from trust_helpers import site_paths

LINKS_JS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"


def test_crawl_every_page_from_home(page, recorder, e2e_site: Path, site_url: str) -> None:
    widget_page = WidgetPage(page, site_url)
    origin = urlsplit(site_url).netloc
    queue, seen, foreign_links = [site_url], {site_url}, set()
    visited: list[str] = []
    while queue:
        url = queue.pop(0)
        response = page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        visited.append(url)
        if page.locator(".wai-widget").count():
            widget_page.wait_settled()
        page.wait_for_load_state("networkidle")
        for href in page.evaluate(LINKS_JS):
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme in ("mailto", "tel", "javascript", "blob", "data"):
                continue
            if parts.netloc != origin:
                foreign_links.add(href)  # an outbound link is fine; following it is not tested
                continue
            target = urljoin(href, parts.path)  # one visit per page, whatever its query
            if target.endswith((".xml", ".gz", ".json", ".csv", ".whl", ".zip", ".pdf")):
                continue
            if target not in seen:
                seen.add(target)
                queue.append(target)
    reached = {urlsplit(u).path.lstrip("/") for u in visited}
    expected = {p for p in site_paths(e2e_site) if p != "404.html"}
    assert expected <= reached, f"pages not reachable by links from home: {sorted(expected - reached)}"
    recorder.assert_clean()
