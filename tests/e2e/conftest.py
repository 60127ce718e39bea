"""End-to-end fixtures: one strict build, served on 127.0.0.1, driven in Debian's Chromium.

- ``e2e_site``: the shared strict build (``tests/shared_site.py``), seen as ``<tmp>/www/wai/`` (a
  link, so ``<tmp>/www`` can be served to test a sub-path); never write into it;
- ``site_url`` / ``subpath_url``: ``python -m http.server`` on the site, and on its parent folder;
- ``browser``: Chromium launched once; a missing binary FAILS (a skipped browser test is not a pass);
- ``context`` / ``page``: a fresh context per test, with a ``Recorder`` of every request URL,
  every response >= 400 and every console error / uncaught exception (page and workers);
- ``widget_page``: a ``pages.WidgetPage`` on ``site_url``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Server, launch_chromium, require_chromium
from pages import WidgetPage
from shared_site import shared_site

LOCAL_HOSTS = {"127.0.0.1"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().parent == here:
            item.add_marker(pytest.mark.e2e)


@dataclass
class Recorder:
    """What one browser context did on the network and in the console."""

    requests: list[str] = field(default_factory=list)
    bad_responses: list[tuple[int, str]] = field(default_factory=list)
    failed_requests: list[tuple[str, str]] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("requestfailed", lambda r: self.failed_requests.append((r.url, r.failure or "")))
        context.on("response", self._on_response)
        context.on("console", self._on_console)
        context.on("weberror", lambda e: self.console_errors.append(f"uncaught: {e.error}"))

    def _on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.bad_responses.append((response.status, response.url))

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def foreign_requests(self) -> list[str]:
        """Requests to any host but 127.0.0.1 (data:/blob: URLs never leave the page)."""
        foreign = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if parts.scheme not in ("http", "https") or parts.hostname not in LOCAL_HOSTS:
                foreign.append(url)
        return foreign

    def assert_clean(self) -> None:
        assert self.requests, "the recorder saw no request at all"
        assert not self.foreign_requests(), f"requests left 127.0.0.1: {self.foreign_requests()}"
        assert not self.bad_responses, f"responses >= 400: {self.bad_responses}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


@pytest.fixture(scope="session")
def e2e_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def e2e_site(e2e_root: Path) -> Path:
    build = shared_site()
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {build.returncode}):\n{build.log}", pytrace=False)
    site = e2e_root / "www" / "wai"
    site.parent.mkdir(parents=True, exist_ok=True)
    site.symlink_to(build.path, target_is_directory=True)
    return site


@pytest.fixture(scope="session")
def site_url(e2e_site: Path) -> Iterator[str]:
    with Server(e2e_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def subpath_url(e2e_site: Path) -> Iterator[str]:
    with Server(e2e_site.parent) as server:
        yield server.url + e2e_site.name + "/"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        require_chromium()
    except FileNotFoundError as err:
        pytest.fail(str(err), pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def context(browser: Any, recorder: Recorder) -> Iterator[Any]:
    context = browser.new_context()
    recorder.attach(context)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def widget_page(page: Any, site_url: str) -> WidgetPage:
    return WidgetPage(page, site_url)
