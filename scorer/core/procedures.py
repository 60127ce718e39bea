"""The wrong procedures students typically follow, for the self-check's diagnosis.

Each procedure recomputes the eight values the way a student who made that mistake would, with the
same missing-answer rule as the scorer (:func:`scorer.core.subscales.subscale_score`). The order and
the tie rule are in :mod:`scorer.core.check`'s docstring.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping

from .answers import PARTS
from .forms import SUBSCALES, Form, forms
from .numbers import item_list, mean
from .numbers import number as fmt
from .scoring import Result
from .subscales import DEFAULT_MAX_MISSING, subscale_score, total_score
from .verdict import TOLERANCE, Mistake, Values, label, matches, right_value

__all__ = ["candidates", "prorated_from_rounded_mean", "slip", "values_under", "wrong_subscale"]


def values_under(
    form: Form,
    raw: tuple[int | None, ...],
    subscales: Mapping[str, tuple[int, ...]],
    reverse: frozenset[int] | set[int],
    flip: Callable[[int], int],
) -> Values:
    """All eight values under an arbitrary key and reversal rule (the scorer's missing-answer rule)."""
    parts = {
        name: subscale_score(
            [None if raw[i - 1] is None else flip(raw[i - 1]) if i in reverse else raw[i - 1]  # type: ignore[arg-type]
             for i in subscales[name]],
            DEFAULT_MAX_MISSING,
        )
        for name in SUBSCALES
    }
    parts["total"] = total_score(list(parts.values()), form.n_items, 0)
    out: Values = {}
    for kind in ("sum", "mean"):
        for part in PARTS:
            out[f"{part}_{kind}"] = getattr(parts[part], kind)
    return out


def _subtract_from(c: int) -> Callable[[int], int]:
    """A reversal rule ``c − x`` (the right one is ``min + max − x``)."""
    return lambda x: c - x


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


def _replace(values: Values, new: Mapping[str, float | int | None]) -> Values:
    return {**values, **new}


def candidates(form: Form, result: Result, key: str) -> Iterator[tuple[list[Values], Mistake]]:
    """Wrong procedures, most specific first: all eight values each gives, and the mistake for ``key``.

    A procedure that stands for several items (e.g. "one of items 3, 9 and 12") gives one set of
    values per item; they agree on ``key``.
    """
    raw = result.responses
    part, kind = key.split("_")
    lo, hi = form.scale.min, form.scale.max
    correct = values_under(form, raw, form.subscales, form.reverse, lambda x: lo + hi - x)
    items = form.subscales[part] if part != "total" else tuple(range(1, form.n_items + 1))
    rev_here = sorted(i for i in items if i in form.reverse)
    n_here = len(items)
    where = f"In {part.capitalize()}, items" if part != "total" else "Items"

    # Sum and mean confused.
    if kind == "mean":
        yield [_replace(correct, {f"{p}_mean": correct[f"{p}_sum"] for p in PARTS})], Mistake(
            "sum_mean_confused",
            f"This is {label(part)}'s sum, not its mean. The mean is the sum divided by the number "
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
            f"This looks like {label(part)}'s mean, not its sum. The sum adds the {n_here} scored "
            f"items without dividing.",
        )

    # Reverse-keying forgotten, for the whole subscale (or form).
    if rev_here:
        forgot = values_under(form, raw, form.subscales, frozenset(), lambda x: x)
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
            wrong = values_under(form, raw, form.subscales, form.reverse, _subtract_from(c))
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
        wrong = values_under(form, raw, other.subscales, other.reverse, lambda x: lo + hi - x)
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
            wrong = values_under(form, raw, form.subscales, form.reverse - {i}, lambda x: lo + hi - x)
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


def _givenmatches(
    result: Result, givens: Mapping[str, float | None], part: str, new_sum: float
) -> bool | None:
    """Whether the student's own value for ``part`` shows ``new_sum``; ``None`` if they gave none."""
    n = len(result.form.subscales[part])
    seen = None
    for kind, value in (("sum", new_sum), ("mean", new_sum / n)):
        given = givens.get(f"{part}_{kind}")
        if given is not None:
            if matches(kind, given, value):
                return True
            seen = False
    return seen


def wrong_subscale(
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
        if not matches(kind, given, value if kind == "sum" else value / len(members)):
            continue
        if inside:
            moved_out.append(i)
            others = [
                _givenmatches(result, givens, name, parts_sum[name] + k)  # type: ignore[operator]
                for name in SUBSCALES
                if name != part and parts_sum[name] is not None
            ]
            if any(others):
                moved_out_backed.append(i)
        else:
            home = form.subscale_of(i)
            if parts_sum[home] is None:
                continue
            backed = _givenmatches(result, givens, home, parts_sum[home] - k)  # type: ignore[operator]
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


def slip(form: Form, key: str, given: float, expected: float | int) -> Mistake | None:
    part, kind = key.split("_")
    if kind == "mean":
        exact = float(expected)
        if abs(given - round(exact, 1)) <= TOLERANCE or abs(given - math.floor(exact * 100) / 100) <= 1e-9:
            return Mistake(
                "arithmetic_slip",
                f"Almost: the procedure is right, but the rounding is not. Keep two decimals and round "
                f"the last one ({mean(exact, digits=4)} rounds to {mean(exact)}).",
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


def prorated_from_rounded_mean(result: Result, key: str, given: float) -> Mistake | None:
    """A pro-rated sum worked out from the mean after rounding it (6.33 × 4 = 25.32, not 25.33)."""
    part, kind = key.split("_")
    parts = list(SUBSCALES) if part == "total" else [part]
    scores = [result.subscales[p] for p in parts]
    if kind != "sum" or not any(s.prorated for s in scores) or any(s.mean is None for s in scores):
        return None
    early: float = 0
    for s in scores:
        early += round(s.mean, 2) * s.items if s.prorated and s.mean is not None else s.sum or 0
    if not matches(kind, given, early) or matches(kind, given, right_value(result, key)):
        return None
    return Mistake(
        "arithmetic_slip",
        "Almost: this pro-rated sum was worked out from the mean after rounding it. Multiply first and "
        "round only at the end: the sum of the answered items × the number of items ÷ the number "
        "answered.",
    )
