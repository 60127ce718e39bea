"""The worked explanation of a score (``Result.steps``): reverse, assign, missing, sum and mean.

Each step is a short English text a student can follow with pen and paper; numbers are written by
:mod:`scorer.core.numbers`, the missing-answer rule comes from :mod:`scorer.core.subscales`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .answers import part_label as _label
from .forms import SUBSCALES, Form
from .numbers import item_list
from .numbers import mean as fmt_mean
from .numbers import number as fmt
from .subscales import SubscaleScore, allowed_missing

__all__ = ["Step", "explain"]


@dataclass(frozen=True)
class Step:
    """One step of the worked explanation: ``kind`` is reverse, assign, missing, sum or mean."""

    kind: str
    title: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "title": self.title, "text": self.text}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def explain(
    form: Form,
    raw: tuple[int | None, ...],
    keyed: tuple[int | None, ...],
    subscales: dict[str, SubscaleScore],
    total: SubscaleScore,
    max_missing: float,
) -> tuple[Step, ...]:
    """The steps, in the order ARCHITECTURE.md gives (``missing`` only when something is missing)."""
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
