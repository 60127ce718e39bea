"""The one number formatter: how sums, means, coordinates and lists are written everywhere."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scorer.core.numbers import (
    and_list,
    coordinate,
    exact,
    item_list,
    json_sum,
    key_value,
    mean,
    number,
    rounded,
)


def test_sums_are_whole_unless_prorated() -> None:
    assert number(48) == "48" and number(48.0) == "48" and number(25.333333) == "25.33"
    assert number(25.333333, digits=4) == "25.3333"
    assert number(None) == "not scorable" and number(None, none="") == ""


def test_means_always_keep_their_decimals() -> None:
    assert mean(4.0) == "4.00" and mean(4.125, digits=4) == "4.1250"
    assert mean(None) == "not scorable" and mean(None, none="—") == "—"


def test_an_answer_value_is_written_by_its_kind() -> None:
    assert key_value(4.0, "goal_mean") == "4.00" and key_value(48.0, "goal_sum") == "48"
    assert key_value(None, "total_mean") == "not scorable"
    assert exact(48) == "48" and exact(48.0) == "48.00"


def test_json_and_csv_values() -> None:
    assert json_sum(None) is None and json_sum(7) == 7 and json_sum(7.0) == 7 and json_sum(7.123456) == 7.1235
    assert isinstance(json_sum(7.0), int)
    assert rounded(None) == "" and rounded(1 / 3) == 0.3333


def test_lists_in_sentences() -> None:
    assert and_list([]) == "" and and_list(["a"]) == "a" and and_list(["a", "b", "c"]) == "a, b and c"
    assert item_list([4, 6, 8, 11]) == "4, 6, 8 and 11"


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_coordinates_have_at_most_one_decimal_and_no_trailing_zero(x: float) -> None:
    text = coordinate(x)
    assert not text.endswith(".0")
    assert abs(float(text) - x) <= 0.05 + 1e-9
    assert len(text.partition(".")[2]) <= 1
