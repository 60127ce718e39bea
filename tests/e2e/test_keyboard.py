"""Each widget completed with the keyboard alone: Tab into the form, arrow keys within a radio group,
Tab to the next group, Enter/Space on buttons; focus is visible; results land in a live region.

The answers typed are compared with the scorer run in the test process, so a key that skips or
selects the wrong radio fails the test.
"""

from __future__ import annotations

import json
from typing import Any

from expect import assert_table_matches, expected_rows, random_responses
from pages import WidgetPage
from trust_helpers import ensure_port_range

import scorer
from scorer import cases

ensure_port_range()

MAX_TABS = 80
ACTIVE_JS = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  return {tag: a.tagName, type: a.type || null, name: a.name || null, value: a.value ?? null,
          action: a.dataset ? (a.dataset.action || null) : null,
          answer: a.dataset ? (a.dataset.answer || a.dataset.key || null) : null,
          text: (a.textContent || '').trim().slice(0, 40)};
}"""
# A visible focus indicator on the focused element or (for a radio) the label around it.
FOCUS_STYLE_JS = """() => {
  const a = document.activeElement;
  const shown = (el) => {
    if (!el) return false;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    return outline || (s.boxShadow && s.boxShadow !== 'none');
  };
  return shown(a) || shown(a.closest('label')) || shown(a.closest('.wai-option'));
}"""


def active(page: Any) -> dict[str, Any] | None:
    return page.evaluate(ACTIVE_JS)


def assert_focus_visible(page: Any) -> None:
    assert page.evaluate(FOCUS_STYLE_JS), f"no visible focus indicator on {active(page)}"


def tab_until(page: Any, predicate: Any, what: str, key: str = "Tab") -> dict[str, Any]:
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        now = active(page)
        if now and predicate(now):
            return now
    raise AssertionError(f"{what} never received focus by {key}; last focus {active(page)}")


def answer_radios(page: Any, prefix: str, responses: list[int]) -> None:
    """Focus is on the first radio of item 1 (prefix-item-1); answer each item with Space + arrows."""
    for number, value in enumerate(responses, start=1):
        now = active(page)
        assert now and now["type"] == "radio" and now["name"] == f"{prefix}-item-{number}", (number, now)
        if number == 1:
            assert_focus_visible(page)
        page.keyboard.press("Space")  # selects the focused radio (the first one, an unanswered group)
        for _ in range(value - int(active(page)["value"])):
            page.keyboard.press("ArrowRight")
        chosen = active(page)
        assert chosen["value"] == str(value), (number, chosen)
        if number < len(responses):
            page.keyboard.press("Tab")  # out of this group, into the next one


def press_button(page: Any, root: Any, name: str, key: str = "Enter") -> None:
    tab_until(page, lambda a: a["tag"] == "BUTTON" and a["text"] == name, f"the {name!r} button")
    assert_focus_visible(page)
    page.keyboard.press(key)


def live_region(root: Any, selector: str = ".wai-results") -> Any:
    region = root.locator(selector)
    assert region.get_attribute("aria-live") == "polite", f"{selector} is not a polite live region"
    return region


def test_score_widget_by_keyboard(widget_page: WidgetPage, recorder) -> None:
    page = widget_page.page
    widget_page.open("practice/score/?form=wai-s")
    root = widget_page.widget()
    region = live_region(root)
    assert region.inner_text().strip() == ""
    root.locator('select[data-role="form-select"]').focus()
    assert_focus_visible(page)
    tab_until(page, lambda a: a["type"] == "radio", "the first radio button")
    responses = random_responses("wai-s", seed=21)
    answer_radios(page, "wai-score-wai-s", responses)
    assert widget_page.answers() == responses
    press_button(page, root, "Score")
    region.locator("table").wait_for()
    assert_table_matches(widget_page.results(), expected_rows("wai-s", responses))
    recorder.assert_clean()


def test_case_widget_by_keyboard(widget_page: WidgetPage) -> None:
    page = widget_page.page
    widget_page.open("practice/cases/?form=wai-s&seed=17&profile=random")
    root = widget_page.widget()
    root.locator(".wai-case *").first.wait_for()
    feedback = live_region(root, ".wai-feedback")
    case = cases.generate("wai-s", 17, "random").to_dict()
    key = case["result"]
    values = {f"{row}_sum": key["subscales"][row]["sum"] for row in ("goal", "task", "bond")}
    values |= {f"{row}_mean": key["subscales"][row]["mean"] for row in ("goal", "task", "bond")}
    values["total_sum"], values["total_mean"] = key["total"]["sum"], key["total"]["mean"]
    root.locator('input[data-role="seed"]').focus()
    typed = set()
    while len(typed) < 8:
        now = tab_until(page, lambda a: a["answer"] is not None, "an answer box")
        name = now["answer"]
        if name in typed:
            break
        value = values[name]
        text = str(int(value)) if name.endswith("_sum") and float(value).is_integer() else f"{value:.2f}"
        page.keyboard.type(text)
        typed.add(name)
    assert typed == set(values), typed
    press_button(page, root, "Check answers")
    feedback.locator("li").first.wait_for()
    wrong = feedback.locator("li[data-mistake]")
    assert wrong.count() == 0, wrong.all_inner_texts()
    assert feedback.inner_text().strip()


def test_compare_widget_by_keyboard(widget_page: WidgetPage) -> None:
    page = widget_page.page
    widget_page.open("practice/compare/?patient=wai-s&therapist=wai-t")
    root = widget_page.widget()
    region = live_region(root)
    patient, therapist = random_responses("wai-s", seed=31), random_responses("wai-t", seed=32)
    root.locator('.wai-compare-side[data-side="patient"] select[data-role="form-select"]').focus()
    tab_until(page, lambda a: a["type"] == "radio", "the patient's first radio button")
    answer_radios(page, "wai-compare-patient-wai-s", patient)
    tab_until(page, lambda a: a["type"] == "radio" and "therapist" in (a["name"] or ""),
              "the therapist's first radio button")
    answer_radios(page, "wai-compare-therapist-wai-t", therapist)
    press_button(page, root, "Compare", key="Space")
    region.locator("table").first.wait_for()
    data = scorer.compare(scorer.score("wai-s", patient), scorer.score("wai-t", therapist)).to_dict()
    text = region.inner_text()
    total = data.get("total") or data.get("rows", {}).get("total") or {}
    diff = total.get("difference")
    if diff is not None:
        assert f"{abs(diff):.2f}" in text, (diff, text[:400])


def test_exercise_widget_by_keyboard(widget_page: WidgetPage) -> None:
    page = widget_page.page
    widget_page.open("exercises/clear-cut/")
    root = widget_page.widget()
    region = live_region(root)
    exercise = json.loads(root.locator("script.wai-exercise-data").text_content())
    sheet = exercise.get("sheet", exercise)
    form_id = sheet.get("form") or exercise["form"]
    responses = sheet.get("responses") or exercise["responses"]
    result = scorer.score(form_id, responses).to_dict()

    def expected(key: str) -> str:
        row, kind = key.split("_")
        cell = result["total"] if row == "total" else result["subscales"][row]
        value = cell[kind]
        return str(int(value)) if kind == "sum" and float(value).is_integer() else f"{value:.2f}"

    inputs = root.locator("input[data-key]")
    inputs.first.focus()
    for i in range(inputs.count()):
        now = active(page)
        assert now and now["answer"], now
        if i == 0:
            assert_focus_visible(page)
        page.keyboard.type(expected(now["answer"]))
        if i < inputs.count() - 1:
            tab_until(page, lambda a: a["answer"] is not None, "the next answer box")
    press_button(page, root, "Check")
    region.locator("*").first.wait_for()
    assert root.get_attribute("data-result") == "correct", region.inner_text()[:400]


def test_self_assessment_by_keyboard(widget_page: WidgetPage) -> None:
    page = widget_page.page
    widget_page.open("practice/self-assessment/")
    root = widget_page.widget()
    region = live_region(root)
    root.locator('input[data-role="patient-label"]').focus()
    page.keyboard.type("knee 3")
    tab_until(page, lambda a: a["type"] == "radio", "the first WAI-T radio button")
    responses = random_responses("wai-t", seed=41)
    answer_radios(page, "wai-self-assessment-wai-t", responses)
    press_button(page, root, "Score")
    region.locator("table").first.wait_for()
    shown = widget_page.results()
    assert_table_matches(shown, expected_rows("wai-t", responses))
