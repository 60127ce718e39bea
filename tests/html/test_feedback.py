"""scorer.html.feedback: the self-check's verdicts as the student sees them."""

from __future__ import annotations

from scorer import check
from scorer.core.cases import generate
from scorer.html.feedback import feedback_html


def _checked(typed: dict[str, str]) -> dict:
    case = generate("wai-s", 17, "strong")
    return check("wai-s", list(case.responses), {k: float(v) for k, v in typed.items()}).to_dict()


def test_a_value_is_echoed_as_typed() -> None:
    case = generate("wai-s", 17, "strong")
    right = case.result.subscales["goal"].mean
    typed = {"goal_mean": f"{right:.2f}0", "bond_sum": "2.00"}
    html = feedback_html(_checked(typed), typed)
    assert f"({right:.2f}0)" in html  # the correct mean, shown with the zeros the student typed
    assert "(you gave 2.00)" in html


def test_without_typed_text_the_parsed_number_is_shown() -> None:
    html = feedback_html(_checked({"bond_sum": "2.00"}))
    assert "(you gave 2.0)" in html
