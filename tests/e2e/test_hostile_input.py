"""Hostile text is shown as text: typed, pasted, imported, or written by an educator into an exercise.

Every test fails on a JavaScript dialog, on an element the payload would create (``img[src=x]``,
an injected ``script``) and on a payload that vanished instead of being shown literally.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from expect import random_responses
from pages import WidgetPage
from trust_helpers import ensure_port_range

import scorer
from sitebuild.markdown.exercises import exercise_html, parse_body

ensure_port_range()

PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert(2)</script>"
INJECTED = "img[src='x'], img[src$='/x'], script:not([src]):not([type]), [onerror]"


@pytest.fixture
def dialogs(page: Any) -> Iterator[list[str]]:
    seen: list[str] = []

    def on_dialog(dialog: Any) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield seen
    assert not seen, f"a JavaScript dialog opened: {seen}"


def assert_inert(page: Any, scope: str = ".wai-widget") -> None:
    injected = page.locator(f"{scope} :is({INJECTED})")
    assert injected.count() == 0, injected.evaluate_all("els => els.map(e => e.outerHTML)")
    # Give an onerror handler the chance to fire if an element had slipped through.
    page.wait_for_timeout(200)


def test_pasted_row(widget_page: WidgetPage, dialogs: list[str]) -> None:
    page = widget_page.page
    widget_page.open("practice/score/?form=wai")
    root = widget_page.widget()
    root.locator("details.wai-paste > summary").click()
    root.locator('textarea[data-role="paste"]').fill(PAYLOAD)
    root.locator('[data-action="paste"]').click()
    error = root.locator(".wai-error:not([hidden])")
    error.wait_for()
    assert_inert(page)
    assert root.locator('textarea[data-role="paste"]').input_value() == PAYLOAD
    if "img" in error.inner_text():
        assert "<img" in error.inner_text(), "the payload was echoed but not as literal text"


def test_case_answer_boxes(widget_page: WidgetPage, dialogs: list[str]) -> None:
    page = widget_page.page
    widget_page.open("practice/cases/")
    root = widget_page.widget()
    root.locator(".wai-case *").first.wait_for()
    root.locator('input[data-answer="goal_sum"]').fill(PAYLOAD)
    root.locator('input[data-answer="task_sum"]').fill(SCRIPT_PAYLOAD)
    root.get_by_role("button", name="Check answers").click()
    root.locator(".wai-feedback > *, .wai-error:not([hidden])").first.wait_for()
    assert_inert(page)
    shown = root.inner_text()
    if "img" in shown:
        assert "<img" in shown


def test_exercise_answer_box(widget_page: WidgetPage, dialogs: list[str]) -> None:
    page = widget_page.page
    widget_page.open("exercises/clear-cut/")
    root = widget_page.widget()
    root.locator("input[data-key]").first.fill(PAYLOAD)
    root.locator('[data-action="check"]').click()
    root.locator(".wai-results > *, .wai-error:not([hidden])").first.wait_for()
    assert_inert(page)


def fill_self_assessment(root: Any, label: str, note: str) -> None:
    root.locator('input[data-role="patient-label"]').fill(label)
    notes = root.locator("fieldset.wai-practice textarea")
    if notes.count():
        notes.first.fill(note)
    therapist = root.locator('.wai-form-panel[data-form-id="wai-t"]')
    for number, value in enumerate(random_responses("wai-t", seed=66), start=1):
        therapist.locator(f'fieldset[data-item="{number}"] input[value="{value}"]').check()


def test_self_assessment_typed_then_exported_and_imported(browser: Any, site_url: str,
                                                          tmp_path: Path) -> None:
    seen: list[str] = []
    label, note = PAYLOAD[:60], SCRIPT_PAYLOAD + PAYLOAD

    def open_page(context: Any) -> tuple[Any, Any]:
        page = context.new_page()
        page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
        widget_page = WidgetPage(page, site_url).open("practice/self-assessment/")
        return page, widget_page.widget()

    first = browser.new_context(accept_downloads=True)
    try:
        page, root = open_page(first)
        fill_self_assessment(root, label, note)
        root.get_by_role("button", name="Score", exact=True).click()
        root.locator(".wai-results table").first.wait_for()
        root.get_by_role("button", name="Save to history").click()
        history = root.locator(".wai-history")
        history.get_by_text(label, exact=False).first.wait_for()
        assert_inert(page)
        with page.expect_download() as info:
            root.get_by_role("button", name="Export JSON").click()
        exported = tmp_path / "history.json"
        info.value.save_as(exported)
    finally:
        first.close()
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert label in json.dumps(data, ensure_ascii=False), "the exported file lost the label"

    second = browser.new_context()
    try:
        page, root = open_page(second)
        root.locator('input[data-role="import"]').set_input_files(str(exported))
        root.locator(".wai-history").get_by_text(label, exact=False).first.wait_for()
        assert_inert(page)
        # The whole label is there as text, characters and all.
        assert label in root.locator(".wai-history").inner_text()
    finally:
        second.close()
    assert not seen, seen


# --- an exercise an educator wrote with hostile text ------------------------------------------

HOSTILE_EXERCISE = f"""\
id: hostile-check
title: "{PAYLOAD} title"
form: wai-sr
vignette: |
  Before {PAYLOAD} after.

  {SCRIPT_PAYLOAD} & "quotes" 'single'
responses: [4, 3, 5, 3, 5, 5, 5, 5, 5, 3, 5, 3]
compute: [goal_sum]
attempts: 1
notes: |
  Notes {PAYLOAD}
"""




class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data_blocks: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_data = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_blocks.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_data = False


def render_hostile() -> str:
    return exercise_html(parse_body(HOSTILE_EXERCISE))


def test_hostile_exercise_renders_escaped_at_build_time() -> None:
    html = render_hostile()
    parsed = _Elements()
    parsed.feed(html)
    tags = [t for t, _ in parsed.tags]
    assert "img" not in tags, "the vignette's <img> became an element"
    scripts = [a for t, a in parsed.tags if t == "script"]
    assert scripts == [{"type": "application/json", "class": "wai-exercise-data"}], scripts
    assert not any(k.startswith("on") for _, a in parsed.tags for k in a)
    # The inert data block holds the text unchanged, and cannot be closed early by it.
    assert len(parsed.data_blocks) == 1
    data = json.loads(parsed.data_blocks[0])
    assert PAYLOAD in data["vignette"] and SCRIPT_PAYLOAD in data["vignette"]
    assert PAYLOAD in data["title"]


def test_hostile_exercise_in_the_browser(page: Any, site_url: str, dialogs: list[str]) -> None:
    """The rendered widget on a page of the site's own origin, with its real scripts and CSP."""
    template = page.request.get(site_url + "exercises/clear-cut/").text()
    start = template.index('<div class="wai-widget wai-exercise"')
    end = template.index("</script></div>", start) + len("</script></div>")
    # Keep the page, swap the first exercise for the hostile one.
    hostile_page = template[:start] + render_hostile() + template[end:]
    url = site_url + "exercises/clear-cut/?hostile"
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                                body=hostile_page))
    widget_page = WidgetPage(page, site_url).open("exercises/clear-cut/?hostile")
    root = page.locator('.wai-widget[data-exercise="hostile-check"]')
    assert root.count() == 1
    assert_inert(page, '.wai-widget[data-exercise="hostile-check"]')
    vignette = root.locator(".wai-vignette").inner_text()
    assert PAYLOAD in vignette and SCRIPT_PAYLOAD in vignette
    assert PAYLOAD in root.locator(".wai-exercise-title").inner_text()
    # It still works: the right Goal sum is accepted.
    goal = scorer.score("wai-sr", [4, 3, 5, 3, 5, 5, 5, 5, 5, 3, 5, 3]).to_dict()["subscales"]["goal"]["sum"]
    root.locator('input[data-key="goal_sum"]').fill(str(int(goal)))
    root.locator('[data-action="check"]').click()
    root.locator(".wai-results > *").first.wait_for()
    assert root.get_attribute("data-result") == "correct"
    assert_inert(page)
    assert widget_page.states()
