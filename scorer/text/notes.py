"""Teaching notes on a patient–therapist comparison: what a gap means and how to talk about it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.forms import SUBSCALES, Form
from ..core.numbers import mean

__all__ = ["teaching_notes"]


def teaching_notes(data: Mapping[str, Any], patient: Form, therapist: Form) -> list[str]:
    """Notes for ``Comparison.to_dict()``: the rescaling, each flagged subscale, and a closing reminder."""
    rows = data["subscales"]
    threshold = data["threshold"]
    notes: list[str] = []
    if data["rescaled"]:
        notes.append(
            f"{patient.short_name} and {therapist.short_name} use different answer scales, so both were "
            "converted to the 1–7 item-mean metric before comparing. Their answer words differ, so "
            "equal converted means are not equal ratings: this comparison is approximate."
        )
    if patient.n_items != therapist.n_items:
        notes.append(
            f"{patient.short_name} has {patient.n_items} items and {therapist.short_name} "
            f"{therapist.n_items}: the two sides answered different item sets, so this comparison "
            "is approximate."
        )
    caveats = len(notes)
    for key in SUBSCALES:
        row = rows[key]
        diff = row["difference"]
        if diff is None:
            continue
        name = key.title()
        if row["flagged"]:
            higher, lower = ("the patient", "you") if diff > 0 else ("you", "the patient")
            notes.append(
                f"{name}: {higher} rated it {mean(abs(diff))} points higher than {lower} (flag at "
                f"{threshold:g}). Talk about it openly: ask how each of you sees the {_focus(key)}."
            )
    if len(notes) == caveats:
        notes.append(
            f"No subscale differs by {threshold:g} point or more: your view and the patient's broadly agree. "
            "Keep checking in, because agreement can change over an episode of care."
        )
    notes.append(
        f"The {threshold:g}-point flag is this site's teaching convention, not a published cut-off. "
        "A gap is a prompt for a conversation, not a verdict about either of you."
    )
    return notes


def _focus(subscale: str) -> str:
    return {"goal": "goals of the treatment", "task": "exercises and tasks of the plan",
            "bond": "relationship between you"}[subscale]
