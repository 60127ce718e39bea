"""Score a questionnaire (practice/score/): the page's numbers are the scorer's numbers."""

from __future__ import annotations

import pytest
from expect import assert_table_matches, expected_rows, random_responses, unreversed_sums
from pages import WidgetPage

import scorer


def test_filling_the_36_item_form_gives_the_right_scores(widget_page: WidgetPage, recorder) -> None:
    responses = random_responses("wai", seed=36)
    expected = expected_rows("wai", responses)
    # The chosen answers must tell correct keying from forgotten reversal, or the test proves little.
    assert expected["total"]["sum"] != unreversed_sums("wai", responses)["total"]

    widget_page.open("practice/score/?form=wai")
    assert widget_page.items() == list(range(1, 37))
    for n in (1, 18, 36):
        assert widget_page.legend(n).startswith(f"Item {n}")
    widget_page.fill(responses)
    assert widget_page.answers() == responses
    assert_table_matches(widget_page.score(), expected)
    recorder.assert_clean()


@pytest.mark.parametrize("form_id", ["wai-t", "wai-s", "wai-sr"])
def test_other_forms_score_like_the_scorer(widget_page: WidgetPage, recorder, form_id: str) -> None:
    form = scorer.get_form(form_id)
    responses = random_responses(form_id, seed=len(form_id))
    widget_page.open(f"practice/score/?form={form_id}")
    assert widget_page.items() == [item.number for item in form.items]
    widget_page.fill(responses)
    assert_table_matches(widget_page.score(), expected_rows(form_id, responses))
    recorder.assert_clean()


def test_missing_answers_are_prorated_or_unscorable(widget_page: WidgetPage, recorder) -> None:
    form = scorer.get_form("wai")
    responses: list[int | None] = list(random_responses("wai", seed=7))
    goal, bond = form.subscales["goal"], form.subscales["bond"]
    for n in goal[:2]:  # 2 of 12 missing: pro-rated
        responses[n - 1] = None
    for n in bond[:4]:  # 4 of 12 missing: past the 25 % limit, not scorable (nor the total)
        responses[n - 1] = None
    expected = expected_rows("wai", responses)
    assert expected["goal"]["prorated"] and expected["bond"]["sum"] is None

    widget_page.open("practice/score/?form=wai")
    widget_page.fill(responses)
    assert_table_matches(widget_page.score(), expected)
    recorder.assert_clean()


def test_a_pasted_row_fills_the_form(widget_page: WidgetPage, recorder) -> None:
    form = scorer.get_form("wai-sr")
    responses: list[int | None] = list(random_responses("wai-sr", seed=5))
    responses[2] = None
    row = ", ".join("NA" if v is None else str(v) for v in responses)
    widget_page.open("practice/score/?form=wai-sr")
    root = widget_page.widget()
    root.locator("details.wai-paste > summary").click()
    root.locator('textarea[data-role="paste"]').fill(row)
    root.get_by_role("button", name="Fill the form", exact=True).click()
    checked = "n => document.querySelectorAll('.wai-form-panel:not([hidden]) :checked').length === n"
    widget_page.page.wait_for_function(checked, arg=form.n_items - 1, timeout=10_000)
    assert widget_page.answers() == responses
    assert_table_matches(widget_page.score(), expected_rows("wai-sr", responses))
    recorder.assert_clean()
