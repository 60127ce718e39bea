"""Scoring one completed form, with a worked explanation fit for teaching.

Missing answers: no published pro-rating rule exists for any WAI form, so this is our convention.
A subscale is scored when at most ``max_missing`` (default 0.25) of its items are unanswered: 3 of
12 or 1 of 4. Its mean is the mean of the answered keyed items, and its sum is pro-rated to the full
item count (mean × items). Rationale: the item mean is what published results are usually compared
on, one skipped item in four or a quarter of a 12-item subscale still leaves most of the evidence,
and beyond that a pro-rated sum would rest mostly on a guess. Past the threshold the subscale's sum
and mean are ``None``; the total needs all three subscales.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ScorerError, shown
from .forms import SUBSCALES, Form, get_form

__all__ = ["DEFAULT_MAX_MISSING", "Result", "Step", "SubscaleScore", "normalize_responses", "score"]

DEFAULT_MAX_MISSING = 0.25

Number = int | float


@dataclass(frozen=True)
class SubscaleScore:
    """Sum and item mean of one subscale (or the total); ``None`` when not scorable."""

    sum: Number | None
    mean: float | None
    answered: int
    items: int
    prorated: bool

    @property
    def scorable(self) -> bool:
        return self.sum is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "sum": self.sum,
            "mean": self.mean,
            "answered": self.answered,
            "items": self.items,
            "prorated": self.prorated,
        }


@dataclass(frozen=True)
class Step:
    """One step of the worked explanation: ``kind`` is reverse, assign, missing, sum or mean."""

    kind: str
    title: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "title": self.title, "text": self.text}


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


def allowed_missing(n_items: int, max_missing: float) -> int:
    """How many of ``n_items`` may be missing (3 of 12 and 1 of 4 at the default 0.25)."""
    return math.floor(max_missing * n_items + 1e-9)


# ---------------------------------------------------------------------------------------------
# Scoring


def score(form_id: str | Form, responses: Any, *, max_missing: float = DEFAULT_MAX_MISSING) -> Result:
    """Score one completed form; see the module docstring for the missing-answer rule."""
    form = form_id if isinstance(form_id, Form) else get_form(form_id)
    max_missing = _check_max_missing(max_missing)
    raw = normalize_responses(form, responses)
    keyed = tuple(None if v is None else form.keyed(i, v) for i, v in enumerate(raw, start=1))

    subscales: dict[str, SubscaleScore] = {}
    for name in SUBSCALES:
        members = form.subscales[name]
        answered = [keyed[i - 1] for i in members if keyed[i - 1] is not None]
        n = len(members)
        if answered and n - len(answered) <= allowed_missing(n, max_missing):
            total = sum(answered)  # type: ignore[arg-type]
            if len(answered) == n:
                subscales[name] = SubscaleScore(total, total / n, n, n, False)
            else:
                subscales[name] = SubscaleScore(total * n / len(answered), total / len(answered),
                                                len(answered), n, True)
        else:
            subscales[name] = SubscaleScore(None, None, len(answered), n, False)

    n_answered = sum(v is not None for v in raw)
    parts = [subscales[name] for name in SUBSCALES]
    if all(p.scorable for p in parts):
        total_sum = sum(p.sum for p in parts)  # type: ignore[misc]
        total = SubscaleScore(total_sum, total_sum / form.n_items, n_answered, form.n_items,
                              any(p.prorated for p in parts))
    else:
        total = SubscaleScore(None, None, n_answered, form.n_items, False)

    steps = _steps(form, raw, keyed, subscales, total, max_missing)
    return Result(form, raw, keyed, subscales, total, max_missing, steps)


# ---------------------------------------------------------------------------------------------
# The worked explanation


def fmt(x: Number | None) -> str:
    """A number for display: whole numbers as integers, others to two decimals."""
    if x is None:
        return "not scorable"
    if isinstance(x, int) or float(x).is_integer():
        return str(int(x))
    return f"{x:.2f}"


def fmt_mean(x: float | None) -> str:
    return "not scorable" if x is None else f"{x:.2f}"


def item_list(items: Sequence[int]) -> str:
    """``1, 2 and 3`` (for sentences)."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _label(name: str) -> str:
    return name.capitalize()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _steps(
    form: Form,
    raw: tuple[int | None, ...],
    keyed: tuple[int | None, ...],
    subscales: dict[str, SubscaleScore],
    total: SubscaleScore,
    max_missing: float,
) -> tuple[Step, ...]:
    lo, hi = form.scale.min, form.scale.max
    steps: list[Step] = []

    reverse = sorted(form.reverse)
    if reverse:
        pairs = [
            f"item {i}: {lo + hi} − {raw[i - 1]} = {keyed[i - 1]}" if raw[i - 1] is not None
            else f"item {i}: missing"
            for i in reverse
        ]
        text = (
            f"Items {item_list(reverse)} are worded negatively, so they are reverse-keyed: "
            f"score = {lo} + {hi} − answer = {lo + hi} − answer. " + _capital("; ".join(pairs)) + "."
        )
    else:
        text = f"No item of the {form.short_name} is reverse-keyed: every answer is scored as given."
    steps.append(Step("reverse", "Reverse-key the negatively worded items", text))

    assign = "; ".join(
        f"{_label(name)}: items {item_list(form.subscales[name])}" for name in SUBSCALES
    )
    steps.append(Step("assign", "Sort the items into the three subscales", assign + "."))

    missing = [i for i, v in enumerate(raw, start=1) if v is None]
    if missing:
        lines = []
        for name in SUBSCALES:
            s = subscales[name]
            gap = s.items - s.answered
            if gap == 0:
                continue
            limit = allowed_missing(s.items, max_missing)
            if s.scorable:
                lines.append(
                    f"{_label(name)}: {gap} of {s.items} missing (at most {limit} allowed), so its mean "
                    f"uses the {s.answered} answered items and its sum is pro-rated to {s.items} items"
                )
            else:
                lines.append(
                    f"{_label(name)}: {gap} of {s.items} missing (at most {limit} allowed), so it "
                    f"cannot be scored"
                )
        text = (
            f"{'Item' if len(missing) == 1 else 'Items'} {item_list(missing)} "
            f"{'was' if len(missing) == 1 else 'were'} not answered. No published rule exists for "
            f"missing WAI answers; our convention scores a subscale when at most "
            f"{round(max_missing * 100)}% of its items are missing. " + ". ".join(lines) + "."
        )
        if not total.scorable:
            text += " The total needs all three subscales, so it cannot be scored."
        steps.append(Step("missing", "Handle the missing answers", text))

    for name in SUBSCALES:
        s = subscales[name]
        values = [keyed[i - 1] for i in form.subscales[name] if keyed[i - 1] is not None]
        if not s.scorable:
            text = f"{_label(name)} cannot be scored: too many of its items are missing."
        elif s.prorated:
            partial = sum(values)  # type: ignore[arg-type]
            text = (
                f"{_label(name)} = " + " + ".join(map(str, values)) + f" = {partial} from {s.answered} "
                f"items; pro-rated: {partial} × {s.items} ÷ {s.answered} = {fmt(s.sum)}."
            )
        else:
            text = f"{_label(name)} = " + " + ".join(map(str, values)) + f" = {fmt(s.sum)}."
        steps.append(Step("sum", f"Add up {_label(name)}", text))
    if total.scorable:
        text = "Total = Goal + Task + Bond = " + " + ".join(
            fmt(subscales[name].sum) for name in SUBSCALES
        ) + f" = {fmt(total.sum)}."
    else:
        text = "Total cannot be scored: it needs all three subscales."
    steps.append(Step("sum", "Add up the total", text))

    for name, s in [*((name, subscales[name]) for name in SUBSCALES), ("total", total)]:
        if s.scorable:
            text = (
                f"{_label(name)} mean = {fmt(s.sum)} ÷ {s.items} = {fmt_mean(s.mean)} "
                f"(on the {lo}–{hi} scale)."
            )
        else:
            text = f"{_label(name)} mean cannot be computed."
        title = "Average the total per item" if name == "total" else f"Average {_label(name)} per item"
        steps.append(Step("mean", title, text))
    return tuple(steps)
