"""The one subscale rule: scoring, the self-check's procedures and the batch scorer all follow it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scorer import get_form, score
from scorer.core.answers import ANSWER_KEYS, PARTS
from scorer.core.batch import RowScorer
from scorer.core.forms import FORM_IDS, SUBSCALES
from scorer.core.procedures import values_under
from scorer.core.subscales import DEFAULT_MAX_MISSING, allowed_missing, subscale_score, total_score


def test_complete_subscale_sums_and_averages() -> None:
    part = subscale_score([7, 1, 4, 4])
    assert (part.sum, part.mean, part.answered, part.items, part.prorated) == (16, 4.0, 4, 4, False)
    assert isinstance(part.sum, int)


def test_missing_answers_are_prorated_up_to_the_threshold() -> None:
    part = subscale_score([7, None, 4, 4, 5, 5, 5, 5, 5, 5, None, None])  # 3 of 12 missing: allowed
    assert part.prorated and part.answered == 9
    assert part.mean == 45 / 9 and part.sum == 45 * 12 / 9
    assert not subscale_score([7, None, None, 4]).scorable  # 2 of 4 missing: past 25 %
    assert not subscale_score([None, None, None, None], 1.0).scorable  # nothing answered


def test_the_threshold_counts_whole_items() -> None:
    assert allowed_missing(12, DEFAULT_MAX_MISSING) == 3
    assert allowed_missing(4, DEFAULT_MAX_MISSING) == 1
    assert allowed_missing(3, DEFAULT_MAX_MISSING) == 0


def test_the_total_needs_every_subscale() -> None:
    parts = [subscale_score([4, 4, 4, 4]), subscale_score([5, 5, 5, None]), subscale_score([6, 6, 6, 6])]
    total = total_score(parts, 12, 11)
    assert total.sum == 16 + 20.0 + 24 and total.mean == total.sum / 12 and total.prorated
    broken = total_score([*parts[:2], subscale_score([None, None, 6, 6])], 12, 9)
    assert broken.sum is None and broken.mean is None and broken.answered == 9


@st.composite
def sheets(draw: st.DrawFn) -> tuple[str, list[int | None]]:
    form = get_form(draw(st.sampled_from(FORM_IDS)))
    answer = st.integers(form.scale.min, form.scale.max)
    return form.id, draw(st.lists(st.one_of(answer, st.none()), min_size=form.n_items, max_size=form.n_items))


@given(sheets())
def test_score_is_the_rule_applied_to_the_keyed_answers(sheet: tuple[str, list[int | None]]) -> None:
    form_id, responses = sheet
    result = score(form_id, responses)
    form = result.form
    for name in SUBSCALES:
        assert result.subscales[name] == subscale_score([result.keyed[i - 1] for i in form.subscales[name]])


@given(sheets())
def test_the_self_checks_procedures_use_the_same_rule(sheet: tuple[str, list[int | None]]) -> None:
    """Done with the right key and reversal, the procedures' arithmetic gives the scorer's values."""
    form_id, responses = sheet
    result = score(form_id, responses)
    form = result.form
    flip = form.scale.min + form.scale.max
    values = values_under(form, result.responses, form.subscales, form.reverse, lambda x: flip - x)
    for part in PARTS:
        expected = result.total if part == "total" else result.subscales[part]
        assert values[f"{part}_sum"] == expected.sum
        if expected.mean is None:
            assert values[f"{part}_mean"] is None
        else:
            assert abs(values[f"{part}_mean"] - expected.mean) < 1e-12  # type: ignore[operator]
    assert set(values) == set(ANSWER_KEYS)


@given(st.sampled_from(FORM_IDS), st.data())
def test_the_batch_fast_path_equals_the_rule(form_id: str, data: st.DataObject) -> None:
    form = get_form(form_id)
    answers = data.draw(st.lists(st.integers(form.scale.min, form.scale.max),
                                 min_size=form.n_items, max_size=form.n_items))
    rows = RowScorer(form, [f"item{i}" for i in range(1, form.n_items + 1)])
    cells = [str(a) for a in answers]
    assert rows._fast_offsets(cells) is not None  # the fast path is the one under test
    scores, keyed = rows.score_row(cells)
    parts = [subscale_score([keyed[i - 1] for i in form.subscales[name]]) for name in SUBSCALES]
    total = total_score(parts, form.n_items, form.n_items)
    assert list(scores) == [*(p.sum for p in parts), total.sum, *(p.mean for p in parts), total.mean]
