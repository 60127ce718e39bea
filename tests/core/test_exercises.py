"""scorer.exercises: one test per validation error type, and the resolved exercise (pure; runs in Pyodide)."""

from __future__ import annotations

from typing import Any

import pytest

from scorer.core.cases import generate
from scorer.core.errors import ScorerError
from scorer.core.exercises import (
    COMPUTE_KEYS,
    DEFAULT_ATTEMPTS,
    ExerciseError,
    parse_exercise,
    parse_exercises,
)
from scorer.core.scoring import score

WAI_S = [5, 5, 6, 1, 5, 5, 7, 5, 6, 2, 7, 6]
WAI_T = [2, 4, 4, 4, 6, 3, 4, 6, 4, 3, 4, 5, 4, 5, 4, 4, 5, 4,
         4, 3, 4, 4, 6, 3, 3, 4, 4, 4, 2, 5, 5, 5, 4, 4, 4, 4]


def good(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "shoulder-1",
        "title": "Frozen shoulder",
        "form": "wai-s",
        "vignette": "A 58-year-old with a stiff shoulder.",
        "responses": list(WAI_S),
    }
    for key, value in changes.items():
        if value is ...:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def error(**changes: Any) -> ExerciseError:
    with pytest.raises(ExerciseError) as info:
        parse_exercise(good(**changes))
    return info.value


# --- a valid exercise --------------------------------------------------------------------------


def test_valid_exercise_resolves_and_keys_match_the_scorer() -> None:
    exercise = parse_exercise(good(attempts=3, level="clear-cut", notes="n"))
    assert exercise.id == "shoulder-1"
    assert exercise.sheet.responses == tuple(WAI_S)
    assert exercise.sheet.compute == COMPUTE_KEYS  # default: every value
    assert exercise.attempts == 3
    result = score("wai-s", WAI_S)
    expected = exercise.sheet.expected()
    assert expected["goal_sum"] == result.subscales["goal"].sum
    assert expected["total_mean"] == result.total.mean


def test_defaults() -> None:
    exercise = parse_exercise(good(title=...))
    assert exercise.attempts == DEFAULT_ATTEMPTS == 2
    assert exercise.title  # a title is derived from the form
    assert exercise.level is None and exercise.pair is None


def test_compute_is_kept_in_display_order() -> None:
    exercise = parse_exercise(good(compute=["total_mean", "goal_sum"]))
    assert exercise.sheet.compute == ("goal_sum", "total_mean")


def test_seeded_exercise_uses_the_case_generator() -> None:
    exercise = parse_exercise(good(responses=..., seed=2718, profile="strong"))
    assert exercise.sheet.responses == generate("wai-s", 2718, "strong").responses
    assert exercise.sheet.seed == 2718 and exercise.sheet.profile == "strong"


def test_seed_without_profile_means_random() -> None:
    exercise = parse_exercise(good(responses=..., seed=5))
    assert exercise.sheet.profile == "random"
    assert exercise.sheet.responses == generate("wai-s", 5, "random").responses


def test_missing_answers_null_and_blank() -> None:
    responses = list(WAI_S)
    responses[6] = None
    responses[0] = "  "
    exercise = parse_exercise(good(responses=responses))
    assert exercise.sheet.responses[6] is None and exercise.sheet.responses[0] is None
    assert exercise.sheet.result.subscales["bond"].prorated


def test_pair_exercise() -> None:
    exercise = parse_exercise(good(level="pair", pair={"form": "wai-t", "responses": WAI_T}))
    assert exercise.pair is not None and exercise.pair.form_id == "wai-t"
    assert exercise.pair.compute == exercise.sheet.compute


def test_to_dict_round_trips() -> None:
    exercise = parse_exercise(good(pair={"form": "wai-t", "responses": WAI_T, "compute": ["goal_mean"]}))
    again = parse_exercise(exercise.to_dict())
    assert again == exercise


def test_seeded_to_dict_parses_again_as_its_responses() -> None:
    exercise = parse_exercise(good(responses=..., seed=31, profile="weak-bond",
                                   pair={"form": "wai-t", "seed": 8, "profile": "strong"}))
    data = exercise.to_dict()
    assert "seed" not in data and "seed" not in data["pair"]
    again = parse_exercise(data)
    assert again.sheet.responses == exercise.sheet.responses
    assert again.pair is not None and exercise.pair is not None
    assert again.pair.responses == exercise.pair.responses
    assert again.sheet.expected() == exercise.sheet.expected()


# --- one test per error type -------------------------------------------------------------------


def test_error_is_a_scorer_error_with_field_and_reason() -> None:
    exc = error(form="wai-x")
    assert isinstance(exc, ScorerError)
    assert exc.field == ("form",)
    assert str(exc) == f"form: {exc.reason}"


def test_unknown_form() -> None:
    exc = error(form="wai-q")
    assert exc.field == ("form",)
    assert "unknown form 'wai-q'" in exc.reason and "wai-sr" in exc.reason


def test_missing_form() -> None:
    assert error(form=...).field == ("form",)


def test_wrong_number_of_responses() -> None:
    exc = error(responses=WAI_S[:11])
    assert exc.field == ("responses",)
    assert "has 12 items, but 11 answers were given" in exc.reason


def test_value_out_of_range_names_the_item() -> None:
    exc = error(responses=[*WAI_S[:4], 8, *WAI_S[5:]])
    assert exc.field == ("responses", 4)
    assert exc.where == "responses[5]"
    assert "item 5" in exc.reason and "out of range" in exc.reason and "1-7" in exc.reason


def test_value_out_of_range_on_a_1_to_5_form() -> None:
    exc = error(form="wai-sr", responses=[3] * 11 + [6])
    assert exc.field == ("responses", 11)
    assert "1-5" in exc.reason


def test_value_not_a_whole_number() -> None:
    exc = error(responses=[*WAI_S[:2], "often", *WAI_S[3:]])
    assert exc.field == ("responses", 2)
    assert "not a whole number" in exc.reason
    assert error(responses=[*WAI_S[:2], 2.5, *WAI_S[3:]]).field == ("responses", 2)
    assert error(responses=[*WAI_S[:2], True, *WAI_S[3:]]).field == ("responses", 2)


def test_responses_not_a_list() -> None:
    assert error(responses="5 5 6 1").field == ("responses",)


def test_unknown_field() -> None:
    exc = error(colour="red")
    assert exc.field == ("colour",)
    assert "unknown field 'colour'" in exc.reason


def test_missing_vignette() -> None:
    exc = error(vignette=...)
    assert exc.field == ("vignette",)
    assert "required" in exc.reason


def test_blank_vignette() -> None:
    assert error(vignette="   ").field == ("vignette",)


def test_missing_or_bad_id() -> None:
    assert error(id=...).field == ("id",)
    exc = error(id="Knee Case")
    assert exc.field == ("id",) and "slug" in exc.reason


def test_bad_compute_key() -> None:
    exc = error(compute=["goal_sum", "goal_total"])
    assert exc.field == ("compute", 1)
    assert "bad compute key 'goal_total'" in exc.reason


def test_duplicate_compute_key() -> None:
    assert error(compute=["goal_sum", "goal_sum"]).field == ("compute", 1)


def test_empty_compute() -> None:
    assert error(compute=[]).field == ("compute",)


def test_seed_and_responses_both_given() -> None:
    exc = error(seed=3)
    assert exc.field == ("seed",)
    assert "not both" in exc.reason


def test_neither_seed_nor_responses() -> None:
    exc = error(responses=...)
    assert exc.field == ("responses",) and "required" in exc.reason


def test_bad_seed_and_profile() -> None:
    assert error(responses=..., seed=-1).field == ("seed",)
    assert error(responses=..., seed="12").field == ("seed",)
    exc = error(responses=..., seed=1, profile="grumpy")
    assert exc.field == ("profile",) and "unknown profile" in exc.reason
    assert error(profile="strong").field == ("profile",)  # a profile needs a seed


def test_bad_attempts() -> None:
    for bad in (0, -1, 11, "two", 1.5, True):
        assert error(attempts=bad).field == ("attempts",)


def test_bad_level() -> None:
    exc = error(level="easy")
    assert exc.field == ("level",) and "clear-cut" in exc.reason


def test_value_cannot_be_computed_with_too_many_missing() -> None:
    responses = list(WAI_S)
    responses[0] = responses[1] = None  # two of the four Task items
    exc = error(responses=responses, compute=["task_mean"])
    assert exc.field == ("responses",)
    assert "task_mean cannot be computed" in exc.reason
    # asking only for what can be scored is fine
    assert parse_exercise(good(responses=responses, compute=["goal_mean", "bond_sum"]))


def test_all_answers_missing() -> None:
    assert error(responses=[None] * 12).field == ("responses",)


def test_pair_errors() -> None:
    assert error(pair="wai-t").field == ("pair",)
    exc = error(pair={"form": "wai-s", "responses": WAI_S})
    assert exc.field == ("pair", "form") and "therapist" in exc.reason
    exc = error(pair={"form": "wai-t", "responses": WAI_T[:35]})
    assert exc.field == ("pair", "responses")
    exc = error(pair={"form": "wai-t", "responses": WAI_T, "vignette": "x"})
    assert exc.field == ("pair", "vignette") and "unknown field" in exc.reason
    assert error(level="pair").field == ("pair",)
    exc = error(form="wai-t", responses=WAI_T, pair={"form": "wai-t", "responses": WAI_T})
    assert exc.field == ("form",)


def test_text_fields_must_be_text() -> None:
    assert error(title=12).field == ("title",)
    assert error(notes=["a"]).field == ("notes",)


def test_not_a_mapping() -> None:
    with pytest.raises(ExerciseError):
        parse_exercise(["id", "form"])


# --- lists of exercises ------------------------------------------------------------------------


def test_parse_exercises_indexes_by_id_and_locates_errors() -> None:
    found = parse_exercises({"exercises": [good(), good(id="other")]})
    assert list(found) == ["shoulder-1", "other"]
    with pytest.raises(ExerciseError) as info:
        parse_exercises([good(), good()])
    assert info.value.field == (1, "id") and "duplicate" in info.value.reason
    with pytest.raises(ExerciseError) as info:
        parse_exercises([good(), good(id="b", form="nope")])
    assert info.value.field == (1, "form")


@pytest.mark.parametrize("seed", [2**64, 10**5000], ids=["2**64", "10**5000"])
def test_a_seed_past_the_generator_range_is_an_exercise_error(seed):
    from scorer.core.exercises import ExerciseError, parse_exercise

    with pytest.raises(ExerciseError) as caught:
        parse_exercise({"id": "x", "vignette": "A knee.", "form": "wai", "seed": seed})
    assert "seed" in str(caught.value) and "18446744073709551615" in str(caught.value)
