"""Garbage in the widgets' localStorage keys: a visible notice, a working page, the bad value reset.

Keys follow ARCHITECTURE.md "Storage": wai-training:v1:<widget>:<page-or-form>.
"""

from __future__ import annotations

import json

import pytest
from expect import assert_table_matches, expected_rows, random_responses
from pages import WidgetPage
from trust_helpers import ensure_port_range

ensure_port_range()

PREFIX = "wai-training:v1:"
GARBAGE = {
    "not JSON": "{not json",
    "JSON of the wrong kind": "[1, 2, 3]",
    "no version": json.dumps({"form": "wai", "responses": []}),
    "values off the scale": json.dumps({"v": 1, "form": "wai", "responses": ["9"] * 36}),
    "wrong length": json.dumps({"v": 1, "form": "wai", "responses": ["1", "2"]}),
}
NOTICE = ".wai-notice:not([hidden]), .wai-error:not([hidden])"

SET_JS = "([k, v]) => localStorage.setItem(k, v)"
GET_JS = "k => localStorage.getItem(k)"


def plant(wp: WidgetPage, key: str, value: str) -> None:
    wp.page.evaluate(SET_JS, [key, value])
    wp.reload()


def assert_reset(wp: WidgetPage, key: str, garbage: str) -> str:
    notice = wp.page.locator(NOTICE).first
    notice.wait_for(timeout=10_000)
    text = notice.inner_text()
    assert text.strip(), "the notice is empty"
    assert wp.page.evaluate(GET_JS, key) != garbage, f"{key} still holds the bad value"
    assert set(wp.states()) == {"ready"}
    return text


@pytest.mark.parametrize("garbage", list(GARBAGE.values()), ids=list(GARBAGE))
def test_score_widget_resets_a_bad_saved_value_and_still_scores(widget_page: WidgetPage, recorder,
                                                                garbage: str) -> None:
    key = PREFIX + "score:wai"
    widget_page.open("practice/score/?form=wai")
    plant(widget_page, key, garbage)
    text = assert_reset(widget_page, key, garbage)
    assert "removed" in text or "could not" in text, text
    assert widget_page.answers() == [None] * 36
    responses = random_responses("wai", seed=404)
    widget_page.fill(responses)
    assert_table_matches(widget_page.score(), expected_rows("wai", responses))
    # The next change saves a good value over the key again.
    stored = json.loads(widget_page.page.evaluate(GET_JS, key))
    assert stored["v"] == 1 and stored["responses"] == [str(v) for v in responses]
    assert not recorder.console_errors, recorder.console_errors


def test_case_widget_resets_a_bad_saved_value(widget_page: WidgetPage) -> None:
    widget_page.open("practice/cases/")
    form = widget_page.widget().get_attribute("data-form")
    key = PREFIX + f"case:{form}"
    garbage = json.dumps({"v": 1, "seed": "x; drop", "profile": 7, "answers": "all"})
    plant(widget_page, key, garbage)
    assert_reset(widget_page, key, garbage)
    root = widget_page.widget()
    assert root.locator('input[data-answer="goal_sum"]').input_value() == ""
    root.get_by_role("button", name="Check answers").click()
    root.locator(".wai-feedback > *, .wai-error:not([hidden])").first.wait_for()


def test_compare_widget_resets_a_bad_saved_value(widget_page: WidgetPage) -> None:
    widget_page.open("practice/compare/")
    panel = widget_page.page.locator('.wai-compare-side[data-side="patient"] .wai-form-panel:not([hidden])')
    form = panel.get_attribute("data-form-id")
    key = PREFIX + f"compare:{form}"
    plant(widget_page, key, "\u0000\ufffd garbage")
    assert_reset(widget_page, key, "\u0000\ufffd garbage")
    for side in ("patient", "therapist"):
        scope = widget_page.page.locator(
            f'.wai-compare-side[data-side="{side}"] .wai-form-panel:not([hidden])')
        side_form = scope.get_attribute("data-form-id")
        for number, value in enumerate(random_responses(side_form, seed=9), start=1):
            scope.locator(f'fieldset[data-item="{number}"] input[value="{value}"]').check()
    widget_page.widget().get_by_role("button", name="Compare").click()
    widget_page.widget().locator(".wai-results table").first.wait_for()


def test_exercise_widget_resets_a_bad_saved_value(widget_page: WidgetPage) -> None:
    widget_page.open("exercises/clear-cut/")
    exercise_id = widget_page.widget().get_attribute("data-exercise")
    key = PREFIX + f"exercise:{exercise_id}"
    garbage = json.dumps({"v": 1, "attempts": -3, "answers": None})
    plant(widget_page, key, garbage)
    assert_reset(widget_page, key, garbage)
    root = widget_page.widget()
    assert root.locator(".wai-attempts").get_attribute("data-attempts-left") == root.get_attribute(
        "data-attempts")
    for field in root.locator("input[data-key]").all():
        field.fill("1")
    root.locator('[data-action="check"]').click()
    root.locator(".wai-results > *").first.wait_for()


@pytest.mark.parametrize("which", ["history", "draft"])
def test_self_assessment_resets_a_bad_saved_value(widget_page: WidgetPage, which: str) -> None:
    widget_page.open("practice/self-assessment/")
    key = PREFIX + f"self-assessment:{which}"
    garbage = '{"v": 1, "entries": "<img src=x onerror=alert(1)>"' if which == "history" else "][" * 5
    dialogs: list[str] = []
    widget_page.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    plant(widget_page, key, garbage)
    assert_reset(widget_page, key, garbage)
    assert widget_page.page.locator(".wai-widget img[src='x']").count() == 0 and not dialogs
    root = widget_page.widget()
    therapist = root.locator('.wai-form-panel[data-form-id="wai-t"]')
    responses = random_responses("wai-t", seed=12)
    for number, value in enumerate(responses, start=1):
        therapist.locator(f'fieldset[data-item="{number}"] input[value="{value}"]').check()
    root.get_by_role("button", name="Score", exact=True).click()
    root.locator(".wai-results table").first.wait_for()
