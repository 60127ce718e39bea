"""Page layout, checked rather than hoped for (issue 12 items 6 and 8; ux-review.md M4, M5, L6, L7).

On every built page that holds a widget or a table, on a 390-px phone and a 1366-px desktop,
nothing in the content column is wider than the column unless it sits in a scroll box that says
so (layout.OVERFLOW_JS). The static sweep blocks the Python runtime (the layout it checks is the
built HTML plus the page's own scripts, and twenty Pyodide start-ups would only burn CPU); the
tables a widget draws later are checked after real runs. Then: the checker itself catches a wide
element, answer tables show all twelve items, the Assignments links do not wrap, and answer
choices are 44 px tall on a touch screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from expect import random_responses
from layout import A11Y_SETTLE_MS, OVERFLOW_JS
from pages import WidgetPage

WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}


def _pages_with_tables_or_widgets(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        if 'class="wai-widget' in text or "<table" in text:
            rel = html.parent.relative_to(site).as_posix()
            pages.append("" if rel == "." else rel + "/")
    return pages


def _context(browser: Any, width: str, **kwargs: Any) -> Any:
    w, h = WIDTHS[width]
    return browser.new_context(viewport={"width": w, "height": h}, **kwargs)


def _overflow(page: Any) -> list[str]:
    page.wait_for_timeout(A11Y_SETTLE_MS)
    return page.evaluate(OVERFLOW_JS)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_nothing_pokes_out_of_the_column(browser: Any, e2e_site: Path, site_url: str, width: str) -> None:
    pages = _pages_with_tables_or_widgets(e2e_site)
    assert {"scoring/", "educators/assign/", "practice/score/", "exercises/pairs/"} <= set(pages), pages
    context = _context(browser, width)
    context.route("**/pyodide/**", lambda route: route.abort())
    try:
        page = context.new_page()
        found = {}
        for path in pages:
            page.goto(site_url + path)
            page.locator(".md-content").wait_for()
            bad = _overflow(page)
            if bad:
                found[path] = bad[:5]
    finally:
        context.close()
    assert not found, found


def test_the_checker_sees_a_wide_element_and_accepts_a_named_scroll_box(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "alliance/")
    page.locator(".md-content").wait_for()
    assert _overflow(page) == []
    page.evaluate("""() => {
      const inner = document.querySelector(".md-content__inner");
      const wide = document.createElement("div");
      wide.id = "too-wide";
      wide.style.width = "900px";
      wide.textContent = "wide";
      inner.append(wide);
    }""")
    assert any(line.startswith("div") for line in _overflow(page)), "a 900-px block was not caught"
    page.evaluate("""() => {
      const box = document.createElement("div");
      box.style.overflowX = "auto";
      document.querySelector(".md-content__inner").append(box);
      box.append(document.getElementById("too-wide"));
    }""")
    assert any("does not say it scrolls" in line for line in _overflow(page)), "an unnamed scroll box passed"
    page.evaluate("""() => {
      const box = document.getElementById("too-wide").parentElement;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Wide thing (scrollable)");
      box.tabIndex = 0;
    }""")
    assert _overflow(page) == []


@pytest.mark.parametrize("width", list(WIDTHS))
def test_answer_tables_show_every_item(browser: Any, site_url: str, width: str) -> None:
    """M4: the twelve-column 'answers as given' tables fit the column, no item behind a scroll."""
    context = _context(browser, width)
    context.route("**/pyodide/**", lambda route: route.abort())
    try:
        page = context.new_page()
        for path in ("exercises/clear-cut/", "scoring/"):
            page.goto(site_url + path)
            tables = page.locator(".wai-responses table")
            assert tables.count() > 0
            hidden = tables.evaluate_all("""ts => ts.filter(t => t.checkVisibility()).flatMap(t => {
              const wrap = t.closest(".md-typeset__scrollwrap") || t;
              const edge = wrap.getBoundingClientRect().right;
              return [...t.querySelectorAll("td[data-item]")]
                .filter(td => td.getBoundingClientRect().right > edge + 1).map(td => td.dataset.item);
            })""")
            assert hidden == [], f"{path} at {width}: items {hidden} are cut off"
    finally:
        context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_tables_drawn_by_the_widgets_stay_in_the_column(browser: Any, site_url: str, width: str) -> None:
    """M5 and L6: results, solution and assignments, after real runs of the scorer."""
    context = _context(browser, width)
    try:
        wp = WidgetPage(context.new_page(), site_url)
        wp.open("practice/score/?form=wai")
        wp.fill(random_responses("wai", seed=5))
        wp.score()
        assert _overflow(wp.page) == []

        wp.open("practice/cases/?form=wai&seed=17")
        wp.widget().get_by_role("button", name="Show solution").click()
        wp.widget().locator(".wai-solution table").first.wait_for()
        assert _overflow(wp.page) == []

        wp.open("educators/assign/")
        root = wp.widget()
        long_ids = "\n".join(f"student-with-a-long-identifier-from-the-lms-export-{i:03d}" for i in range(3))
        root.get_by_label("Student ids, one per line").fill(long_ids)
        root.get_by_role("button", name="Make assignments").click()
        root.locator(".wai-results table").wait_for()
        assert _overflow(wp.page) == []
        lines = root.locator(".wai-results a").evaluate_all("as => as.map(a => a.getClientRects().length)")
        assert lines and set(lines) == {1}, f"a link wraps over several lines: {lines}"
        heads = root.locator(".wai-results thead th").all_inner_texts()
        assert heads[:3] == ["Student", "Case number", "Link"] and "Goal sum" in heads, heads
    finally:
        context.close()


def test_answer_choices_are_finger_sized_on_a_touch_screen(browser: Any, site_url: str) -> None:
    """L7: 44 x 44 CSS px at least, where the pointer is coarse (and only there)."""
    context = _context(browser, "phone", has_touch=True, is_mobile=True)
    context.route("**/pyodide/**", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(site_url + "practice/score/?form=wai-s")
        assert page.evaluate("() => matchMedia('(pointer: coarse)').matches"), "the emulation is not touch"
        page.locator('.wai-form-panel[data-form-id="wai-s"]:not([hidden])').wait_for()
        # Rows off screen are not laid out (content-visibility: auto): bring each into view first.
        sizes = page.locator('.wai-form-panel[data-form-id="wai-s"] fieldset.wai-item').evaluate_all(
            """async (items) => {
              const out = [];
              for (const item of items) {
                item.scrollIntoView();
                await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
                for (const l of item.querySelectorAll(".wai-option")) {
                  const r = l.getBoundingClientRect();
                  out.push([r.width, r.height]);
                }
              }
              return out;
            }""")
        assert len(sizes) == 12 * 7
        small = [s for s in sizes if s[0] < 44 or s[1] < 44]
        assert not small, small[:5]
    finally:
        context.close()
