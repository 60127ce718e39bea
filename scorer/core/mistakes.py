"""A model of the wrong procedures students follow when they score a complete answer sheet by hand.

:func:`wrong_attempts` does each wrong procedure on purpose (the right sums come from the scorer),
so a page can show what :func:`scorer.core.check.check` says about each one: the feedback on the
page is then the self-check's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .forms import SUBSCALES, Form, forms
from .scoring import score

__all__ = ["Attempt", "wrong_attempts"]

#: ``(what the student did, the values they give, the value shown)``.
Attempt = tuple[str, dict[str, float], str]


def wrong_attempts(form: Form, responses: Sequence[int | None]) -> list[tuple[str, list[Attempt]]]:
    """Typical wrong procedures, done by hand here on purpose: ``(intended code, variants)``.

    Each variant is ``(what the student did, the values they give, the value shown)``. The page
    shows what ``scorer.core.check`` says about them, so the feedback on the page is the self-check's own.
    """
    lo, hi = form.scale.min, form.scale.max
    raw = dict(enumerate(responses, start=1))

    def total(members: tuple[int, ...], reverse: Callable[[int], bool], flip: int) -> int:
        return sum(flip - raw[i] if reverse(i) else raw[i] for i in members)  # type: ignore[misc,operator]

    result = score(form, list(responses))
    right = {name: int(result.subscales[name].sum or 0) for name in SUBSCALES}  # every item answered
    groups: list[tuple[str, list[Attempt]]] = []
    with_reverse = [n for n in SUBSCALES if any(form.is_reversed(i) for i in form.subscales[n])]
    groups.append(
        (
            "reverse_forgotten",
            [
                (
                    f"{n.capitalize()}: added the reverse-keyed answers as given",
                    {f"{n}_sum": total(form.subscales[n], lambda i: False, 0)},
                    f"{n}_sum",
                )
                for n in with_reverse
            ],
        )
    )
    groups.append(
        (
            "reverse_formula",
            [
                (
                    f"{n.capitalize()}: reversed with {hi} − answer instead of {lo + hi} − answer",
                    {f"{n}_sum": total(form.subscales[n], form.is_reversed, hi)},
                    f"{n}_sum",
                )
                for n in with_reverse
            ],
        )
    )
    for other in forms():
        if other.id == form.id or other.n_items != form.n_items or other.subscales == form.subscales:
            continue
        groups.append(
            (
                "other_form_key",
                [
                    (
                        f"{n.capitalize()}: scored with the {other.short_name} key",
                        {f"{n}_sum": total(other.subscales[n], other.is_reversed, lo + hi)},
                        f"{n}_sum",
                    )
                    for n in SUBSCALES
                    if other.subscales[n] != form.subscales[n]
                ],
            )
        )
        break
    groups.append(
        (
            "sum_mean_confused",
            [
                (
                    f"{n.capitalize()}: gave the sum where the mean was asked for",
                    {f"{n}_mean": right[n]},
                    f"{n}_mean",
                )
                for n in SUBSCALES
            ],
        )
    )
    moves: list[Attempt] = []
    for item in form.subscales["task"]:
        k = form.keyed(item, raw[item])  # type: ignore[arg-type]
        moves.append(
            (
                f"Item {item} (a Task item) counted in Goal instead of Task",
                {"goal_sum": right["goal"] + k, "task_sum": right["task"] - k},
                "goal_sum",
            )
        )
    groups.append(("wrong_subscale", moves))
    groups.append(
        (
            "arithmetic_slip",
            [("Goal: slipped by one while adding", {"goal_sum": right["goal"] + 1}, "goal_sum")],
        )
    )
    return [(code, variants) for code, variants in groups if variants]
