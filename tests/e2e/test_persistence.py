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
