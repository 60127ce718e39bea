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

import math
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ScorerError, shown
from .forms import SUBSCALES, Form, forms, get_form
from .scoring import DEFAULT_MAX_MISSING, Result, allowed_missing, fmt, item_list, score

__all__ = ["ANSWER_KEYS", "MISTAKE_CODES", "CheckResult", "Mistake", "Verdict", "check"]

PARTS: tuple[str, ...] = (*SUBSCALES, "total")
ANSWER_KEYS: tuple[str, ...] = tuple(f"{p}_{kind}" for kind in ("sum", "mean") for p in PARTS)
MISTAKE_CODES: tuple[str, ...] = (
    "reverse_forgotten",
    "reverse_formula",
    "other_form_key",
    "wrong_subscale",
    "sum_mean_confused",
    "arithmetic_slip",
    "not_scorable",
    "unknown",
)
TOLERANCE = 0.005 + 1e-9  # two decimals, plus float noise
_FLOAT_MAX = sys.float_info.max

Values = dict[str, float | int | None]


@dataclass(frozen=True)
class Mistake:
    code: str
    message: str
    items: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "items": list(self.items)}


@dataclass(frozen=True)
class Verdict:
    given: float | int | None
    expected: float | int | None
    correct: bool
    mistake: Mistake | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "given": self.given,
            "expected": self.expected,
            "correct": self.correct,
            "mistake": self.mistake.to_dict() if self.mistake else None,
        }


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
        wrong = [_name(key) for key, v in self.verdicts.items() if not v.correct]
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


# ---------------------------------------------------------------------------------------------
# Small helpers


def _name(key: str) -> str:
    part, kind = key.split("_")
    return f"{'the total' if part == 'total' else part.capitalize()} {kind}"


def _label(part: str) -> str:
    return "the total" if part == "total" else part.capitalize()


def _matches(kind: str, given: float, value: float | int | None) -> bool:
    """Sums that are whole numbers must match exactly; anything else to two decimals.

    The distance is taken to the exact value, not to a rounded one, so that both ways of rounding
    a tie (4.125 -> 4.12 or 4.13) are accepted.
    """
    if value is None:
        return False
    if kind == "sum" and isinstance(value, int):
        return given == value
    return abs(given - value) <= TOLERANCE


def _expected(kind: str, value: float | int | None) -> float | int | None:
    if value is None or (kind == "sum" and isinstance(value, int)):
        return value
    return round(value, 2)


def _values(
    form: Form,
    raw: tuple[int | None, ...],
    subscales: Mapping[str, tuple[int, ...]],
    reverse: frozenset[int] | set[int],
    flip: Callable[[int], int],
) -> Values:
    """All eight values under an arbitrary key and reversal rule (same missing-answer rule)."""
    out: Values = {}
    total_sum: float | int | None = 0
    for name in SUBSCALES:
        members = subscales[name]
        answered = [
            flip(raw[i - 1]) if i in reverse else raw[i - 1] for i in members if raw[i - 1] is not None  # type: ignore[arg-type]
        ]
        n = len(members)
        if answered and n - len(answered) <= allowed_missing(n, DEFAULT_MAX_MISSING):
            s = sum(answered)  # type: ignore[arg-type]
            value: float | int = s if len(answered) == n else s * n / len(answered)
            out[f"{name}_sum"], out[f"{name}_mean"] = value, value / n
        else:
            out[f"{name}_sum"] = out[f"{name}_mean"] = None
        if total_sum is not None and out[f"{name}_sum"] is not None:
            total_sum = total_sum + out[f"{name}_sum"]  # type: ignore[operator]
        else:
            total_sum = None
    out["total_sum"] = total_sum
    out["total_mean"] = None if total_sum is None else total_sum / form.n_items
    return out


def _key_differences(form: Form, other: Form) -> tuple[list[str], list[int]]:
    lines, items = [], set()
    for name in SUBSCALES:
        mine, theirs = set(form.subscales[name]), set(other.subscales[name])
        if mine != theirs:
            lines.append(f"{name.capitalize()} is items {item_list(form.subscales[name])}")
            items |= mine ^ theirs
    if form.reverse != other.reverse:
        rev = sorted(form.reverse)
        lines.append(
            f"items {item_list(rev)} are reverse-keyed" if rev else "no item is reverse-keyed"
        )
        items |= form.reverse ^ other.reverse
    return lines, sorted(items)


# ---------------------------------------------------------------------------------------------
# Diagnosis


def _replace(values: Values, new: Mapping[str, float | int | None]) -> Values:
    return {**values, **new}


def _candidates(form: Form, result: Result, key: str) -> Iterator[tuple[list[Values], Mistake]]:
    """Wrong procedures, most specific first: all eight values each gives, and the mistake for ``key``.

    A procedure that stands for several items (e.g. "one of items 3, 9 and 12") gives one set of
    values per item; they agree on ``key``.
    """
    raw = result.responses
    part, kind = key.split("_")
    lo, hi = form.scale.min, form.scale.max
    correct = _values(form, raw, form.subscales, form.reverse, lambda x: lo + hi - x)
    items = form.subscales[part] if part != "total" else tuple(range(1, form.n_items + 1))
    rev_here = sorted(i for i in items if i in form.reverse)
    n_here = len(items)
    where = f"In {part.capitalize()}, items" if part != "total" else "Items"

    # Sum and mean confused.
    if kind == "mean":
        yield [_replace(correct, {f"{p}_mean": correct[f"{p}_sum"] for p in PARTS})], Mistake(
            "sum_mean_confused",
            f"This is {_label(part)}'s sum, not its mean. The mean is the sum divided by the number "
            f"of items: {fmt(correct[f'{part}_sum'])} ÷ {n_here}.",
        )
        if part == "total" and correct["total_sum"] is not None:
            yield [_replace(correct, {"total_mean": correct["total_sum"] / len(SUBSCALES)})], Mistake(
                "sum_mean_confused",
                f"This divides the total by 3, the number of subscales. The item mean divides the "
                f"total by the number of items: {fmt(correct['total_sum'])} ÷ {form.n_items}.",
            )
    else:
        yield [_replace(correct, {f"{p}_sum": correct[f"{p}_mean"] for p in PARTS})], Mistake(
            "sum_mean_confused",
            f"This looks like {_label(part)}'s mean, not its sum. The sum adds the {n_here} scored "
            f"items without dividing.",
        )

    # Reverse-keying forgotten, for the whole subscale (or form).
    if rev_here:
        forgot = _values(form, raw, form.subscales, frozenset(), lambda x: x)
        yield [forgot], Mistake(
            "reverse_forgotten",
            f"It looks as if the reverse-keyed items were added as answered. {where} "
            f"{item_list(rev_here)} are reverse-keyed: score them as {lo + hi} − answer "
            f"(so {hi} becomes {lo} and {lo} becomes {hi}) before adding.",
            tuple(rev_here),
        )

    # A wrong reversal formula.
    if rev_here:
        constants = [hi, lo + hi + 1] + ([6] if (lo, hi) == (1, 7) else [])
        for c in constants:
            wrong = _values(form, raw, form.subscales, form.reverse, lambda x, c=c: c - x)
            yield [wrong], Mistake(
                "reverse_formula",
                f"The reverse-keyed items seem to have been scored as {c} − answer. On this "
                f"{lo}–{hi} scale the reversal is {lo} + {hi} − answer = {lo + hi} − answer, so "
                f"{hi} becomes {lo} and {lo} becomes {hi}. Rescore items {item_list(rev_here)}.",
                tuple(rev_here),
            )

    # Another form's key applied (same number of items, different key).
    for other in forms():
        if other.id == form.id or other.n_items != form.n_items:
            continue
        if dict(other.subscales) == dict(form.subscales) and other.reverse == form.reverse:
            continue  # identical keys (WAI and WAI-T) cannot be told apart
        wrong = _values(form, raw, other.subscales, other.reverse, lambda x: lo + hi - x)
        lines, diff = _key_differences(form, other)
        yield [wrong], Mistake(
            "other_form_key",
            f"This matches the {other.short_name} key, but these are {form.short_name} answers. "
            f"The two forms share items but not their key: on the {form.short_name}, "
            + "; ".join(lines) + f". Score with the {form.short_name} key.",
            tuple(diff),
        )

    # Reverse-keying forgotten for a single item (items giving the same value are named together).
    if len(rev_here) > 1:
        single: dict[float | int | None, list[int]] = {}
        dicts: dict[float | int | None, list[Values]] = {}
        for i in rev_here:
            wrong = _values(form, raw, form.subscales, form.reverse - {i}, lambda x: lo + hi - x)
            single.setdefault(wrong[key], []).append(i)
            dicts.setdefault(wrong[key], []).append(wrong)
        for value, found in single.items():
            r = raw[found[0] - 1]
            if len(found) == 1:
                detail = f" ({r} instead of {lo + hi} − {r} = {lo + hi - r})" if r is not None else ""
                text = (
                    f"Item {found[0]} is reverse-keyed, but it seems to have been added as "
                    f"answered{detail}."
                )
            else:
                text = (
                    f"One of the reverse-keyed items {item_list(found)} seems to have been added as "
                    f"answered."
                )
            fix = f" Score every reverse-keyed item as {lo + hi} − answer."
            yield dicts[value], Mistake("reverse_forgotten", text + fix, tuple(found))


def _given_matches(
    result: Result, givens: Mapping[str, float | None], part: str, new_sum: float
) -> bool | None:
    """Whether the student's own value for ``part`` shows ``new_sum``; ``None`` if they gave none."""
    n = len(result.form.subscales[part])
    seen = None
    for kind, value in (("sum", new_sum), ("mean", new_sum / n)):
        given = givens.get(f"{part}_{kind}")
        if given is not None:
            if _matches(kind, given, value):
                return True
            seen = False
    return seen


def _wrong_subscale(
    form: Form,
    result: Result,
    key: str,
    given: float,
    givens: Mapping[str, float | None],
    *,
    backed_only: bool = False,
) -> Mistake | None:
    """One item counted in (or left out of) this subscale.

    A single value rarely pins down one item, so the explanation is accepted only when the
    student's value for the other subscale involved agrees with the same move, or when at most
    three items could explain it; otherwise a plain slip is the more honest diagnosis.
    """
    part, kind = key.split("_")
    if part == "total" or result.subscales[part].answered != len(form.subscales[part]):
        return None
    members = form.subscales[part]
    base = result.subscales[part].sum
    parts_sum = {name: result.subscales[name].sum for name in SUBSCALES}
    moved_in: list[int] = []
    moved_in_backed: list[int] = []
    moved_out: list[int] = []
    moved_out_backed: list[int] = []
    for i in range(1, form.n_items + 1):
        k = result.keyed[i - 1]
        if k is None:
            continue
        inside = i in members
        value = base + (-k if inside else k)  # type: ignore[operator]
        if not _matches(kind, given, value if kind == "sum" else value / len(members)):
            continue
        if inside:
            moved_out.append(i)
            others = [
                _given_matches(result, givens, name, parts_sum[name] + k)  # type: ignore[operator]
                for name in SUBSCALES
                if name != part and parts_sum[name] is not None
            ]
            if any(others):
                moved_out_backed.append(i)
        else:
            home = form.subscale_of(i)
            if parts_sum[home] is None:
                continue
            backed = _given_matches(result, givens, home, parts_sum[home] - k)  # type: ignore[operator]
            if backed:
                moved_in_backed.append(i)
            elif backed is None:
                moved_in.append(i)
    listing = f"{part.capitalize()} is items {item_list(members)}"

    def which(found: list[int]) -> str:
        return f"item {found[0]}" if len(found) == 1 else f"one of items {item_list(found)}"

    if backed_only:
        moved_in = moved_out = []
    found_in = moved_in_backed or (moved_in if len(moved_in) <= 3 else [])
    if found_in:
        homes = sorted({form.subscale_of(i) for i in found_in}, key=SUBSCALES.index)
        return Mistake(
            "wrong_subscale",
            f"It looks as if {which(found_in)} was counted in {part.capitalize()}, but "
            f"{'it belongs' if len(found_in) == 1 else 'they belong'} to "
            f"{' or '.join(h.capitalize() for h in homes)}. {listing}: check each item against the key.",
            tuple(found_in),
        )
    found_out = moved_out_backed or (moved_out if len(moved_out) <= 3 else [])
    if found_out:
        how = "was counted in another subscale" + ("" if moved_out_backed else " or skipped")
        return Mistake(
            "wrong_subscale",
            f"It looks as if {which(found_out)} is missing from {part.capitalize()}: it probably {how}. "
            f"{listing}.",
            tuple(found_out),
        )
    return None


def _slip(form: Form, key: str, given: float, expected: float | int) -> Mistake | None:
    part, kind = key.split("_")
    if kind == "mean":
        exact = float(expected)
        if abs(given - round(exact, 1)) <= TOLERANCE or abs(given - math.floor(exact * 100) / 100) <= 1e-9:
            return Mistake(
                "arithmetic_slip",
                f"Almost: the procedure is right, but the rounding is not. Keep two decimals and round "
                f"the last one ({exact:.4f} rounds to {exact:.2f}).",
            )
        n = form.n_items if part == "total" else len(form.subscales[part])
        near = (form.scale.max - form.scale.min) / n + 0.01
    else:
        near = form.scale.max - form.scale.min
    if abs(given - expected) <= near:
        return Mistake(
            "arithmetic_slip",
            f"Close, but not exact ({'higher' if given > expected else 'lower'} than the right value). "
            f"The procedure looks right: re-add the scored items one at a time"
            + (" and divide by the number of items again." if kind == "mean" else "."),
        )
    return None


def _prorated_from_rounded_mean(result: Result, key: str, given: float) -> Mistake | None:
    """A pro-rated sum worked out from the mean after rounding it (6.33 × 4 = 25.32, not 25.33)."""
    part, kind = key.split("_")
    parts = list(SUBSCALES) if part == "total" else [part]
    scores = [result.subscales[p] for p in parts]
    if kind != "sum" or not any(s.prorated for s in scores) or any(s.mean is None for s in scores):
        return None
    early = sum(round(s.mean, 2) * s.items if s.prorated else s.sum for s in scores)  # type: ignore[arg-type]
    if not _matches(kind, given, early) or _matches(kind, given, _right(result, key)):
        return None
    return Mistake(
        "arithmetic_slip",
        "Almost: this pro-rated sum was worked out from the mean after rounding it. Multiply first and "
        "round only at the end: the sum of the answered items × the number of items ÷ the number "
        "answered.",
    )


def _right(result: Result, key: str) -> float | int | None:
    part, kind = key.split("_")
    score_part = result.total if part == "total" else result.subscales[part]
    return getattr(score_part, kind)


def _not_scorable(form: Form, result: Result, part: str) -> Mistake:
    """Say which subscale is short of answers (the total fails only through a subscale)."""
    allowed = f"no more than {round(result.max_missing * 100)}% may be missing"
    if part != "total":
        missing = tuple(i for i in result.missing if i in form.subscales[part])
        return Mistake(
            "not_scorable",
            f"{_label(part)} cannot be scored: {len(missing)} of its {len(form.subscales[part])} items "
            f"({item_list(missing)}) are missing, and {allowed}. Leave it blank.",
            missing,
        )
    short = [s for s in SUBSCALES if result.subscales[s].sum is None]
    missing = tuple(i for i in result.missing if any(i in form.subscales[s] for s in short))
    names = " and ".join(_label(s) for s in short)
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
        if g is not None and not _matches(k.split("_")[1], g, _right(result, k))
    }
    best: Mistake | None = None
    best_support = 0
    for dicts, mistake in _candidates(form, result, key):
        if not _matches(kind, given, dicts[0][key]):
            continue
        support = max(
            sum(_matches(k.split("_")[1], g, d[k]) for k, g in wrong_givens.items()) for d in dicts
        )
        if support > best_support:
            best, best_support = mistake, support
    if best and best_support < 2:
        # A moved item that the student's value for the other subscale confirms explains two
        # values; a procedure that explains only this one is then the weaker explanation.
        backed = _wrong_subscale(form, result, key, given, givens, backed_only=True)
        if backed:
            return backed
    if best:
        return best
    moved = _wrong_subscale(form, result, key, given, givens)
    if moved:
        return moved
    early = _prorated_from_rounded_mean(result, key, given)
    if early:
        return early
    slip = _slip(form, key, given, expected)
    if slip:
        return slip
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
        expected = _expected(kind, value)
        if given is None:
            ok = value is None
            mistake = None if ok else Mistake(
                "not_scorable",
                f"{_label(part).capitalize()} can be scored: enough of its items are answered.",
            )
            verdicts[key] = Verdict(None, expected, ok, mistake)
        elif _matches(kind, given, value):
            verdicts[key] = Verdict(given, expected, True)
        else:
            mistake = _diagnose(form, result, key, given, value, givens)
            verdicts[key] = Verdict(given, expected, False, mistake)
    return CheckResult(form.id, verdicts, result)
