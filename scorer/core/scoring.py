"""Scoring one completed form, with a worked explanation fit for teaching.

The missing-answer rule is in :mod:`scorer.core.subscales`; the worked explanation (``steps``) is
written by :mod:`scorer.core.steps`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ScorerError, shown
from .forms import SUBSCALES, Form, get_form
from .steps import Step, explain
from .subscales import DEFAULT_MAX_MISSING, SubscaleScore, allowed_missing, subscale_score, total_score

__all__ = ["DEFAULT_MAX_MISSING", "Result", "Step", "SubscaleScore", "allowed_missing", "normalize_responses",
           "score"]


@dataclass(frozen=True)
class Result:
    """The scored form. ``responses`` are the raw answers in item order (``None`` = missing)."""

    form: Form
    responses: tuple[int | None, ...]
    keyed: tuple[int | None, ...]
    subscales: dict[str, SubscaleScore]
    total: SubscaleScore
    max_missing: float
    steps: tuple[Step, ...]

    def __hash__(self) -> int:
        return hash((self.form.id, self.responses, self.max_missing))

    @property
    def form_id(self) -> str:
        return self.form.id

    @property
    def missing(self) -> tuple[int, ...]:
        return tuple(i for i, v in enumerate(self.responses, start=1) if v is None)

    @property
    def reversed(self) -> tuple[tuple[int, int, int], ...]:
        """``(item, raw, scored)`` for every answered reverse-keyed item."""
        return tuple(
            (i, raw, self.keyed[i - 1])  # type: ignore[misc]
            for i, raw in enumerate(self.responses, start=1)
            if raw is not None and i in self.form.reverse
        )

    def to_dict(self) -> dict[str, Any]:
        scale = self.form.scale
        return {
            "form": self.form.id,
            "scale": {"min": scale.min, "max": scale.max},
            "subscales": {name: self.subscales[name].to_dict() for name in SUBSCALES},
            "total": self.total.to_dict(),
            "reversed": [{"item": i, "raw": raw, "scored": s} for i, raw, s in self.reversed],
            "missing": list(self.missing),
            "responses": list(self.responses),
            "max_missing": self.max_missing,
            "steps": [step.to_dict() for step in self.steps],
        }


# ---------------------------------------------------------------------------------------------
# Input checking


def _answer(form: Form, item: int, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ScorerError(
            f"{form.short_name} ({form.id}) item {item}: answer {value!r} is not a number; "
            f"allowed answers are whole numbers {form.scale.describe()}"
        )
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise ScorerError(
                f"{form.short_name} ({form.id}) item {item}: answer {value!r} is not a whole number; "
                f"allowed answers are {form.scale.describe()}"
            )
        value = int(value)
    if not isinstance(value, int):
        raise ScorerError(
            f"{form.short_name} ({form.id}) item {item}: answer {shown(value)} is not a whole number; "
            f"allowed answers are {form.scale.describe()}"
        )
    if not form.scale.contains(value):
        raise ScorerError(
            f"{form.short_name} ({form.id}) item {item}: answer {shown(value)} is outside the allowed range "
            f"{form.scale.describe()}"
        )
    return value


def normalize_responses(form: Form, responses: Any) -> tuple[int | None, ...]:
    """Check the answers and return them as a tuple in item order (``None`` = missing)."""
    n = form.n_items
    if isinstance(responses, Mapping):
        values: list[int | None] = [None] * n
        for key, value in responses.items():
            if isinstance(key, bool) or not isinstance(key, int) or not 1 <= key <= n:
                raise ScorerError(
                    f"{form.short_name} ({form.id}): there is no item {shown(key)}; items are numbered 1-{n}"
                )
            values[key - 1] = _answer(form, key, value)
        return tuple(values)
    if isinstance(responses, str | bytes | bytearray) or not isinstance(responses, Sequence):
        raise ScorerError(
            f"{form.short_name} ({form.id}): responses must be a list of {n} answers in item order "
            f"or a mapping item number -> answer, not {type(responses).__name__}"
        )
    if len(responses) != n:
        raise ScorerError(
            f"{form.short_name} ({form.id}) has {n} items, but {len(responses)} answers were given"
        )
    return tuple(_answer(form, i, v) for i, v in enumerate(responses, start=1))


def _check_max_missing(max_missing: Any) -> float:
    if (
        isinstance(max_missing, bool)
        or not isinstance(max_missing, int | float)
        or not 0 <= max_missing <= 1
    ):
        raise ScorerError(f"max_missing must be a fraction from 0 to 1, not {shown(max_missing)}")
    return float(max_missing)


# ---------------------------------------------------------------------------------------------
# Scoring


def score(form_id: str | Form, responses: Any, *, max_missing: float = DEFAULT_MAX_MISSING) -> Result:
    """Score one completed form; see the module docstring for the missing-answer rule."""
    form = form_id if isinstance(form_id, Form) else get_form(form_id)
    max_missing = _check_max_missing(max_missing)
    raw = normalize_responses(form, responses)
    keyed = tuple(None if v is None else form.keyed(i, v) for i, v in enumerate(raw, start=1))

    subscales = {
        name: subscale_score([keyed[i - 1] for i in form.subscales[name]], max_missing) for name in SUBSCALES
    }
    total = total_score([subscales[name] for name in SUBSCALES], form.n_items,
                        sum(v is not None for v in raw))
    steps = explain(form, raw, keyed, subscales, total, max_missing)
    return Result(form, raw, keyed, subscales, total, max_missing, steps)
