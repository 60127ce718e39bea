"""Facts about a form's key, named by a short path: what ``{{ wai:<form>.<fact> }}`` in the pages stands for.

A path is ``<form>.<fact>``, e.g. ``wai-s.reverse`` -> ``4 and 10``; every value is computed from the
form's data file, so a sentence on a page follows the key. :func:`fact_value` raises
:class:`FactError` (a reason for a person) for a path that names no fact. The list of facts is in
``FACTS_HELP`` and in ARCHITECTURE.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from .forms import FORM_IDS, SUBSCALES, Form, get_form
from .numbers import and_list
from .subscales import DEFAULT_MAX_MISSING, allowed_missing

__all__ = ["FACTS_HELP", "FACT_PARTS", "FactError", "fact_value"]

#: Parts a sum-like fact can name: a subscale, ``subscale`` (every subscale; they must be the
#: same length) or ``total``.
FACT_PARTS: tuple[str, ...] = (*SUBSCALES, "subscale", "total")
FACTS_HELP = (
    "items, scale, scale.min, scale.max, anchors, anchor.min, anchor.max, reverse, "
    "reverse.<subscale>, subscale.<subscale>, count.reverse, count.reverse.<subscale>, "
    "count.<subscale>, count.subscale, range.<part>, min.<part>, max.<part>, all-top.<part> "
    f"(not subscale), missing.<subscale>, missing.subscale; parts: {', '.join(FACT_PARTS)}"
)


class FactError(Exception):
    """A path that names no fact (the message says why)."""


def _listed(items: Iterable[int]) -> str:
    return and_list([str(i) for i in sorted(items)]) or "none"


def _members(form: Form, part: str) -> tuple[int, ...]:
    """The items a part adds up; ``subscale`` stands for every subscale, so they must match in length."""
    if part == "total":
        return tuple(range(1, form.n_items + 1))
    if part == "subscale":
        sizes = {name: len(members) for name, members in form.subscales.items()}
        if len(set(sizes.values())) != 1:
            shown = ", ".join(f"{name} {n}" for name, n in sizes.items())
            raise FactError(
                f"the {form.short_name} subscales differ in length ({shown}); name one subscale"
            )
        return form.subscales[SUBSCALES[0]]
    if part in SUBSCALES:
        return form.subscales[part]
    raise FactError(f"unknown part {part!r}; known parts: {', '.join(FACT_PARTS)}")


def _subscale(form: Form, name: str) -> tuple[int, ...]:
    if name not in SUBSCALES:
        raise FactError(f"unknown subscale {name!r}; known subscales: {', '.join(SUBSCALES)}")
    return form.subscales[name]


def fact_value(path: str) -> str:
    """The text for ``<form>.<fact>``, computed from the form's data; ``FactError`` if there is none."""
    form_id, _, fact = path.partition(".")
    if form_id not in FORM_IDS:
        raise FactError(f"unknown form {form_id!r}; known forms: {', '.join(FORM_IDS)}")
    if not fact:
        raise FactError(f"name a fact after the form: <form>.<fact>; facts: {FACTS_HELP}")
    form = get_form(form_id)
    scale = form.scale
    head, *rest = fact.split(".")
    arg = ".".join(rest)
    if fact == "items":
        return str(form.n_items)
    if fact == "scale":
        return f"{scale.min}–{scale.max}"
    if fact in ("scale.min", "scale.max"):
        return str(scale.min if arg == "min" else scale.max)
    if fact == "anchors":
        return and_list(list(scale.anchors))
    if fact in ("anchor.min", "anchor.max"):
        return scale.anchors[0] if arg == "min" else scale.anchors[-1]
    if fact == "reverse":
        return _listed(form.reverse)
    if head == "reverse" and len(rest) == 1:
        return _listed(i for i in _subscale(form, arg) if i in form.reverse)
    if head == "subscale" and len(rest) == 1:
        return _listed(_subscale(form, arg))
    if fact == "count.reverse":
        return str(len(form.reverse))
    if fact.startswith("count.reverse.") and len(rest) == 2:
        return str(sum(1 for i in _subscale(form, rest[1]) if i in form.reverse))
    if head == "count" and len(rest) == 1 and arg != "total":
        return str(len(_members(form, arg)))
    if head in ("range", "min", "max") and len(rest) == 1:
        n = len(_members(form, arg))
        low, high = n * scale.min, n * scale.max
        return {"range": f"{low}–{high}", "min": str(low), "max": str(high)}[head]
    if head == "all-top" and len(rest) == 1 and arg != "subscale":
        return str(sum(form.keyed(i, scale.max) for i in _members(form, arg)))
    if head == "missing" and len(rest) == 1 and arg != "total":
        return str(allowed_missing(len(_members(form, arg)), DEFAULT_MAX_MISSING))
    raise FactError(f"unknown fact {fact!r}; known facts: {FACTS_HELP}")
