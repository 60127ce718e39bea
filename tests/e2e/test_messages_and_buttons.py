"""Buttons look like buttons; messages appear where the person is looking (issue 12 items 2, 3, 6;
ux-review.md H2, M1, M6, L1).

- every action in every widget has a border, a pointer cursor when it can be used, and a visibly
  different look (faded, dashed, "not allowed" cursor) when it cannot;
- a bad pasted row: the message right under the paste box, with the focus, answers kept;
- "Filled ...", "Saved ...", "Deleted ...", "Imported ..." in a polite live region beside the control
  that caused them; Clear leaves no old message;
- a failed Assignments run leaves neither the previous table nor its download.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from expect import random_responses
from pages import WidgetPage
from playwright.sync_api import expect

from scorer.web import selfassessment as sa

NEAR_PX = 120  # "beside": the message starts within this distance below the control's group

BUTTON_LOOK_JS = """root => [...root.querySelectorAll("button")].filter(b => b.checkVisibility()).map(b => {
  const s = getComputedStyle(b);
  const off = b.disabled || b.getAttribute("aria-disabled") === "true";
  return {name: b.textContent.trim(), off, border: s.borderTopStyle, width: parseFloat(s.borderTopWidth),
          cursor: s.cursor, opacity: parseFloat(s.opacity), height: b.getBoundingClientRect().height};
})"""


def _gap(page: Any, control: Any, message: Any) -> float:
    """Pixels from the bottom of the control's button group (or the control) to the message's top."""
    return page.evaluate(
        """([c, m]) => {
          const group = c.closest(".wai-actions, .wai-buttons, .wai-toolbar, .wai-confirm, .wai-import") || c;
          return m.getBoundingClientRect().top - group.getBoundingClientRect().bottom;
        }""",
        [control.element_handle(), message.element_handle()],
    )


def _looks(root: Any) -> list[dict[str, Any]]:
    looks = root.evaluate(BUTTON_LOOK_JS)
    assert looks, "no visible button"
    return looks


def _assert_buttons(looks: list[dict[str, Any]]) -> None:
    for look in looks:
        assert look["border"] != "none" and look["width"] >= 1, look
        assert look["height"] >= 24, look
        if look["off"]:
            assert (look["cursor"], look["border"]) == ("not-allowed", "dashed") and look["opacity"] < 1, look
        else:
            assert look["cursor"] == "pointer" and look["opacity"] == 1, look


@pytest.mark.parametrize("path", ["exercises/clear-cut/", "educators/", "educators/assign/",
                                  "practice/score/", "practice/cases/", "practice/compare/",
                                  "practice/self-assessment/"])
def test_every_action_looks_like_a_button(widget_page: WidgetPage, path: str) -> None:
    page = widget_page.page
    page.goto(widget_page.base_url + path)
    root = widget_page.widget()
    before = _looks(root)  # while the scorer starts: the buttons that need it are disabled
    if root.get_attribute("data-state") == "loading":
        assert any(look["off"] for look in before), before
        _assert_buttons(before)
    widget_page.wait_settled()
    after = _looks(root)
    assert any(not look["off"] for look in after)
    _assert_buttons(after)


def test_a_bad_pasted_row_is_reported_at_the_paste_box(widget_page: WidgetPage) -> None:
    wp = widget_page.open("practice/score/?form=wai-s")
    page, root = wp.page, wp.widget()
    wp.fill([4] * 3)
    root.locator("details.wai-paste > summary").click()
    root.locator('textarea[data-role="paste"]').fill("1,2,3")
    button = root.locator('[data-action="paste"]')
    button.click()
    error = root.locator(".wai-error")
    expect(error).to_be_visible()
    assert "12" in error.inner_text() and "3" in error.inner_text()
    expect(error).to_be_focused()
    assert 0 <= _gap(page, button, error) < NEAR_PX
    assert wp.answers()[:4] == [4, 4, 4, None]  # nothing filled, nothing lost
    assert root.locator('textarea[data-role="paste"]').input_value() == "1,2,3"

    root.locator('textarea[data-role="paste"]').fill("1 2 NA 4 5 6 7 1 2 3 4 5")
    button.click()
    said = root.locator(".wai-said")
    expect(said).to_contain_text("Filled 11 of 12 answers")
    assert said.get_attribute("role") == "status"
    assert error.is_hidden()
    assert 0 <= _gap(page, button, said) < NEAR_PX

    root.get_by_role("button", name="Clear", exact=True).click()
    assert said.inner_text() == ""
    assert "Filled" not in wp.status_text()


def _fill_wai_t(root: Any) -> None:
    panel = root.locator('.wai-form-panel[data-form-id="wai-t"]')
    for number, value in enumerate(random_responses("wai-t", seed=31), start=1):
        panel.locator(f'fieldset[data-item="{number}"] input[value="{value}"]').check()


def test_saved_deleted_and_imported_appear_beside_their_controls(widget_page: WidgetPage) -> None:
    wp = widget_page.open("practice/self-assessment/")
    page, root = wp.page, wp.widget()
    _fill_wai_t(root)
    save = root.get_by_role("button", name="Save to history")
    save.click()
    said = root.locator(".wai-said", has_text="Saved the session")
    expect(said).to_be_visible()
    assert said.get_attribute("role") == "status"
    assert 0 <= _gap(page, save, said) < NEAR_PX

    picker = root.locator('input[data-role="import"]')
    other = sa.sa_record(None, [6] * 36, "2026-01-15", "2026-01-15T08:00:00Z")["history"]
    picker.set_input_files(files=[{"name": "h.json", "mimeType": "application/json",
                                   "buffer": sa.sa_export_json(other)["text"].encode()}])
    imported = root.locator(".wai-said", has_text="Imported 1 session")
    expect(imported).to_be_visible()
    assert 0 <= _gap(page, picker, imported) < NEAR_PX

    bad = json.loads(sa.sa_export_json(other)["text"])
    bad["v"] = 7
    picker.set_input_files(files=[{"name": "bad.json", "mimeType": "application/json",
                                   "buffer": json.dumps(bad).encode()}])
    error = root.locator(".wai-error")
    expect(error).to_contain_text("unchanged")
    assert re.search(r"[.!?] Your history is unchanged\.$", error.inner_text().strip()), error.inner_text()
    assert 0 <= _gap(page, picker, error) < NEAR_PX

    delete_all = root.get_by_role("button", name="Delete all history")
    delete_all.click()
    root.get_by_role("button", name="Yes, delete").click()
    deleted = root.locator(".wai-said", has_text="Deleted")
    expect(deleted).to_be_visible()
    expect(delete_all).to_be_focused()
    assert 0 <= _gap(page, delete_all, deleted) < NEAR_PX


def test_a_failed_assignments_run_clears_the_old_table_and_download(widget_page: WidgetPage) -> None:
    wp = widget_page.open("educators/assign/")
    root = wp.widget()
    roster = root.get_by_label("Student ids, one per line")
    make = root.get_by_role("button", name="Make assignments")
    download = root.locator('[data-action="download"]')
    expect(download).to_be_hidden()  # nothing to download yet
    roster.fill("ana\nben\ncai")
    make.click()
    root.locator(".wai-results table").wait_for()
    expect(download).to_be_visible()

    roster.fill("ana\nben\nana")
    make.click()
    error = root.locator(".wai-error")
    expect(error).to_contain_text("ana")
    expect(root.locator(".wai-results table")).to_have_count(0)
    expect(download).to_be_hidden()
    assert 0 <= _gap(wp.page, make, error) < NEAR_PX
