"""Scoring exercises written by educators: the model and its validation.

An exercise is a plain mapping (from YAML in a ``wai-exercise`` fence, or JSON). Validation happens
here, in the stdlib-only package, so the build hook, the CLI and the browser all refuse the same bad
exercise with the same message. Every error is an ``ExerciseError`` that names the offending field as
a path (``("responses", 3)``) so the build hook can point at the line in the Markdown file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .answers import ANSWER_KEYS
from .errors import ScorerError, shown
from .forms import FORM_IDS, get_form
from .scoring import Result, score

__all__ = [
    "COMPUTE_KEYS",
    "DEFAULT_ATTEMPTS",
    "EXERCISE_ID",
    "FIELDS",
    "LEVELS",
    "Exercise",
    "ExerciseError",
    "Sheet",
    "parse_exercise",
    "parse_exercises",
]

#: The values a student may be asked to compute, in display order (the answer keys).
COMPUTE_KEYS: tuple[str, ...] = ANSWER_KEYS
#: Difficulty levels, from easiest to hardest.
LEVELS: tuple[str, ...] = ("clear-cut", "reverse-keyed", "missing-answers", "pair")
#: Every field an exercise may have; anything else is refused (it is usually a typo).
FIELDS: tuple[str, ...] = (
    "id", "title", "form", "vignette", "responses", "seed", "profile", "compute", "attempts",
    "level", "pair", "notes",
)
PAIR_FIELDS: tuple[str, ...] = ("form", "responses", "seed", "profile", "compute")
DEFAULT_ATTEMPTS = 2
MAX_ATTEMPTS = 10
#: What an exercise id looks like (lower-case words joined by hyphens); the hand-in line checks it too.
EXERCISE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Path = tuple[str | int, ...]


class ExerciseError(ScorerError):
    """A bad exercise. ``field`` is the path to the offending value, ``reason`` says what is wrong."""

    def __init__(self, field: Path | str, reason: str) -> None:
        self.field: Path = (field,) if isinstance(field, str) else tuple(field)
        self.reason = reason
        super().__init__(f"{self.where}: {reason}" if self.field else reason)

    @property
    def where(self) -> str:
        """The field path as people write it: ``responses[4]``, ``pair.form``."""
        text = ""
        for part in self.field:
            text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text


@dataclass(frozen=True)
class Sheet:
    """One completed form inside an exercise, scored."""

    form_id: str
    responses: tuple[int | None, ...]
    compute: tuple[str, ...]
    result: Result
    seed: int | None = None
    profile: str | None = None

    def expected(self) -> dict[str, float | int | None]:
        """The answer key for the requested values (means unrounded)."""
        return {key: _value(self.result, key) for key in self.compute}

    def to_dict(self) -> dict[str, Any]:
        """The resolved sheet: a seeded case is written out as its responses (so it parses again)."""
        return {"form": self.form_id, "responses": list(self.responses), "compute": list(self.compute)}


@dataclass(frozen=True)
class Exercise:
    """A validated exercise. ``sheet`` is the main form; ``pair`` the therapist's form, if any."""

    id: str
    title: str
    vignette: str
    sheet: Sheet
    attempts: int = DEFAULT_ATTEMPTS
    level: str | None = None
    pair: Sheet | None = None
    notes: str | None = None
    source: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def form_id(self) -> str:
        return self.sheet.form_id

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the page (JSON) and the grader: the resolved responses, not the key.

        A seeded exercise is written out as its responses, without ``seed``/``profile``, so the result
        is itself a valid exercise (``parse_exercise(e.to_dict()) == e`` up to the seed).
        """
        return {
            "id": self.id,
            "title": self.title,
            "form": self.sheet.form_id,
            "vignette": self.vignette,
            "responses": list(self.sheet.responses),
            "compute": list(self.sheet.compute),
            "attempts": self.attempts,
            "level": self.level,
            "pair": None if self.pair is None else self.pair.to_dict(),
            "notes": self.notes,
        }


def _value(result: Result, key: str) -> float | int | None:
    part, kind = key.split("_")
    scores = result.total if part == "total" else result.subscales[part]
    return scores.sum if kind == "sum" else scores.mean


# ---------------------------------------------------------------------------------------------
# Validation


def _text(data: Mapping[str, Any], key: str, *, required: bool, path: Path = ()) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise ExerciseError((*path, key), "is required" + _hint(key))
        return None
    if not isinstance(value, str):
        raise ExerciseError((*path, key), f"must be text, not {_kind(value)}")
    if not value.strip():
        if required:
            raise ExerciseError((*path, key), "is required and must not be blank" + _hint(key))
        return None
    return value.strip()


def _hint(key: str) -> str:
    return {
        "vignette": " (a short scenario that tells the student who filled in the form and why)",
        "id": " (a slug such as lbp-clear-cut, unique on the site)",
        "form": f" (one of {', '.join(FORM_IDS)})",
    }.get(key, "")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, Sequence):
        return "a list"
    return type(value).__name__


def _unknown_fields(data: Mapping[str, Any], allowed: Sequence[str], path: Path) -> None:
    for key in data:
        if key not in allowed:
            raise ExerciseError(
                (*path, str(key)), f"unknown field {key!r}; allowed fields are {', '.join(allowed)}"
            )


def _form_id(data: Mapping[str, Any], path: Path) -> str:
    form_id = _text(data, "form", required=True, path=path)
    assert form_id is not None
    if form_id not in FORM_IDS:
        raise ExerciseError(
            (*path, "form"), f"unknown form {form_id!r}; known forms are {', '.join(FORM_IDS)}"
        )
    return form_id


def _responses(form_id: str, raw: Any, path: Path) -> tuple[int | None, ...]:
    form = get_form(form_id)
    where = (*path, "responses")
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
        raise ExerciseError(
            where, f"must be a list of {form.n_items} answers in item order, not {_kind(raw)}"
        )
    if len(raw) != form.n_items:
        raise ExerciseError(
            where,
            f"{form.short_name} ({form_id}) has {form.n_items} items, but {len(raw)} answers were given",
        )
    values: list[int | None] = []
    for index, value in enumerate(raw):
        item = index + 1
        if value is None or (isinstance(value, str) and not value.strip()):
            values.append(None)
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ExerciseError(
                (*where, index),
                f"item {item}: {_kind(value)} is not a whole number; allowed answers are "
                f"{form.scale.describe()}, or null/blank for a missing answer",
            )
        if not form.scale.contains(value):
            raise ExerciseError(
                (*where, index),
                f"item {item}: answer {value} is out of range; {form.short_name} answers are "
                f"{form.scale.describe()}",
            )
        values.append(value)
    if all(v is None for v in values):
        raise ExerciseError(where, "every answer is missing; give at least the answers the student scores")
    return tuple(values)


def _compute(data: Mapping[str, Any], path: Path, default: tuple[str, ...]) -> tuple[str, ...]:
    if "compute" not in data or data["compute"] is None:
        return default
    raw = data["compute"]
    where = (*path, "compute")
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, Sequence) or not raw:
        raise ExerciseError(
            where, f"must be a non-empty list of values to compute: {', '.join(COMPUTE_KEYS)}"
        )
    seen: list[str] = []
    for index, key in enumerate(raw):
        if key not in COMPUTE_KEYS:
            raise ExerciseError(
                (*where, index), f"bad compute key {key!r}; choose from {', '.join(COMPUTE_KEYS)}"
            )
        if key in seen:
            raise ExerciseError((*where, index), f"compute key {key!r} is listed twice")
        seen.append(key)
    return tuple(k for k in COMPUTE_KEYS if k in seen)


def _sheet(data: Mapping[str, Any], path: Path, default_compute: tuple[str, ...]) -> Sheet:
    form_id = _form_id(data, path)
    has_responses = data.get("responses") is not None
    has_seed = data.get("seed") is not None
    seed: int | None = None
    profile: str | None = None
    if has_responses and has_seed:
        raise ExerciseError((*path, "seed"), "give either responses or a seed (with a profile), not both")
    if has_responses:
        if data.get("profile") is not None:
            raise ExerciseError((*path, "profile"), "a profile only applies to a seed-generated case")
        responses = _responses(form_id, data["responses"], path)
    elif has_seed:
        from .cases import PROFILES, generate  # only seeded exercises need the case generator

        seed = data["seed"]
        profile = data.get("profile") if data.get("profile") is not None else "random"
        if profile not in PROFILES:
            raise ExerciseError(
                (*path, "profile"), f"unknown profile {profile!r}; known profiles are {', '.join(PROFILES)}"
            )
        try:  # the generator owns the seed's valid range; the exercise only names the field
            responses = tuple(generate(form_id, seed, profile).responses)
        except ScorerError as error:
            raise ExerciseError((*path, "seed"), str(error)) from None
    else:
        raise ExerciseError(
            (*path, "responses"), "is required: give the responses (a list) or a seed and a profile"
        )
    compute = _compute(data, path, default_compute)
    result = score(form_id, responses)
    sheet = Sheet(form_id, responses, compute, result, seed, profile)
    for key, value in sheet.expected().items():
        if value is None:
            part = key.split("_")[0]
            raise ExerciseError(
                (*path, "responses" if has_responses else "seed"),
                f"{key} cannot be computed: too many answers are missing in "
                f"{'the form' if part == 'total' else 'the ' + part + ' subscale'} "
                f"(at most a quarter of a subscale's items may be missing); remove {key} from compute "
                f"or fill in answers",
            )
    return sheet


def parse_exercise(data: Any) -> Exercise:
    """Validate one exercise mapping and resolve it (generate seeded responses, score them)."""
    if not isinstance(data, Mapping):
        raise ExerciseError((), f"an exercise must be a mapping of fields, not {_kind(data)}")
    _unknown_fields(data, FIELDS, ())
    exercise_id = _text(data, "id", required=True)
    assert exercise_id is not None
    if not EXERCISE_ID.match(exercise_id):
        raise ExerciseError(
            "id", f"{exercise_id!r} is not a slug: use lower-case letters, digits and single hyphens"
        )
    vignette = _text(data, "vignette", required=True)
    assert vignette is not None
    form_id = _form_id(data, ())
    title = _text(data, "title", required=False) or f"{get_form(form_id).short_name} exercise"
    level = _text(data, "level", required=False)
    if level is not None and level not in LEVELS:
        raise ExerciseError("level", f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    notes = _text(data, "notes", required=False)

    attempts = data.get("attempts", DEFAULT_ATTEMPTS)
    if attempts is None:
        attempts = DEFAULT_ATTEMPTS
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= MAX_ATTEMPTS:
        raise ExerciseError(
            "attempts", f"must be a whole number from 1 to {MAX_ATTEMPTS}, not {_kind(attempts)}"
        )

    sheet = _sheet(data, (), COMPUTE_KEYS)
    pair: Sheet | None = None
    if data.get("pair") is not None:
        raw_pair = data["pair"]
        if not isinstance(raw_pair, Mapping):
            raise ExerciseError("pair", f"must be a mapping with form and responses, not {_kind(raw_pair)}")
        _unknown_fields(raw_pair, PAIR_FIELDS, ("pair",))
        if get_form(form_id).respondent != "patient":
            raise ExerciseError("form", "a pair exercise starts from a patient form (wai, wai-s or wai-sr)")
        pair = _sheet(raw_pair, ("pair",), sheet.compute)
        if get_form(pair.form_id).respondent != "therapist":
            raise ExerciseError(
                ("pair", "form"), f"the pair must be a therapist form (wai-t), not {pair.form_id!r}"
            )
    elif level == "pair":
        raise ExerciseError("pair", "is required when level is pair: the therapist's form and responses")
    return Exercise(exercise_id, title, vignette, sheet, attempts, level, pair, notes, dict(data))


def parse_exercises(items: Any) -> dict[str, Exercise]:
    """Validate a list of exercises (e.g. a JSON export) and index them by id; ids must be unique."""
    if isinstance(items, Mapping) and "exercises" in items:
        items = items["exercises"]
    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        raise ExerciseError((), "expected a list of exercises")
    found: dict[str, Exercise] = {}
    for index, data in enumerate(items):
        try:
            exercise = parse_exercise(data)
        except ExerciseError as exc:
            raise ExerciseError((index, *exc.field), exc.reason) from None
        if exercise.id in found:
            raise ExerciseError((index, "id"), f"duplicate exercise id {exercise.id!r}")
        found[exercise.id] = exercise
    return found
