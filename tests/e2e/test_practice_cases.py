"""Practice cases (practice/cases/): the case is the generator's, and the self-check's feedback names
the mistake that scorer.check finds for the same answers."""

from __future__ import annotations

import re
from typing import Any

from expect import unreversed_sums
from pages import WidgetPage

import scorer
from scorer import cases

FORM, SEED = "wai", 17


def open_case(widget_page: WidgetPage) -> cases.Case:
    widget_page.open(f"practice/cases/?form={FORM}&seed={SEED}")
    # The build renders a default case; once Python is ready the page draws the one the URL names.
    card = widget_page.widget().locator(f'.wai-case-card[data-form="{FORM}"][data-seed="{SEED}"]')
    card.wait_for(timeout=15_000)
    case = cases.generate(FORM, SEED, card.get_attribute("data-profile") or "random")
    shown = card.locator("td.wai-sheet-answer").evaluate_all("tds => tds.map(t => t.dataset.value)")
    assert [int(v) if v else None for v in shown] == list(case.responses)
    return case


def enter(widget_page: WidgetPage, answers: dict[str, Any]) -> str:
    root = widget_page.widget()
    for key, value in answers.items():
        root.locator(f'input[data-answer="{key}"]').fill(str(value))
    root.get_by_role("button", name="Check answers", exact=True).click()
    feedback = root.locator(".wai-feedback")
    feedback.locator("li").first.wait_for(timeout=10_000)
    return " ".join(feedback.inner_text().split())


def formatted(sums: dict[str, float], form: scorer.Form) -> dict[str, str]:
    answers = {f"{name}_sum": str(int(total)) for name, total in sums.items()}
    sizes = {name: len(items) for name, items in form.subscales.items()}
    sizes["total"] = form.n_items
    answers |= {f"{name}_mean": f"{sums[name] / sizes[name]:.2f}" for name in sums}
    return answers


def test_forgotten_reverse_keying_gets_that_diagnosis(widget_page: WidgetPage, recorder) -> None:
    case = open_case(widget_page)
    form = scorer.get_form(FORM)
    assert None not in case.responses  # the wrong answers below assume a complete sheet
    answers = formatted(unreversed_sums(FORM, case.responses), form)
    numbers = {k: float(v) if "." in v else int(v) for k, v in answers.items()}
    expected = scorer.check(FORM, list(case.responses), numbers).to_dict()
    diagnosed = {k: v["mistake"] for k, v in expected["verdicts"].items()
                 if not v["correct"] and v.get("mistake", {}).get("code") == "reverse_forgotten"}
    assert diagnosed, f"the scorer itself does not call these answers a reversal slip: {expected}"

    text = enter(widget_page, answers)
    for key, mistake in diagnosed.items():
        li = widget_page.widget().locator(f'.wai-feedback li[data-answer="{key}"]')
        assert li.get_attribute("data-mistake") == "reverse_forgotten", key
        assert " ".join(mistake["message"].split()) in text, (key, mistake["message"], text)
    assert re.search(r"revers", text, re.IGNORECASE)
    recorder.assert_clean()


def test_correct_answers_are_all_correct(widget_page: WidgetPage, recorder) -> None:
    case = open_case(widget_page)
    data = case.result.to_dict()
    rows = {**data["subscales"], "total": data["total"]}
    answers = {f"{n}_sum": str(int(r["sum"])) for n, r in rows.items()}
    answers |= {f"{n}_mean": f"{r['mean']:.2f}" for n, r in rows.items()}
    enter(widget_page, answers)
    root = widget_page.widget()
    assert root.locator(".wai-feedback li.wai-wrong").count() == 0
    assert root.locator(".wai-feedback li.wai-correct").count() == 8
    recorder.assert_clean()
