"""What the page sends, made safe: form ids, answers, seeds, profiles and a student's numbers.

The page sends what the DOM holds (strings of digits, empty strings for unanswered items); every
function here either returns clean values or raises ``ScorerError`` with a message for a person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..core.answers import ANSWER_KEYS, ANSWER_LABELS
from ..core.errors import ScorerError, shown
from ..core.forms import FORM_IDS, Form, get_form

__all__ = ["MISSING_TOKENS", "answer_of", "answers_of", "form_of", "profile_of", "responses_from_web",
           "seed_of"]

MISSING_TOKENS = frozenset({"", ".", "-", "na", "n/a", "nan", "missing"})
_INT = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def form_of(form_id: Any) -> Form:
    """The form a page names (a string id; spaces around it are ignored)."""
    if not isinstance(form_id, str):
        raise ScorerError(f"form must be one of {', '.join(FORM_IDS)}, not {form_id!r}")
    return get_form(form_id.strip())


def answer_of(form: Form, item: int, raw: Any) -> int | None:
    """One answer from the DOM: an int, a string of digits, or empty/None for unanswered."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip()
        if text.lower() in MISSING_TOKENS:
            return None
        if not _INT.match(text):
            raise ScorerError(
                f"{form.short_name} ({form.id}) item {item}: {shown(raw)} is not a whole number; "
                f"allowed answers are {form.scale.describe()}"
            )
        if len(text) > 20:  # int() refuses thousands of digits; no answer is that long
            raise ScorerError(
                f"{form.short_name} ({form.id}) item {item}: answer {shown(raw)} is outside the allowed "
                f"range {form.scale.describe()}"
            )
        raw = int(text)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    form.keyed(item, raw)  # raises a ScorerError naming the item, value and range
    return raw


def responses_from_web(form: Form, raw: Any) -> list[int | None]:
    """Answers in item order from a list (``None``/``""`` = unanswered) or an ``{"N": value}`` object."""
    n = form.n_items
    if isinstance(raw, Mapping):
        values: list[int | None] = [None] * n
        for key, value in raw.items():
            text = str(key).strip()
            if not _INT.match(text) or len(text) > 9 or not 1 <= int(text) <= n:
                raise ScorerError(
                    f"{form.short_name} ({form.id}): there is no item {shown(key)}; items are numbered 1-{n}"
                )
            values[int(text) - 1] = answer_of(form, int(text), value)
        return values
    if isinstance(raw, list | tuple):
        if len(raw) != n:
            raise ScorerError(
                f"{form.short_name} ({form.id}) has {n} items, but {len(raw)} answers were given"
            )
        return [answer_of(form, i, v) for i, v in enumerate(raw, start=1)]
    raise ScorerError(
        f"{form.short_name} ({form.id}): answers must be a list in item order or an object "
        f"item number -> answer, not {type(raw).__name__}"
    )


def seed_of(raw: Any) -> int:
    """A case number from a field or a URL: a whole number from 0 to 2**64 - 1."""
    text = str(raw).strip() if not isinstance(raw, bool) else ""
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if not _INT.match(text) or int(text[:30]) < 0:
        raise ScorerError(f"the case number (seed) must be a whole number 0 or more, not {shown(raw)}")
    if len(text) > 25:  # int() refuses thousands of digits; seeds stop at 2**64 - 1 (20 digits)
        raise ScorerError(f"the case number (seed) {shown(raw)} is too large; the last one is 2**64 - 1")
    return int(text)


def profile_of(raw: Any) -> str:
    """A case profile; empty means ``random``."""
    from ..core.cases import PROFILES  # not above: scoring never loads case generation

    profile = str(raw or "random").strip()
    if profile not in PROFILES:
        raise ScorerError(f"unknown profile {raw!r}; known profiles: {', '.join(PROFILES)}")
    return profile


def answers_of(raw: Any) -> dict[str, float]:
    """The student's numbers: empty fields are left out; a decimal comma is accepted."""
    if not isinstance(raw, Mapping):
        raise ScorerError("answers must be an object such as {\"goal_sum\": \"48\"}")
    out: dict[str, float] = {}
    for key, value in raw.items():
        if key not in ANSWER_KEYS:
            raise ScorerError(f"unknown answer {key!r}; expected some of {', '.join(ANSWER_KEYS)}")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, bool):
            raise ScorerError(f"{ANSWER_LABELS[key]}: {value!r} is not a number")
        if isinstance(value, int | float):
            out[key] = value
            continue
        text = str(value).strip()
        if not _NUMBER.match(text):
            raise ScorerError(f"{ANSWER_LABELS[key]}: {value!r} is not a number (use digits, e.g. 4.25)")
        number = float(text.replace(",", "."))
        out[key] = int(number) if number.is_integer() and key.endswith("_sum") else number
    if not out:
        raise ScorerError("enter at least one of your sums or means before checking")
    return out
