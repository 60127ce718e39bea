"""Patient and therapist (practice/compare/): both sides score like the scorer, and the discrepancy
the page reports is scorer.compare's."""

from __future__ import annotations

from expect import assert_table_matches, expected_rows, random_responses
from pages import WidgetPage

import scorer


def test_both_sides_and_the_gap_match_the_scorer(widget_page: WidgetPage, recorder) -> None:
    patient = random_responses("wai", seed=101)
    therapist = random_responses("wai-t", seed=202)
    widget_page.open("practice/compare/")
    assert widget_page.items(form="wai") == list(range(1, 37))
    assert widget_page.items(form="wai-t") == list(range(1, 37))
    widget_page.fill(patient, form="wai")
    widget_page.fill(therapist, form="wai-t")
    root = widget_page.widget()
    root.get_by_role("button", name="Compare", exact=True).click()
    root.locator(".wai-results table").first.wait_for(timeout=10_000)

    assert_table_matches(widget_page.results(caption="Patient"), expected_rows("wai", patient))
    assert_table_matches(widget_page.results(caption="Therapist"), expected_rows("wai-t", therapist))

    comparison = scorer.compare(scorer.score("wai", patient), scorer.score("wai-t", therapist)).to_dict()
    text = " ".join(root.locator(".wai-results").evaluate("e => e.textContent").split())
    rows = {**comparison["subscales"], "total": comparison["total"]}
    for name, row in rows.items():
        difference = row.get("difference")
        if difference is not None:
            shown = f"{abs(difference):.2f}"
            assert shown in text, (name, shown, text[:2000])
    recorder.assert_clean()
