"""The forms' data files against the reference key sheet, and the validation that guards them."""

from __future__ import annotations

import copy
import dataclasses
import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scorer
from scorer.core.forms import FORM_IDS, SUBSCALES, form_from_dict

# Our form id -> its entry in the reference sheet (tests/data/wai-keys.json).
REFERENCE = {"wai": "wai_c36", "wai-t": "wai_t36", "wai-s": "wai_s_c", "wai-sr": "wai_sr_c"}


def raw_data(form_id: str) -> dict:
    text = resources.files("scorer.core").joinpath("instruments", f"{form_id}.json").read_text("utf-8")
    return json.loads(text)


def test_forms_in_public_order() -> None:
    assert [f.id for f in scorer.forms()] == ["wai", "wai-t", "wai-s", "wai-sr"]
    assert tuple(f.id for f in scorer.forms()) == FORM_IDS


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_key_matches_reference_sheet(form_id: str, reference_keys: dict) -> None:
    form = scorer.get_form(form_id)
    ref = reference_keys[REFERENCE[form_id]]
    assert form.n_items == ref["items"]
    assert list(form.subscales) == ["goal", "task", "bond"]
    for name in SUBSCALES:
        assert sorted(form.subscales[name]) == sorted(ref["subscales"][name]), name
    assert form.reverse == frozenset(ref["reverse"])
    assert form.scale.min == ref["scale"]["min"]
    assert form.scale.max == ref["scale"]["max"]
    assert list(form.scale.anchors) == ref["scale"]["anchors"]
    for item in form.items:
        assert item.subscale == next(n for n in SUBSCALES if item.number in ref["subscales"][n])
        assert item.reversed == (item.number in ref["reverse"])


@pytest.mark.parametrize("form_id", ["wai-s", "wai-sr"])
def test_short_form_parents_match_reference(form_id: str, reference_keys: dict) -> None:
    form = scorer.get_form(form_id)
    assert [it.parent for it in form.items] == reference_keys[REFERENCE[form_id]]["maps_to_wai_c36_items"]
    long_form = scorer.get_form("wai")
    for item in form.items:
        # A short-form item carries its parent's gist.
        assert item.gist == long_form.item(item.parent).gist


@pytest.mark.parametrize("form_id", ["wai", "wai-t"])
def test_long_forms_have_no_parents(form_id: str) -> None:
    assert all(it.parent is None for it in scorer.get_form(form_id).items)


def test_sheet_boundary_facts_hold_for_the_key() -> None:
    """Per-subscale reverse counts stated by the sheet (Task 5, Bond 3, Goal 6)."""
    form = scorer.get_form("wai")
    counts = {n: sum(i in form.reverse for i in form.subscales[n]) for n in SUBSCALES}
    assert counts == {"goal": 6, "task": 5, "bond": 3}
    assert len(form.reverse) == 14


def test_known_key_differences_between_short_forms() -> None:
    ws, wsr = scorer.get_form("wai-s"), scorer.get_form("wai-sr")
    # The same sentence (long-form item 24) is Task on the WAI-S and Goal on the WAI-SR.
    assert ws.item(8).parent == wsr.item(8).parent == 24
    assert ws.subscale_of(8) == "task" and wsr.subscale_of(8) == "goal"
    assert wsr.item(1).parent == 25 and wsr.subscale_of(1) == "task"
    assert scorer.get_form("wai").subscale_of(25) == "goal"
    assert wsr.reverse == frozenset() and ws.reverse == {4, 10}


C2, SS = "confirmed (2+)", "single source"


@pytest.mark.parametrize(
    ("form_id", "respondent", "conf"),
    [
        ("wai", "patient", {"subscales": C2, "reverse": C2, "scale": C2}),
        ("wai-t", "therapist", {"subscales": SS, "reverse": SS, "scale": SS}),
        ("wai-s", "patient", {"subscales": "derived", "reverse": "derived", "scale": C2}),
        ("wai-sr", "patient", {"subscales": C2, "reverse": C2, "scale": C2}),
    ],
)
def test_confidence_and_respondent(form_id: str, respondent: str, conf: dict) -> None:
    form = scorer.get_form(form_id)
    assert form.respondent == respondent
    assert {k: form.confidence[k] for k in conf} == conf
    assert form.confidence["note"]
    assert form.sources and form.citation and form.notes


def test_notes_record_known_disagreements() -> None:
    text = {f.id: " ".join(f.notes) for f in scorer.forms()}
    assert "28" in text["wai"] and "29" in text["wai"]
    assert "item 8" in text["wai-s"].lower()
    assert "item 1 " in text["wai-sr"].lower() and "item 8 " in text["wai-sr"].lower()


def test_unestablished_therapist_short_forms_are_not_offered() -> None:
    for form_id in ("wai-s-t", "wai-sr-t", "wai-st"):
        with pytest.raises(scorer.ScorerError, match="known forms: wai, wai-t, wai-s, wai-sr"):
            scorer.get_form(form_id)
    assert not any(f.respondent == "therapist" and f.n_items == 12 for f in scorer.forms())


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_items_carry_own_gist_and_empty_licence_slot(form_id: str) -> None:
    form = scorer.get_form(form_id)
    assert [it.number for it in form.items] == list(range(1, form.n_items + 1))
    for item in form.items:
        assert item.licensed_text is None
        assert 2 <= len(item.gist.split()) <= 14
    assert "paraphrase" in " ".join(form.notes)


def test_therapist_gists_take_the_therapists_view() -> None:
    gists = [it.gist.lower() for it in scorer.get_form("wai-t").items]
    assert not any("my therapist" in g for g in gists)
    assert sum("my patient" in g for g in gists) >= 18


def test_with_licensed_text_fills_the_slot() -> None:
    form = scorer.get_form("wai-s")
    licensed = form.with_licensed_text({3: "licensed wording"})
    assert licensed.item(3).licensed_text == "licensed wording"
    assert form.item(3).licensed_text is None  # the shared form is untouched
    with pytest.raises(scorer.ScorerError):
        form.with_licensed_text({13: "x"})


def test_forms_are_frozen_and_hashable() -> None:
    form = scorer.get_form("wai")
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.id = "x"  # type: ignore[misc]
    assert len({form, scorer.get_form("wai"), scorer.get_form("wai-s")}) == 2


@given(form_id=st.sampled_from(FORM_IDS), data=st.data())
def test_reversal_is_an_involution(form_id: str, data: st.DataObject) -> None:
    form = scorer.get_form(form_id)
    item = data.draw(st.integers(1, form.n_items))
    raw = data.draw(st.integers(form.scale.min, form.scale.max))
    keyed = form.keyed(item, raw)
    assert form.scale.contains(keyed)
    assert form.keyed(item, keyed) == raw
    assert keyed == (form.scale.min + form.scale.max - raw if form.is_reversed(item) else raw)


@pytest.mark.parametrize(("item", "raw"), [(0, 4), (37, 4), (1, 0), (1, 8), (1, True), (True, 4)])
def test_keyed_rejects_bad_item_or_answer(item: int, raw: int) -> None:
    with pytest.raises(scorer.ScorerError, match="wai"):
        scorer.get_form("wai").keyed(item, raw)


def test_unknown_form_message_lists_known_ids() -> None:
    with pytest.raises(scorer.ScorerError) as info:
        scorer.get_form("WAI")
    assert "'WAI'" in str(info.value) and "wai-sr" in str(info.value)
    assert isinstance(info.value, ValueError)


# --- validation of broken data -----------------------------------------------------------------


def _break(change):
    data = copy.deepcopy(raw_data("wai-s"))
    change(data)
    return data


BROKEN = {
    "item in two subscales": lambda d: d["subscales"]["goal"].append(1),
    "item in no subscale": lambda d: d["subscales"]["task"].remove(12),
    "item listed twice": lambda d: d["subscales"]["bond"].append(3),
    "subscale item out of range": lambda d: d["subscales"]["bond"].append(13),
    "missing subscale": lambda d: d["subscales"].pop("bond"),
    "subscales out of order": lambda d: d.update(
        subscales={k: d["subscales"][k] for k in ("task", "goal", "bond")}
    ),
    "reverse item does not exist": lambda d: d["reverse"].append(14),
    "reverse item zero": lambda d: d["reverse"].append(0),
    "reverse listed twice": lambda d: d["reverse"].append(4),
    "too few anchors": lambda d: d["scale"]["anchors"].pop(),
    "too many anchors": lambda d: d["scale"]["anchors"].append("Extra"),
    "min not below max": lambda d: d["scale"].update(min=7),
    "float scale": lambda d: d["scale"].update(max=7.0),
    "items misnumbered": lambda d: d["items"][2].update(number=4),
    "items missing": lambda d: d["items"].pop(),
    "parent out of range": lambda d: d["items"][0].update(parent=37),
    "parent duplicated": lambda d: d["items"][0].update(parent=4),
    "only some parents": lambda d: d["items"][0].update(parent=None),
    "empty gist": lambda d: d["items"][0].update(gist=" "),
    "bad licensed text": lambda d: d["items"][0].update(licensed_text=5),
    "bad confidence label": lambda d: d["confidence"].update(subscales="pretty sure"),
    "missing confidence note": lambda d: d["confidence"].pop("note"),
    "bad respondent": lambda d: d.update(respondent="observer"),
    "no sources": lambda d: d.update(sources=[]),
    "missing field": lambda d: d.pop("citation"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validation_rejects_broken_data(name: str) -> None:
    with pytest.raises(scorer.ScorerError, match="instrument data"):
        form_from_dict(_break(BROKEN[name]), "test.json")


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_shipped_data_passes_validation(form_id: str) -> None:
    form = form_from_dict(raw_data(form_id), form_id)
    assert form == scorer.get_form(form_id)


def test_validation_rejects_non_object() -> None:
    with pytest.raises(scorer.ScorerError):
        form_from_dict([], "x.json")
