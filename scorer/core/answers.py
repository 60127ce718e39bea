"""The parts a form is scored into and the eight answer values a student computes.

The one definition of ``(*SUBSCALES, "total")`` and of the answer keys ``goal_sum`` … ``total_mean``;
``ANSWER_KEYS`` is a tuple of strings, so the build can hand it to the JavaScript as JSON.
"""

from __future__ import annotations

from .forms import SUBSCALES

__all__ = ["ANSWER_KEYS", "ANSWER_LABELS", "KINDS", "PARTS", "answer_key", "part_label"]

#: The three subscales and the total, in the order every table shows them.
PARTS: tuple[str, ...] = (*SUBSCALES, "total")
#: What a student computes for each part.
KINDS: tuple[str, ...] = ("sum", "mean")
#: ``goal_sum task_sum bond_sum total_sum goal_mean task_mean bond_mean total_mean``.
ANSWER_KEYS: tuple[str, ...] = tuple(f"{part}_{kind}" for kind in KINDS for part in PARTS)
#: ``goal_sum`` -> ``Goal sum`` (the inputs' labels on the page).
ANSWER_LABELS: dict[str, str] = {key: key.replace("_", " ").capitalize() for key in ANSWER_KEYS}


def answer_key(part: str, kind: str) -> str:
    return f"{part}_{kind}"


def part_label(part: str) -> str:
    """``goal`` -> ``Goal``."""
    return part.capitalize()
