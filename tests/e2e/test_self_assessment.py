"""Clinician self-assessment (issue 5 §4-5): the history survives a reload, delete removes it, corrupt
storage is reset with a notice, a bad import loses nothing, user text is escaped, nothing leaves
127.0.0.1."""

from __future__ import annotations

import json

from pages import WidgetPage, parse_number

from scorer import score
from scorer.web import selfassessment as sa

PATH = "practice/self-assessment/"
HISTORY_KEY = "wai-training:v1:self-assessment:history"
HOSTILE = "<img src=x onerror=alert(1)>"
RESPONSES = [((i * 5) % 7) + 1 for i in range(36)]

READ_STORE = f"() => localStorage.getItem({json.dumps(HISTORY_KEY)})"


def _root(wp: WidgetPage):
    return wp.page.locator('.wai-widget[data-widget="self-assessment"]')


def _rows(wp: WidgetPage):
    return _root(wp).locator(".wai-history tbody tr[data-entry]")


def _open(wp: WidgetPage, *, reload: bool = False) -> WidgetPage:
    """Open (or reload) the page and wait until the history has been read and shown."""
    wp.reload() if reload else wp.open(PATH)
    wp.page.locator('.wai-widget[data-widget="self-assessment"][data-entries]').wait_for(timeout=15_000)
    return wp


def _stored(wp: WidgetPage) -> dict | None:
    raw = wp.page.evaluate(READ_STORE)
    return None if raw is None else json.loads(raw)


def _fill_therapist(wp: WidgetPage, responses: list[int]) -> None:
    section = _root(wp).locator('[data-section="therapist"]')
    for number, value in enumerate(responses, start=1):
        section.locator(f'fieldset.wai-item[data-item="{number}"] input[value="{value}"]').check()


def _preset(wp: WidgetPage, history: dict) -> None:
    wp.page.evaluate("([k, v]) => localStorage.setItem(k, v)", [HISTORY_KEY, json.dumps(history)])


def _a_history(n: int = 1) -> dict:
    history = None
    for i in range(n):
        history = sa.sa_record(history, [4] * 36, f"2026-02-{i + 1:02d}", f"2026-02-{i + 1:02d}T09:00:00Z",
                               patient_label=f"knee {i}")["history"]
    return history


def test_save_reload_delete(widget_page: WidgetPage, recorder) -> None:
    wp = _open(widget_page)
    root = _root(wp)
    assert root.get_attribute("data-state") == "ready"
    assert _rows(wp).count() == 0

    _fill_therapist(wp, RESPONSES)
    root.locator('input[data-role="patient-label"]').fill(HOSTILE)
    root.locator('fieldset.wai-practice[data-practice="empathy"] input[value="4"]').check()
    root.locator('fieldset.wai-practice[data-practice="empathy"] textarea').fill(HOSTILE)

    # Score: the live region holds the contract table with the scorer's numbers
    root.get_by_role("button", name="Score", exact=True).click()
    root.locator(".wai-results table").first.wait_for(timeout=10_000)
    expected = score("wai-t", RESPONSES)
    total = root.locator('.wai-results tr[data-row="total"] td').nth(1).inner_text()
    assert parse_number(total) == round(expected.total.mean, 2)

    # Save: one row, the hostile label shown as text, stored as {v: 1, entries: [...]}
    root.get_by_role("button", name="Save to history").click()
    _rows(wp).first.wait_for(timeout=10_000)
    assert _rows(wp).count() == 1
    assert HOSTILE in _rows(wp).first.inner_text()
    assert root.locator(".wai-history img, .wai-results img").count() == 0
    stored = _stored(wp)
    assert stored["v"] == 1 and len(stored["entries"]) == 1
    entry = stored["entries"][0]
    assert entry["patient_label"] == HOSTILE
    assert entry["therapist_means"]["total"] == expected.total.mean
    assert entry["audit"]["ratings"] == {"empathy": 4}
    # the form is cleared for the next session
    assert root.locator('[data-section="therapist"] input[type=radio]:checked').count() == 0

    # Reload: the history and its chart are still there
    _open(wp, reload=True)
    assert _rows(wp).count() == 1
    chart = root.locator(".wai-history svg.wai-chart-trend")
    assert chart.get_attribute("data-points") == "1"
    assert chart.locator("g.wai-trend-point.wai-trend-total").count() == 1
    assert entry["date"] in _rows(wp).first.inner_text()

    # Delete asks first; Cancel keeps it
    _rows(wp).first.get_by_role("button", name="Delete").click()
    confirm = root.locator('[data-role="confirm"]')
    assert confirm.is_visible()
    confirm.get_by_role("button", name="Cancel").click()
    assert confirm.is_hidden() and _rows(wp).count() == 1

    # ... and Yes removes it, from the page and from storage
    _rows(wp).first.get_by_role("button", name="Delete").click()
    confirm.get_by_role("button", name="Yes, delete").click()
    root.locator(".wai-history-empty").wait_for(timeout=10_000)
    assert _rows(wp).count() == 0
    assert _stored(wp) is None

    _open(wp, reload=True)
    assert _rows(wp).count() == 0
    assert root.locator(".wai-history-empty").is_visible()
    recorder.assert_clean()


def test_delete_all_after_confirm(widget_page: WidgetPage, recorder) -> None:
    wp = _open(widget_page)
    _preset(wp, _a_history(3))
    _open(wp, reload=True)
    assert _rows(wp).count() == 3
    assert _root(wp).locator("svg.wai-chart-trend g.wai-trend-point.wai-trend-total").count() == 3
    _root(wp).get_by_role("button", name="Delete all history").click()
    _root(wp).get_by_role("button", name="Yes, delete").click()
    _root(wp).locator(".wai-history-empty").wait_for(timeout=10_000)
    assert _stored(wp) is None
    _open(wp, reload=True)
    assert _rows(wp).count() == 0
    recorder.assert_clean()


def test_corrupt_history_is_reset_with_a_visible_notice(widget_page: WidgetPage, recorder) -> None:
    wp = _open(widget_page)
    wp.page.evaluate("([k]) => localStorage.setItem(k, '{\"v\": 1, \"entries\": 7')", [HISTORY_KEY])
    _open(wp, reload=True)
    notice = _root(wp).locator(".wai-notice")
    notice.wait_for(state="visible", timeout=10_000)
    assert "could not be read and was reset" in notice.inner_text()
    assert _stored(wp) is None
    assert _rows(wp).count() == 0
    recorder.assert_clean()


def test_bad_import_loses_nothing_and_a_good_one_merges(widget_page: WidgetPage, recorder) -> None:
    wp = _open(widget_page)
    mine = _a_history(1)
    _preset(wp, mine)
    _open(wp, reload=True)
    assert _rows(wp).count() == 1
    picker = _root(wp).locator('input[data-role="import"]')

    bad = json.loads(sa.sa_export_json(mine)["text"])
    bad["entries"][0]["therapist_means"]["goal"] = 12
    picker.set_input_files(files=[{"name": "bad.json", "mimeType": "application/json",
                                   "buffer": json.dumps(bad).encode()}])
    error = _root(wp).locator(".wai-error")
    error.wait_for(state="visible", timeout=10_000)
    assert "outside the WAI-T scale" in error.inner_text()
    assert "unchanged" in error.inner_text()
    assert _stored(wp) == mine
    assert _rows(wp).count() == 1

    other = sa.sa_record(None, [6] * 36, "2026-01-15", "2026-01-15T08:00:00Z",
                         patient_label=HOSTILE)["history"]
    good = sa.sa_export_json(other)["text"]
    picker.set_input_files(files=[{"name": "good.json", "mimeType": "application/json",
                                   "buffer": good.encode()}])
    wp.page.wait_for_function(
        "() => document.querySelectorAll('.wai-history tbody tr[data-entry]').length == 2", timeout=10_000
    )
    assert len(_stored(wp)["entries"]) == 2
    assert _root(wp).locator(".wai-history img").count() == 0
    assert "Imported 1 session" in wp.status_text()
    recorder.assert_clean()
