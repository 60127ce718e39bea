"""Answers save themselves in localStorage and come back after a reload."""

from __future__ import annotations

import json

from expect import random_responses
from pages import WidgetPage

SAVED_JS = """() => Object.keys(localStorage).some(k => k.startsWith('wai-training:v1:'))"""


def test_reload_keeps_the_answers(widget_page: WidgetPage) -> None:
    responses = random_responses("wai", seed=99)[:20]
    widget_page.open("practice/score/?form=wai")
    widget_page.fill(responses)
    widget_page.page.wait_for_function(SAVED_JS, timeout=5_000)
    widget_page.reload()
    kept = widget_page.answers()
    assert kept[:20] == responses
    assert kept[20:] == [None] * 16


def test_saved_values_follow_the_storage_contract(widget_page: WidgetPage) -> None:
    """Keys are wai-training:v1:<widget>:<page-or-form>; values are JSON objects with a "v" field."""
    widget_page.open("practice/score/?form=wai")
    widget_page.choose(1, 5)
    widget_page.page.wait_for_function(SAVED_JS, timeout=5_000)
    entries = widget_page.page.evaluate(
        """() => Object.keys(localStorage).filter(k => k.startsWith('wai-training:'))
                   .map(k => [k, localStorage.getItem(k)])"""
    )
    assert entries
    for key, value in entries:
        parts = key.split(":")
        assert len(parts) >= 4 and parts[1] == "v1", key
        assert "v" in json.loads(value), (key, value)


def test_navigation_away_and_back_keeps_the_answers(widget_page: WidgetPage) -> None:
    responses = random_responses("wai-s", seed=3)
    widget_page.open("practice/score/?form=wai-s")
    widget_page.fill(responses)
    widget_page.page.wait_for_function(SAVED_JS, timeout=5_000)
    widget_page.open("practice/cases/")
    widget_page.open("practice/score/?form=wai-s")
    assert widget_page.answers() == responses


def test_corrupt_saved_answers_are_reset_with_a_visible_notice(widget_page: WidgetPage) -> None:
    key = "wai-training:v1:score:wai"
    widget_page.open("practice/score/?form=wai")
    widget_page.page.evaluate("([k]) => localStorage.setItem(k, '{not json')", [key])
    widget_page.reload()
    notice = widget_page.widget().locator(".wai-notice")
    assert notice.is_visible()
    assert notice.inner_text().strip()
    assert widget_page.answers() == [None] * 36
    assert widget_page.page.evaluate("([k]) => localStorage.getItem(k)", [key]) != "{not json"


def test_clear_empties_the_form_and_its_storage(widget_page: WidgetPage) -> None:
    widget_page.open("practice/score/?form=wai-s")
    widget_page.fill(random_responses("wai-s", seed=4))
    widget_page.page.wait_for_function(SAVED_JS, timeout=5_000)
    widget_page.widget().get_by_role("button", name="Clear", exact=True).click()
    assert widget_page.answers() == [None] * 12
    widget_page.reload()
    assert widget_page.answers() == [None] * 12
