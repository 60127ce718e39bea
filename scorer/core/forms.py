"""The WAI forms, loaded from their data files and validated on load.

The keys live only in ``scorer/core/instruments/*.json``; this module turns each file into a frozen
``Form`` and refuses a file whose key is inconsistent, because a broken key would silently teach
wrong scores.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .datafiles import read_text
from .errors import ScorerError, shown

__all__ = ["FORM_IDS", "SUBSCALES", "Form", "Item", "Scale", "form_from_dict", "forms", "get_form"]

#: Form ids in their public order.
FORM_IDS: tuple[str, ...] = ("wai", "wai-t", "wai-s", "wai-sr")
#: Subscale ids in their public order.
SUBSCALES: tuple[str, ...] = ("goal", "task", "bond")
CONFIDENCE_LABELS: tuple[str, ...] = ("confirmed (2+)", "single source", "derived", "uncertain")
RESPONDENTS: tuple[str, ...] = ("patient", "therapist")
PARENT_ITEMS = 36


@dataclass(frozen=True)
class Scale:
    """A response scale: integer answers ``min``..``max``, one anchor word per answer."""

    min: int
    max: int
    anchors: tuple[str, ...]

    def anchor(self, value: int) -> str:
        return self.anchors[value - self.min]

    def contains(self, value: int) -> bool:
        return self.min <= value <= self.max

    def describe(self) -> str:
        return f"{self.min}-{self.max} ({self.anchors[0]} ... {self.anchors[-1]})"


@dataclass(frozen=True)
class Item:
    """One item: our own paraphrased ``gist`` and a ``licensed_text`` slot for official wording."""

    number: int
    gist: str
    subscale: str
    reversed: bool
    parent: int | None = None
    licensed_text: str | None = None


@dataclass(frozen=True)
class Form:
    """One WAI form with its key. Treat ``subscales`` and ``confidence`` as read-only."""

    id: str
    name: str
    short_name: str
    respondent: str
    citation: str
    scale: Scale
    items: tuple[Item, ...]
    subscales: dict[str, tuple[int, ...]]
    reverse: frozenset[int]
    sources: tuple[str, ...]
    confidence: dict[str, str]
    notes: tuple[str, ...]

    # The dict fields make the generated hash fail; forms are identified by their id.
    def __hash__(self) -> int:
        return hash(("Form", self.id))

    @property
    def n_items(self) -> int:
        return len(self.items)

    def item(self, number: int) -> Item:
        self._require_item(number)
        return self.items[number - 1]

    def subscale_of(self, item: int) -> str:
        return self.item(item).subscale

    def is_reversed(self, item: int) -> bool:
        self._require_item(item)
        return item in self.reverse

    def keyed(self, item: int, raw: int) -> int:
        """The score an answer contributes: ``min + max - raw`` for a reverse-keyed item."""
        self._require_item(item)
        if isinstance(raw, bool) or not isinstance(raw, int):  # 1.5 is not "outside" 1-7
            raise ScorerError(
                f"{self.short_name} ({self.id}) item {item}: answer {shown(raw)} is not a whole number; "
                f"allowed answers are {self.scale.describe()}"
            )
        if not self.scale.contains(raw):
            raise ScorerError(
                f"{self.short_name} ({self.id}) item {item}: answer {shown(raw)} is outside the allowed "
                f"range {self.scale.min}-{self.scale.max}"
            )
        if item in self.reverse:
            return self.scale.min + self.scale.max - raw
        return raw

    def with_licensed_text(self, texts: dict[int, str]) -> Form:
        """A copy whose items carry licensed official wording (for institutions holding a licence)."""
        for number in texts:
            self._require_item(number)
        items = tuple(
            replace(it, licensed_text=texts[it.number]) if it.number in texts else it for it in self.items
        )
        return replace(self, items=items)

    def _require_item(self, number: Any) -> None:
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(self.items):
            raise ScorerError(
                f"{self.short_name} ({self.id}): there is no item {shown(number)}; items are numbered "
                f"1-{len(self.items)}"
            )


def _fail(where: str, reason: str) -> ScorerError:
    return ScorerError(f"instrument data {where}: {reason}")


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def form_from_dict(data: Any, where: str = "<data>") -> Form:
    """Build a ``Form`` from its JSON data, checking that the key is complete and consistent."""
    if not isinstance(data, dict):
        raise _fail(where, "the top level must be an object")
    required = (
        "id", "name", "short_name", "respondent", "citation", "scale", "subscales", "reverse",
        "items", "sources", "confidence", "notes",
    )
    missing = [k for k in required if k not in data]
    if missing:
        raise _fail(where, f"missing field(s) {', '.join(missing)}")
    for key in ("id", "name", "short_name", "citation"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise _fail(where, f"'{key}' must be a non-empty string")
    if data["respondent"] not in RESPONDENTS:
        raise _fail(where, f"respondent must be one of {', '.join(RESPONDENTS)}, not {data['respondent']!r}")

    scale = _scale(data["scale"], where)
    items_data = data["items"]
    if not isinstance(items_data, list) or not items_data:
        raise _fail(where, "'items' must be a non-empty list")
    n = len(items_data)

    subscales = _subscales(data["subscales"], n, where)
    owner = {i: name for name, members in subscales.items() for i in members}

    reverse_data = data["reverse"]
    if not isinstance(reverse_data, list) or not all(_int(i) for i in reverse_data):
        raise _fail(where, "'reverse' must be a list of item numbers")
    if len(set(reverse_data)) != len(reverse_data):
        raise _fail(where, "'reverse' lists an item twice")
    for i in reverse_data:
        if not 1 <= i <= n:
            raise _fail(where, f"reverse-keyed item {i} does not exist (items are 1-{n})")
    reverse = frozenset(reverse_data)

    items = []
    parents: list[int] = []
    for index, raw in enumerate(items_data, start=1):
        if not isinstance(raw, dict):
            raise _fail(where, f"item entry {index} must be an object")
        number = raw.get("number")
        if number != index or not _int(number):
            raise _fail(
                where, f"item entry {index} has number {number!r}; items must be numbered 1..{n} in order"
            )
        gist = raw.get("gist")
        if not isinstance(gist, str) or not gist.strip():
            raise _fail(where, f"item {index} needs a non-empty gist")
        parent = raw.get("parent")
        if parent is not None:
            if not _int(parent) or not 1 <= parent <= PARENT_ITEMS:
                raise _fail(where, f"item {index} has parent {parent!r}; parents are 36-item numbers 1-36")
            parents.append(parent)
        licensed = raw.get("licensed_text")
        if licensed is not None and not isinstance(licensed, str):
            raise _fail(where, f"item {index}: licensed_text must be a string or null")
        items.append(Item(index, gist, owner[index], index in reverse, parent, licensed))
    if parents and len(parents) != n:
        raise _fail(where, "either every item or no item has a parent")
    if len(set(parents)) != len(parents):
        raise _fail(where, "two items share one 36-item parent")

    confidence = data["confidence"]
    if not isinstance(confidence, dict):
        raise _fail(where, "'confidence' must be an object")
    for key in ("subscales", "reverse", "scale"):
        label = confidence.get(key)
        if label not in CONFIDENCE_LABELS:
            allowed = ", ".join(CONFIDENCE_LABELS)
            raise _fail(where, f"confidence '{key}' must be one of {allowed}, not {label!r}")
    if not isinstance(confidence.get("note"), str):
        raise _fail(where, "confidence needs a 'note' string")

    for key in ("sources", "notes"):
        if not isinstance(data[key], list) or not all(isinstance(s, str) and s for s in data[key]):
            raise _fail(where, f"'{key}' must be a list of strings")
    if not data["sources"]:
        raise _fail(where, "a form needs at least one source")

    return Form(
        id=data["id"],
        name=data["name"],
        short_name=data["short_name"],
        respondent=data["respondent"],
        citation=data["citation"],
        scale=scale,
        items=tuple(items),
        subscales=subscales,
        reverse=reverse,
        sources=tuple(data["sources"]),
        confidence={k: confidence[k] for k in ("subscales", "reverse", "scale", "note")},
        notes=tuple(data["notes"]),
    )


def _scale(raw: Any, where: str) -> Scale:
    if not isinstance(raw, dict):
        raise _fail(where, "'scale' must be an object")
    lo, hi, anchors = raw.get("min"), raw.get("max"), raw.get("anchors")
    if not isinstance(lo, int) or not isinstance(hi, int) or not (_int(lo) and _int(hi)) or lo >= hi:
        raise _fail(where, f"scale min/max must be integers with min < max, not {lo!r}/{hi!r}")
    if not isinstance(anchors, list) or not all(isinstance(a, str) and a for a in anchors):
        raise _fail(where, "scale anchors must be a list of strings")
    if len(anchors) != hi - lo + 1:
        raise _fail(where, f"scale {lo}-{hi} needs {hi - lo + 1} anchors, found {len(anchors)}")
    return Scale(lo, hi, tuple(anchors))


def _subscales(raw: Any, n: int, where: str) -> dict[str, tuple[int, ...]]:
    if not isinstance(raw, dict) or list(raw) != list(SUBSCALES):
        raise _fail(where, f"'subscales' must have exactly the keys {', '.join(SUBSCALES)} in that order")
    seen: dict[int, str] = {}
    result: dict[str, tuple[int, ...]] = {}
    for name in SUBSCALES:
        members = raw[name]
        if not isinstance(members, list) or not members or not all(_int(i) for i in members):
            raise _fail(where, f"subscale {name} must be a non-empty list of item numbers")
        for i in members:
            if not 1 <= i <= n:
                raise _fail(where, f"subscale {name} lists item {i}, which does not exist (items are 1-{n})")
            if i in seen:
                raise _fail(where, f"item {i} is listed in both {seen[i]} and {name}" if seen[i] != name
                            else f"item {i} is listed twice in {name}")
            seen[i] = name
        result[name] = tuple(sorted(members))
    unassigned = sorted(set(range(1, n + 1)) - set(seen))
    if unassigned:
        raise _fail(where, f"item(s) {', '.join(map(str, unassigned))} belong to no subscale")
    return result


@cache
def _load(form_id: str) -> Form:
    where = f"instruments/{form_id}.json"
    try:
        data = json.loads(read_text("instruments", f"{form_id}.json"))
    except (OSError, json.JSONDecodeError) as exc:
        raise _fail(where, f"cannot be read ({exc})") from exc
    form = form_from_dict(data, where)
    if form.id != form_id:
        raise _fail(where, f"declares id {form.id!r}")
    return form


def forms() -> list[Form]:
    """All forms in the order wai, wai-t, wai-s, wai-sr."""
    return [_load(form_id) for form_id in FORM_IDS]


def get_form(form_id: str) -> Form:
    """The form with this id; an unknown id raises ``ScorerError`` listing the known ones."""
    if form_id not in FORM_IDS:
        raise ScorerError(f"unknown form {shown(form_id)}; known forms: {', '.join(FORM_IDS)}")
    return _load(form_id)
