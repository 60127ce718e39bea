"""The ``key: value`` fence bodies and the values in them (forms, answers, numbers).

Every line number here is 1-based inside the body; 0 means the opening fence (a missing key has no
line of its own).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from scorer.core.forms import FORM_IDS, Form, get_form

from .errors import BodyError


class Field(NamedTuple):
    """One ``key: value`` of a body and the body line it stands on (unpacks as ``value, line``)."""

    value: str
    line: int


Body = dict[str, Field]


def parse_key_values(source: str, allowed: Iterable[str]) -> Body:
    """``key: value`` lines; blank lines and ``#`` comments are skipped."""
    allowed = tuple(allowed)
    body: Body = {}
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise BodyError(number, f"expected 'key: value', found {line!r}")
        if key not in allowed:
            known = ", ".join(allowed) if allowed else "none (this fence takes no settings)"
            raise BodyError(number, f"unknown key {key!r}; allowed keys: {known}")
        if key in body:
            raise BodyError(number, f"key {key!r} is given twice (first on line {body[key].line})")
        if not value:
            raise BodyError(number, f"key {key!r} has no value")
        body[key] = Field(value, number)
    return body


def require(body: Body, key: str) -> Field:
    if key not in body:
        raise BodyError(0, f"missing required key {key!r}")
    return body[key]


def form_of(body: Body) -> Form:
    """The form a required ``form:`` names."""
    field = require(body, "form")
    if field.value not in FORM_IDS:
        raise BodyError(field.line, f"unknown form {field.value!r}; known forms: {', '.join(FORM_IDS)}")
    return get_form(field.value)


def parse_responses(field: Field) -> list[int | None]:
    """``4,3,5`` or ``4 3 5``; ``-`` marks a missing answer."""
    values: list[int | None] = []
    for token in re.split(r"[,\s]+", field.value.strip(", ")):
        if token == "-":
            values.append(None)
        elif re.fullmatch(r"-?\d+", token):
            values.append(int(token))
        else:
            raise BodyError(
                field.line, f"responses: {token!r} is not a whole number (write - for a missing answer)"
            )
    return values


def parse_int(field: Field, what: str) -> int:
    if not re.fullmatch(r"\d+", field.value):
        raise BodyError(field.line, f"{what} must be a whole number ≥ 0, not {field.value!r}")
    return int(field.value)


def parse_fraction(field: Field) -> float:
    try:
        value = float(field.value)
    except ValueError:
        raise BodyError(
            field.line, f"max_missing must be a fraction from 0 to 1, not {field.value!r}"
        ) from None
    if not 0 <= value <= 1:
        raise BodyError(field.line, f"max_missing must be a fraction from 0 to 1, not {field.value!r}")
    return value
