"""The clinician's self-audit of rapport practices (page ``practice/self-assessment/``).

The practices, their evidence labels and our reflection prompts live in ``scorer/core/practices.json``
(data, not code), drawn from the Building rapport page (``docs/rapport.md``), whose stable anchors
they link to. The rating is a reflection aid we made up, not a validated instrument: it has no norms
and its numbers mean only "compared with my own earlier sessions".

The markup is :mod:`scorer.html.selfaudit`, so the build and the browser worker show the same thing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .datafiles import read_text
from .errors import ScorerError

__all__ = [
    "MAX_REFLECTION",
    "NOT_RELEVANT",
    "Practice",
    "RatingScale",
    "clean_ratings",
    "clean_reflections",
    "get_practice",
    "load_practices",
    "practices",
    "rating_scale",
    "summarize",
]

#: The value a page sends for "not relevant this session" (kept apart from the 1-5 ratings).
NOT_RELEVANT = "na"
#: Reflections are short notes to oneself; a cap keeps localStorage and exports small.
MAX_REFLECTION = 2000
EVIDENCE_LEVELS = ("research-supported", "qualitative", "mixed", "anecdotal")
_ID = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
_INT = re.compile(r"^\s*\d+\s*$")


@dataclass(frozen=True)
class Practice:
    id: str
    title: str
    anchor: str  # the heading id on docs/rapport.md
    evidence: str  # one of EVIDENCE_LEVELS
    evidence_label: str  # e.g. "Research-supported"
    evidence_detail: str  # e.g. "qualitative only" ("" when the label says it all)
    prompt: str  # our own reflection prompt

    @property
    def evidence_text(self) -> str:
        if not self.evidence_detail:
            return self.evidence_label
        return f"{self.evidence_label} ({self.evidence_detail})"

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "anchor": self.anchor, "evidence": self.evidence,
                "evidence_label": self.evidence_label, "evidence_detail": self.evidence_detail,
                "prompt": self.prompt}


@dataclass(frozen=True)
class RatingScale:
    min: int
    max: int
    question: str
    anchors: tuple[str, ...]
    not_relevant: str

    def anchor(self, value: int) -> str:
        return self.anchors[value - self.min]


def _text(entry: Mapping[str, Any], key: str, where: str, *, empty: bool = False) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise ScorerError(f"practices.json: {where}: {key!r} must be a{'' if empty else ' non-empty'} text")
    return value.strip()


def load_practices(data: Any) -> tuple[RatingScale, tuple[Practice, ...]]:
    """Validate the practices data; a bad file names the practice and the field."""
    if not isinstance(data, Mapping) or data.get("v") != 1:
        raise ScorerError("practices.json: expected an object with \"v\": 1")
    rating = data.get("rating")
    if not isinstance(rating, Mapping):
        raise ScorerError("practices.json: 'rating' must be an object")
    lo, hi, anchors = rating.get("min"), rating.get("max"), rating.get("anchors")
    if not (isinstance(lo, int) and isinstance(hi, int) and lo < hi and isinstance(anchors, list)
            and len(anchors) == hi - lo + 1 and all(isinstance(a, str) and a for a in anchors)):
        raise ScorerError("practices.json: rating needs min < max and one anchor text per value")
    scale = RatingScale(lo, hi, _text(rating, "question", "rating"), tuple(anchors),
                        _text(rating, "not_relevant", "rating"))
    labels = data.get("evidence_levels")
    if not isinstance(labels, Mapping) or set(labels) != set(EVIDENCE_LEVELS):
        levels = ", ".join(EVIDENCE_LEVELS)
        raise ScorerError(f"practices.json: 'evidence_levels' must label exactly {levels}")
    entries = data.get("practices")
    if not isinstance(entries, list) or not entries:
        raise ScorerError("practices.json: 'practices' must be a non-empty list")
    out: list[Practice] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"practice {number}"
        if not isinstance(entry, Mapping):
            raise ScorerError(f"practices.json: {where} must be an object")
        unknown = set(entry) - {"id", "title", "anchor", "evidence", "evidence_detail", "prompt"}
        if unknown:
            raise ScorerError(f"practices.json: {where}: unknown field(s) {', '.join(sorted(unknown))}")
        pid = _text(entry, "id", where)
        where = f"practice {pid!r}"
        if not _ID.match(pid) or pid in seen:
            raise ScorerError(f"practices.json: {where}: ids must be unique lower-case slugs")
        seen.add(pid)
        anchor = _text(entry, "anchor", where)
        if not _ID.match(anchor):
            raise ScorerError(f"practices.json: {where}: anchor {anchor!r} is not a heading id")
        evidence = _text(entry, "evidence", where)
        if evidence not in EVIDENCE_LEVELS:
            raise ScorerError(
                f"practices.json: {where}: evidence {evidence!r} is not one of {', '.join(EVIDENCE_LEVELS)}"
            )
        detail = _text(entry, "evidence_detail", where, empty=True)
        out.append(Practice(pid, _text(entry, "title", where), anchor, evidence, str(labels[evidence]),
                            detail, _text(entry, "prompt", where)))
    return scale, tuple(out)


@lru_cache(maxsize=1)
def _loaded() -> tuple[RatingScale, tuple[Practice, ...]]:
    text = read_text("practices.json")
    return load_practices(json.loads(text))


def practices() -> tuple[Practice, ...]:
    """The practices in the order of the Building rapport page."""
    return _loaded()[1]


def rating_scale() -> RatingScale:
    return _loaded()[0]


def get_practice(practice_id: str) -> Practice:
    for practice in practices():
        if practice.id == practice_id:
            return practice
    known = ", ".join(p.id for p in practices())
    raise ScorerError(f"unknown rapport practice {practice_id!r}; known: {known}")


# --- what the page sends ------------------------------------------------------------------------


def clean_ratings(raw: Any) -> dict[str, int | str]:
    """``{practice id: 1..5 | "na"}`` from the page; unanswered (``None``/``""``) practices are left out."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ScorerError("self-audit ratings must be an object practice id -> rating")
    scale = rating_scale()
    out: dict[str, int | str] = {}
    for key, value in raw.items():
        practice = get_practice(str(key))
        if value is None or value == "":
            continue
        if value == NOT_RELEVANT:
            out[practice.id] = NOT_RELEVANT
            continue
        whole = isinstance(value, int) or (isinstance(value, str) and _INT.match(value))
        if isinstance(value, bool) or not whole:
            raise ScorerError(
                f"self-audit, {practice.title}: {value!r} is not a rating; use {scale.min}-{scale.max} "
                f"or {NOT_RELEVANT!r} ({scale.not_relevant})"
            )
        number = int(value)
        if not scale.min <= number <= scale.max:
            raise ScorerError(
                f"self-audit, {practice.title}: rating {number} is outside {scale.min}-{scale.max}"
            )
        out[practice.id] = number
    return {p.id: out[p.id] for p in practices() if p.id in out}


def clean_reflections(raw: Any) -> dict[str, str]:
    """``{practice id: text}`` with surrounding blanks removed; empty notes are left out."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ScorerError("self-audit reflections must be an object practice id -> text")
    out: dict[str, str] = {}
    for key, value in raw.items():
        practice = get_practice(str(key))
        if value is None:
            continue
        if not isinstance(value, str):
            raise ScorerError(f"self-audit, {practice.title}: the reflection must be text")
        text = value.strip()
        if len(text) > MAX_REFLECTION:
            raise ScorerError(
                f"self-audit, {practice.title}: the reflection has {len(text)} characters; "
                f"keep it under {MAX_REFLECTION}"
            )
        if text:
            out[practice.id] = text
    return {p.id: out[p.id] for p in practices() if p.id in out}


def summarize(ratings: Any, reflections: Any = None) -> dict[str, Any]:
    """The self-audit as it goes into the history: ratings, notes, and what stood out.

    ``mean`` is the plain mean of the 1-5 ratings given ("not relevant" left out), ``None`` when
    nothing was rated; ``to_work_on`` lists practices rated at or below the scale's second step,
    ``strengths`` those rated at the top.
    """
    scale = rating_scale()
    clean = clean_ratings(ratings)
    notes = clean_reflections(reflections)
    numbers = {k: v for k, v in clean.items() if isinstance(v, int)}
    mean = sum(numbers.values()) / len(numbers) if numbers else None
    return {
        "ratings": clean,
        "reflections": notes,
        "rated": len(numbers),
        "not_relevant": sum(1 for v in clean.values() if v == NOT_RELEVANT),
        "mean": mean,
        "to_work_on": [k for k, v in numbers.items() if v <= scale.min + 1],
        "strengths": [k for k, v in numbers.items() if v == scale.max],
    }
