"""Practice-case feedback as the student sees it (ux-review.md L5, L9): a value is echoed exactly as
typed ("4.250" is not shown back as "4.25"), and Enter in an answer box checks."""

from __future__ import annotations

from pages import WidgetPage
from playwright.sync_api import expect

from scorer import cases

FORM, SEED, PROFILE = "wai-s", 17, "random"


def test_enter_checks_and_the_value_comes_back_as_typed(widget_page: WidgetPage) -> None:
    wp = widget_page.open(f"practice/cases/?form={FORM}&seed={SEED}&profile={PROFILE}")
    root = wp.widget()
    root.locator(f'.wai-case-card[data-seed="{SEED}"]').wait_for()
    mean = cases.generate(FORM, SEED, PROFILE).result.subscales["goal"].mean
    assert mean is not None
    typed = f"{mean:.2f}0"  # right to two decimals, with a trailing zero Python would drop
    box = root.locator('input[data-answer="goal_mean"]')
    box.fill(typed)
    box.press("Enter")
    verdict = root.locator('.wai-feedback li[data-answer="goal_mean"]')
    expect(verdict).to_have_class("wai-correct")
    assert f"({typed})" in verdict.inner_text(), verdict.inner_text()
