"""Page objects for the widgets, written against the HTML contract in ARCHITECTURE.md only.

A widget root is ``.wai-widget[data-state]``; items are ``fieldset.wai-item[data-item=N]`` with
radios whose value is the response number; the button is named exactly "Score"; results are a
table in ``.wai-results`` with row headers Goal/Task/Bond/Total and column headers Sum/Mean; the
status line is ``.wai-status``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from playwright.sync_api import Locator, Page

START_TIMEOUT_MS = 60_000
#: True once every widget on the page has left "loading" (ready or error): never wait for ready
#: alone, so that an error fails at once instead of after the timeout.
SETTLED_JS = """() => {
  const widgets = [...document.querySelectorAll('.wai-widget')];
  return widgets.length > 0 && widgets.every(w => w.dataset.state === 'ready' || w.dataset.state === 'error');
}"""
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


class WidgetError(AssertionError):
    """A widget reached data-state="error" (the message is its status text)."""


class WidgetPage:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    # -- navigation ------------------------------------------------------------------------------

    def open(self, path: str, *, expect_ready: bool = True) -> WidgetPage:
        self.page.goto(self.base_url + path.lstrip("/"))
        self.wait_settled(expect_ready=expect_ready)
        return self

    def reload(self, *, expect_ready: bool = True) -> WidgetPage:
        self.page.reload()
        self.wait_settled(expect_ready=expect_ready)
        return self

    def wait_settled(self, *, expect_ready: bool = True, timeout: float = START_TIMEOUT_MS) -> list[str]:
        """Wait until no widget is loading; raise WidgetError if one failed and ready was expected."""
        # Widgets are static HTML rendered at build time: none at DOMContentLoaded means none at all.
        if self.page.locator(".wai-widget").count() == 0:
            raise AssertionError(f"no .wai-widget on {self.page.url}")
        self.page.wait_for_function(SETTLED_JS, timeout=timeout)
        states = self.states()
        if expect_ready and "error" in states:
            raise WidgetError(f"widget start-up failed: {self.status_text()!r} (states {states})")
        return states

    def states(self) -> list[str]:
        return self.page.locator(".wai-widget").evaluate_all("ws => ws.map(w => w.dataset.state)")

    # -- parts -----------------------------------------------------------------------------------

    def widget(self, index: int = 0) -> Locator:
        return self.page.locator(".wai-widget").nth(index)

    def status_text(self, index: int = 0) -> str:
        return self.widget(index).locator(".wai-status").inner_text().strip()

    def _scope(self, widget: int, form: str | None) -> Locator:
        root = self.widget(widget)
        return root.locator(f'.wai-form[data-form="{form}"]') if form else root

    def item(self, number: int, widget: int = 0, form: str | None = None) -> Locator:
        """Item N of the form on show (a widget may hold hidden panels for the other forms)."""
        return self._scope(widget, form).locator(f'fieldset.wai-item[data-item="{number}"]:visible')

    def items(self, widget: int = 0, form: str | None = None) -> list[int]:
        return [int(n) for n in self._scope(widget, form).locator("fieldset.wai-item").evaluate_all(
            "fs => fs.filter(f => f.checkVisibility()).map(f => f.dataset.item)")]

    def legend(self, number: int, widget: int = 0, form: str | None = None) -> str:
        return self.item(number, widget, form).locator("legend").inner_text().strip()

    def choose(self, number: int, value: int, widget: int = 0, form: str | None = None) -> None:
        self.item(number, widget, form).locator(f'input[type="radio"][value="{value}"]').check()

    def chosen(self, number: int, widget: int = 0, form: str | None = None) -> int | None:
        value = self.item(number, widget, form).locator('input[type="radio"]:checked').evaluate_all(
            "rs => rs.map(r => r.value)")
        return int(value[0]) if value else None

    def fill(self, responses: Sequence[int | None], widget: int = 0, form: str | None = None) -> None:
        """Answer item 1..n with ``responses`` (None leaves an item unanswered)."""
        for number, value in enumerate(responses, start=1):
            if value is not None:
                self.choose(number, value, widget, form)

    def answers(self, widget: int = 0, form: str | None = None) -> list[int | None]:
        return [self.chosen(n, widget, form) for n in self.items(widget, form)]

    def score_button(self, widget: int = 0) -> Locator:
        return self.widget(widget).get_by_role("button", name="Score", exact=True)

    def score(self, widget: int = 0) -> dict[str, dict[str, float | None]]:
        self.score_button(widget).click()
        self.widget(widget).locator(".wai-results table").wait_for(timeout=10_000)
        return self.results(widget)

    def results(self, widget: int = 0, caption: str | None = None) -> dict[str, dict[str, float | None]]:
        """{"goal": {"sum": 48.0, "mean": 4.0}, ..., "total": {...}} from the live region's table
        (the first one, or the one whose caption contains ``caption``)."""
        region = self.widget(widget).locator('.wai-results[aria-live="polite"]')
        tables = region.locator("table")
        if caption is not None:
            tables = tables.filter(has=self.page.locator("caption", has_text=caption))
        table: dict[str, Any] = tables.first.evaluate(_READ_TABLE_JS)
        return {
            row.lower(): {col.lower(): parse_number(text) for col, text in cells.items()}
            for row, cells in table.items()
        }


_READ_TABLE_JS = """t => {
  const cols = [...t.querySelectorAll('th[scope=col]')].map(th => th.textContent.trim());
  const out = {};
  for (const tr of t.querySelectorAll('tbody tr')) {
    const head = tr.querySelector('th[scope=row]');
    if (!head) continue;
    const cells = [...tr.children].filter(c => c !== head);
    // Column headers include the corner cell above the row headers when there is one.
    const offset = cols.length - cells.length;
    const row = {};
    cells.forEach((c, i) => { row[cols[i + offset]] = c.textContent.trim(); });
    out[head.textContent.trim()] = row;
  }
  return out;
}"""


def parse_number(text: str) -> float | None:
    """The first number in a cell ("48", "4.00", "40.5 (pro-rated)"); None for "—" or empty."""
    match = _NUMBER.search(text or "")
    return float(match.group().replace(",", ".")) if match else None
