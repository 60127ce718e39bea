"""Start-up fails visibly, with a message that says what is wrong, instead of spinning forever."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import Server
from pages import WidgetPage

# The page gives up after 30 s at the latest (ARCHITECTURE.md); allow for a slow start on 2 cores.
ERROR_WITHIN_MS = 40_000


@pytest.fixture
def broken_site(request: pytest.FixtureRequest, e2e_site: Path) -> Iterator[str]:
    with Server(e2e_site, **request.param) as server:
        yield server.url


def open_broken(page, url: str) -> WidgetPage:
    widget_page = WidgetPage(page, url)
    widget_page.open("practice/score/?form=wai", expect_ready=False)
    widget_page.wait_settled(expect_ready=False, timeout=ERROR_WITHIN_MS)
    return widget_page


@pytest.mark.parametrize("broken_site", [{"wasm_type": "application/octet-stream"}], indirect=True)
def test_wrong_wasm_mime_type_ends_in_error_with_its_message(page, broken_site: str) -> None:
    widget_page = open_broken(page, broken_site)
    assert widget_page.states() == ["error"]
    message = widget_page.status_text()
    assert "application/wasm" in message, message
    # The form still works without Python: answers can be given and are kept on the page.
    widget_page.choose(1, 3)
    assert widget_page.chosen(1) == 3


@pytest.mark.parametrize("broken_site", [{"hide": ["/wheels/index.json"]}], indirect=True)
def test_missing_wheel_index_ends_in_error_naming_the_file(page, broken_site: str) -> None:
    widget_page = open_broken(page, broken_site)
    assert widget_page.states() == ["error"]
    assert "index.json" in widget_page.status_text()


@pytest.mark.parametrize("broken_site", [{"hide": ["/pyodide/pyodide.asm.wasm"]}], indirect=True)
def test_missing_wasm_ends_in_error_naming_the_file(page, broken_site: str) -> None:
    widget_page = open_broken(page, broken_site)
    assert widget_page.states() == ["error"]
    assert "pyodide.asm.wasm" in widget_page.status_text()
