"""Answers are never lost (issue 12 item 4; ux-review.md M3).

Each practice case keeps its own answers (by form, profile and case number), so New case or a second
tab on another case wipes nothing; two tabs on the same page stay in step through the ``storage``
event; the one-case-per-form key of earlier versions is moved, not dropped. Saving and syncing are
the page's own JavaScript, so these tests block the Python runtime (it only checks the answers).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pages import WidgetPage
from playwright.sync_api import expect

PREFIX = "wai-training:v1:"
CASE = "practice/cases/?form=wai-s&profile=random&seed={}"
GET_JS = "k => localStorage.getItem(k)"
WAI_S = '.wai-form-panel[data-form-id="wai-s"]'


@pytest.fixture
def tabs(browser: Any, site_url: str) -> Any:
    """A factory of pages in one browser context (one localStorage), the runtime blocked."""
    context = browser.new_context()
    context.route("**/pyodide/**", lambda route: route.abort())

    def open_tab(path: str) -> Any:
        page = context.new_page()
        page.goto(site_url + path)
        page.locator(".wai-widget[data-widget]").first.wait_for()
        page.locator(".wai-widget:not([data-state='loading'])").first.wait_for()
        return page

    yield open_tab
    context.close()


def _answer(page: Any, name: str) -> Any:
    return page.locator(f'input[data-answer="{name}"]')


def _go_to_case(page: Any, seed: int) -> None:
    box = page.locator('input[data-role="seed"]')
    box.fill(str(seed))
    box.press("Tab")  # a number box reports its change when it loses the focus


def test_new_case_and_back_keeps_the_first_cases_answers(widget_page: WidgetPage) -> None:
    """With the scorer running, as a student uses it (New case waits for it)."""
    wp = widget_page.open(CASE.format(17))
    page = wp.page
    _answer(page, "goal_sum").fill("8")
    _answer(page, "task_sum").fill("18")
    page.get_by_role("button", name="New case").click()
    assert page.locator('input[data-role="seed"]').input_value() != "17"
    assert _answer(page, "goal_sum").input_value() == ""  # a new case starts empty
    _answer(page, "goal_sum").fill("5")
    _go_to_case(page, 17)
    page.locator('.wai-case-card[data-seed="17"]').wait_for()
    assert _answer(page, "goal_sum").input_value() == "8"
    assert _answer(page, "task_sum").input_value() == "18"
    page.goto(wp.base_url + "practice/cases/?form=wai-s")  # no case named: the last one comes back
    wp.wait_settled()
    assert page.locator('input[data-role="seed"]').input_value() == "17"
    assert _answer(page, "goal_sum").input_value() == "8"


def test_a_second_tab_on_another_case_wipes_nothing(tabs: Any) -> None:
    a = tabs(CASE.format(17))
    b = tabs(CASE.format(99))
    _answer(a, "goal_sum").fill("8")
    _answer(b, "bond_sum").fill("21")
    _answer(b, "goal_sum").fill("3")
    a.reload()
    a.locator(".wai-widget:not([data-state='loading'])").first.wait_for()
    assert _answer(a, "goal_sum").input_value() == "8"
    assert _answer(a, "bond_sum").input_value() == ""
    b.reload()
    b.locator(".wai-widget:not([data-state='loading'])").first.wait_for()
    assert (_answer(b, "goal_sum").input_value(), _answer(b, "bond_sum").input_value()) == ("3", "21")


def test_two_tabs_on_the_same_case_stay_in_step(tabs: Any) -> None:
    a = tabs(CASE.format(17))
    b = tabs(CASE.format(17))
    _answer(a, "goal_sum").fill("8")
    _answer(a, "task_sum").fill("18")
    expect(_answer(b, "goal_sum")).to_have_value("8")
    _answer(b, "bond_sum").fill("21")
    expect(_answer(a, "bond_sum")).to_have_value("21")
    _answer(a, "total_sum").fill("47")  # the last writer holds everything both typed
    a.reload()
    a.locator(".wai-widget:not([data-state='loading'])").first.wait_for()
    got = [_answer(a, k).input_value() for k in ("goal_sum", "task_sum", "bond_sum", "total_sum")]
    assert got == ["8", "18", "21", "47"]
    assert "another tab" in b.locator(".wai-widget[data-widget='case']").inner_text()


def test_two_tabs_of_the_score_page_stay_in_step(tabs: Any) -> None:
    a = tabs("practice/score/?form=wai-s")
    b = tabs("practice/score/?form=wai-s")

    def tick(page: Any, item: int, value: int) -> None:
        page.locator(f'{WAI_S} fieldset[data-item="{item}"] input[value="{value}"]').check()

    for item in range(1, 7):
        tick(a, item, 3)
    expect(b.locator(f'{WAI_S} fieldset[data-item="6"] input[value="3"]')).to_be_checked()
    for item in range(7, 13):
        tick(b, item, 5)
    a.reload()
    a.locator(".wai-widget:not([data-state='loading'])").first.wait_for()
    chosen = a.locator(f"{WAI_S} input:checked").evaluate_all(
        "rs => rs.map(r => r.value)")
    assert chosen == ["3"] * 6 + ["5"] * 6


def test_the_one_case_per_form_key_of_earlier_versions_is_moved(tabs: Any) -> None:
    page = tabs("practice/cases/?form=wai-s")
    legacy = PREFIX + "case:wai-s"
    old = {"v": 1, "form": "wai-s", "seed": "17", "profile": "weak-bond",
           "answers": {"goal_sum": "8", "task_mean": "4.50"}, "saved": "2026-11-01T10:00:00.000Z"}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [legacy, json.dumps(old)])
    page.goto(page.url.split("?")[0])  # no case in the URL: the saved one comes back
    page.locator(".wai-widget:not([data-state='loading'])").first.wait_for()
    assert page.locator('input[data-role="seed"]').input_value() == "17"
    assert page.locator('select[data-role="profile-select"]').input_value() == "weak-bond"
    assert _answer(page, "goal_sum").input_value() == "8"
    assert _answer(page, "task_mean").input_value() == "4.50"
    assert page.evaluate(GET_JS, legacy) is None
    moved = json.loads(page.evaluate(GET_JS, PREFIX + "case:wai-s:weak-bond:17"))
    assert moved["v"] == 1 and moved["answers"] == old["answers"] and moved["seed"] == "17"


def test_the_self_assessment_draft_follows_the_other_tab(tabs: Any) -> None:
    a = tabs("practice/self-assessment/")
    b = tabs("practice/self-assessment/")
    a.locator('input[data-role="patient-label"]').fill("knee 3")
    expect(b.locator('input[data-role="patient-label"]')).to_have_value("knee 3")
    item1 = '.wai-form-panel[data-form-id="wai-t"] fieldset[data-item="1"] input[value="6"]'
    b.locator(item1).check()
    expect(a.locator(item1)).to_be_checked()
    a.reload()
    a.locator(".wai-widget:not([data-state='loading'])").first.wait_for()
    assert a.locator('input[data-role="patient-label"]').input_value() == "knee 3"
