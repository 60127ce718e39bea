"""The self-check: compare a student's hand-scored values with the scorer and explain mistakes.

A wrong value is diagnosed by recomputing the score with the wrong procedures students typically
follow (reverse-keying forgotten, a wrong reversal formula, another form's key, an item in the
wrong subscale, sum and mean confused) and reporting the first one that reproduces the value. The
order is from the most to the least specific explanation, so a value two procedures both explain
gets the message that teaches the most:

1. sum and mean confused (including the total divided by 3 subscales instead of by the items);
2. reverse-keying forgotten for every reverse-keyed item of the subscale (or form);
3. a wrong reversal formula (max − x, min + max + 1 − x, and 6 − x on a 1–7 scale);
4. another form's key with the same number of items (forms with identical keys are skipped);
5. reverse-keying forgotten for a single item;
6. one item counted in (or left out of) the subscale, when the student's other values back it up
   or at most three items could explain it;
7. an arithmetic slip (close to the right value, a rounding error in a mean, or a pro-rated sum
   worked out from the rounded mean);
8. unknown.

When several procedures reproduce a value, the one that also reproduces most of the student's
other wrong values wins, and ties go to the earlier one. An item moved between two subscales
explains two values when the student's value for the other subscale confirms the move, so it then
beats a procedure that explains this value alone.

Messages say what went wrong and how to fix it.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .answers import ANSWER_KEYS
from .errors import ScorerError, shown
from .forms import SUBSCALES, Form, get_form
from .numbers import item_list
from .procedures import candidates, prorated_from_rounded_mean, slip, wrong_subscale
from .scoring import Result, score
from .verdict import (
    MISTAKE_CODES,
    Mistake,
    Verdict,
    expected_value,
    label,
    matches,
    right_value,
    value_name,
)

__all__ = ["ANSWER_KEYS", "MISTAKE_CODES", "CheckResult", "Mistake", "Verdict", "check"]

_FLOAT_MAX = sys.float_info.max


@dataclass(frozen=True)
class CheckResult:
    form_id: str
    verdicts: dict[str, Verdict]
    result: Result = field(repr=False)

    @property
    def all_correct(self) -> bool:
        return bool(self.verdicts) and all(v.correct for v in self.verdicts.values())

    @property
    def summary(self) -> str:
        n = len(self.verdicts)
        if n == 0:
            return "No values were given to check."
        right = sum(v.correct for v in self.verdicts.values())
        if right == n:
            return f"All {n} values are correct." if n > 1 else "The value is correct."
        wrong = [value_name(key) for key, v in self.verdicts.items() if not v.correct]
        return f"{right} of {n} values are correct. Look again at: {', '.join(wrong)}."

    def __hash__(self) -> int:
        return hash((self.form_id, tuple(self.verdicts)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form_id,
            "all_correct": self.all_correct,
            "verdicts": {key: v.to_dict() for key, v in self.verdicts.items()},
            "summary": self.summary,
        }


def _not_scorable(form: Form, result: Result, part: str) -> Mistake:
    """Say which subscale is short of answers (the total fails only through a subscale)."""
    allowed = f"no more than {round(result.max_missing * 100)}% may be missing"
    if part != "total":
        missing = tuple(i for i in result.missing if i in form.subscales[part])
        return Mistake(
            "not_scorable",
            f"{label(part)} cannot be scored: {len(missing)} of its {len(form.subscales[part])} items "
            f"({item_list(missing)}) are missing, and {allowed}. Leave it blank.",
            missing,
        )
    short = [s for s in SUBSCALES if result.subscales[s].sum is None]
    missing = tuple(i for i in result.missing if any(i in form.subscales[s] for s in short))
    names = " and ".join(label(s) for s in short)
    return Mistake(
        "not_scorable",
        f"The total cannot be scored: it needs all three subscales, and {names} "
        f"cannot be scored (too many of {'its' if len(short) == 1 else 'their'} items are missing). "
        "Leave it blank.",
        missing,
    )


def _diagnose(
    form: Form,
    result: Result,
    key: str,
    given: float,
    expected: float | int | None,
    givens: Mapping[str, float | None],
) -> Mistake:
    part, kind = key.split("_")
    if expected is None:
        return _not_scorable(form, result, part)
    # Among the procedures that reproduce this value, prefer the one that also reproduces most of
    # the student's other wrong values; ties go to the more specific (earlier) one.
    wrong_givens = {
        k: g
        for k, g in givens.items()
        if g is not None and not matches(k.split("_")[1], g, right_value(result, k))
    }
    best: Mistake | None = None
    best_support = 0
    for dicts, mistake in candidates(form, result, key):
        if not matches(kind, given, dicts[0][key]):
            continue
        support = max(
            sum(matches(k.split("_")[1], g, d[k]) for k, g in wrong_givens.items()) for d in dicts
        )
        if support > best_support:
            best, best_support = mistake, support
    if best and best_support < 2:
        # A moved item that the student's value for the other subscale confirms explains two
        # values; a procedure that explains only this one is then the weaker explanation.
        backed = wrong_subscale(form, result, key, given, givens, backed_only=True)
        if backed:
            return backed
    if best:
        return best
    moved = wrong_subscale(form, result, key, given, givens)
    if moved:
        return moved
    early = prorated_from_rounded_mean(result, key, given)
    if early:
        return early
    slipped = slip(form, key, given, expected)
    if slipped:
        return slipped
    return Mistake(
        "unknown",
        "This does not match the right value or any common mistake we check for. Work through the "
        "steps again: reverse-key the negatively worded items, sort the items into their subscales, "
        "add them up, then divide by the number of items for the mean.",
    )


def _given(form: Form, key: str, value: Any) -> float | int | None:
    if value is None:
        return None
    # A finite float range: math.isfinite and the float arithmetic below overflow on a huge int.
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not -_FLOAT_MAX <= value <= _FLOAT_MAX:
        raise ScorerError(
            f"{form.short_name} ({form.id}) self-check: {key} must be a number, not {shown(value)}"
        )
    return value


def check(form_id: str | Form, responses: Any, answers: Mapping[str, Any]) -> CheckResult:
    """Check a student's values (any of ``ANSWER_KEYS``) against the scored responses.

    Sums must match exactly (a pro-rated sum to two decimals); means to two decimals. ``None`` as a
    value means "not scorable" and is correct exactly when the value cannot be scored.
    """
    form = form_id if isinstance(form_id, Form) else get_form(form_id)
    if not isinstance(answers, Mapping):
        raise ScorerError(f"{form.short_name} ({form.id}) self-check: answers must be a mapping")
    unknown = [k for k in answers if k not in ANSWER_KEYS]
    if unknown:
        raise ScorerError(
            f"{form.short_name} ({form.id}) self-check: unknown value(s) {', '.join(map(shown, unknown))}; "
            f"known: {', '.join(ANSWER_KEYS)}"
        )
    result = score(form, responses)
    parts = {**result.subscales, "total": result.total}
    givens = {key: _given(form, key, answers[key]) for key in ANSWER_KEYS if key in answers}
    verdicts: dict[str, Verdict] = {}
    for key, given in givens.items():
        part, kind = key.split("_")
        value = getattr(parts[part], kind)
        expected = expected_value(kind, value)
        if given is None:
            ok = value is None
            mistake = None if ok else Mistake(
                "not_scorable",
                f"{label(part).capitalize()} can be scored: enough of its items are answered.",
            )
            verdicts[key] = Verdict(None, expected, ok, mistake)
        elif matches(kind, given, value):
            verdicts[key] = Verdict(given, expected, True)
        else:
            mistake = _diagnose(form, result, key, given, value, givens)
            verdicts[key] = Verdict(given, expected, False, mistake)
    return CheckResult(form.id, verdicts, result)
