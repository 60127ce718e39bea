"""Facts about a form's key (the pages' placeholders) and the model of students' wrong procedures."""

from __future__ import annotations

import pytest

from scorer import check, get_form, score
from scorer.core.cases import generate
from scorer.core.facts import FactError, fact_value
from scorer.core.forms import FORM_IDS
from scorer.core.mistakes import wrong_attempts


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("wai-s.items", "12"),
        ("wai.scale", "1–7"),
        ("wai-sr.scale", "1–5"),
        ("wai-s.reverse", "4 and 10"),
        ("wai-sr.reverse", "none"),
        ("wai.count.reverse", "14"),
        ("wai.range.total", "36–252"),
        ("wai-s.missing.subscale", "1"),
    ],
)
def test_facts_follow_the_data_files(path: str, expected: str) -> None:
    assert fact_value(path) == expected


def test_reverse_facts_are_the_forms_own_reverse_items() -> None:
    for form_id in FORM_IDS:
        form = get_form(form_id)
        listed = fact_value(f"{form_id}.reverse")
        assert listed == "none" if not form.reverse else all(str(i) in listed for i in form.reverse)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("nope.items", "unknown form"),
        ("wai-s", "name a fact"),
        ("wai-s.colour", "unknown fact"),
        ("wai-s.subscale.mood", "unknown subscale"),
        ("wai.all-top.subscale", "unknown fact"),
    ],
)
def test_a_path_that_names_no_fact_says_why(path: str, reason: str) -> None:
    with pytest.raises(FactError, match=reason):
        fact_value(path)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_wrong_attempt_is_wrong_and_most_are_recognised(form_id: str) -> None:
    responses = list(generate(form_id, 5, "random").responses)
    result = score(form_id, responses)
    groups = wrong_attempts(get_form(form_id), responses)
    assert {code for code, _ in groups} >= {"sum_mean_confused", "wrong_subscale", "arithmetic_slip"}
    recognised = set()
    for code, variants in groups:
        for _what, answers, key in variants:
            part, kind = key.split("_")
            right = getattr(result.total if part == "total" else result.subscales[part], kind)
            verdict = check(form_id, responses, answers).verdicts[key]
            if answers[key] == right:  # e.g. a forgotten reversal of answers on the midpoint
                assert verdict.correct
                continue
            assert not verdict.correct
            if verdict.mistake is not None and verdict.mistake.code == code:
                recognised.add(code)
    assert len(recognised) >= len(groups) // 2  # two mistakes can give the same number
