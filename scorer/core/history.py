"""The clinician self-assessment history: what an entry holds and how a stored value is checked.

The history lives only in the browser, under ``wai-training:v1:self-assessment:history``, as
``{"v": 1, "entries": [...]}``; every entry holds the session date, an optional patient label, the
clinician's WAI-T means, the patient's means when a patient form was filled in, and the self-audit
summary. Everything the page stores or imports passes through :func:`validate_history`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date as _date
from typing import Any

from . import selfaudit
from .answers import PARTS
from .compare import rescale
from .errors import ScorerError, shown
from .forms import get_form

__all__ = ["ENTRY_FIELDS", "HISTORY_KIND", "HISTORY_VERSION", "MAX_ENTRIES", "MAX_IMPORT_CHARS", "MAX_LABEL",
           "PATIENT_FORMS", "SAVED_STAMP", "THERAPIST_FORM", "clean_label", "gaps", "ordered", "parse_json",
           "result_means",
           "session_date", "stored", "validate_entry", "validate_history"]


HISTORY_VERSION = 1


HISTORY_KIND = "wai-training-self-assessment"


THERAPIST_FORM = "wai-t"


PATIENT_FORMS: tuple[str, ...] = ("wai-s", "wai", "wai-sr")


MAX_ENTRIES = 1000


MAX_LABEL = 60


MAX_IMPORT_CHARS = 5_000_000


ENTRY_FIELDS = frozenset({"id", "date", "saved", "patient_label", "therapist_form", "therapist_means",
                          "patient_form", "patient_means", "audit"})


_ENTRY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


SAVED_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T[0-9:.]{5,15}(Z|[+-]\d{2}:?\d{2})?$")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


_SPACES = re.compile(r"\s+")


def session_date(raw: Any, where: str = "session date") -> str:
    if not isinstance(raw, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        raise ScorerError(f"{where} must be a date written YYYY-MM-DD, not {raw!r}")
    try:
        value = _date.fromisoformat(raw.strip())
    except ValueError:
        raise ScorerError(f"{where}: {raw!r} is not a real calendar date") from None
    if not 1900 <= value.year <= 2999:
        raise ScorerError(f"{where}: the year {value.year} is out of range")
    return value.isoformat()


def clean_label(raw: Any, where: str = "patient label") -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise ScorerError(f"{where} must be text")
    text = _SPACES.sub(" ", _CONTROL.sub(" ", raw)).strip()
    if len(text) > MAX_LABEL:
        raise ScorerError(f"{where} has {len(text)} characters; keep it to {MAX_LABEL} (a code, not a name)")
    return text


def _means(raw: Any, form_id: str, where: str) -> dict[str, float | None]:
    form = get_form(form_id)
    if not isinstance(raw, Mapping) or set(raw) != set(PARTS):
        raise ScorerError(f"{where} must give goal, task, bond and total (a number or null each)")
    out: dict[str, float | None] = {}
    for part in PARTS:
        value = raw[part]
        if value is None:
            out[part] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            raise ScorerError(f"{where}: {part} must be a number or null, not {value!r}")
        if not form.scale.min <= value <= form.scale.max:
            raise ScorerError(
                f"{where}: {part} mean {value!r} is outside the {form.short_name} scale "
                f"{form.scale.min}-{form.scale.max}"
            )
        out[part] = float(value)
    return out


def result_means(result: Any) -> dict[str, float | None]:
    return {part: (result.total if part == "total" else result.subscales[part]).mean for part in PARTS}


def gaps(entry: Mapping[str, Any]) -> dict[str, float | None] | None:
    """Patient minus clinician on the 1-7 metric (as ``scorer.core.compare`` does), or ``None``."""
    if not entry.get("patient_form"):
        return None
    scale = get_form(entry["patient_form"]).scale
    out: dict[str, float | None] = {}
    for part in PARTS:
        p, t = entry["patient_means"][part], entry["therapist_means"][part]
        if p is None or t is None:
            out[part] = None
            continue
        if (scale.min, scale.max) != (1, 7):
            p = rescale(p, scale.min, scale.max)
        out[part] = p - t
    return out


def _audit(raw: Any, where: str) -> dict[str, Any]:
    if raw is None:
        return selfaudit.summarize({}, {})
    if not isinstance(raw, Mapping):
        raise ScorerError(f"{where}: the self-audit must be an object")
    try:
        return selfaudit.summarize(raw.get("ratings"), raw.get("reflections"))
    except ScorerError as exc:
        raise ScorerError(f"{where}: {exc}") from None


def validate_entry(raw: Any, where: str = "entry") -> dict[str, Any]:
    """One history entry, checked field by field; derived values are recomputed, never trusted."""
    if not isinstance(raw, Mapping):
        raise ScorerError(f"{where} must be an object")
    unknown = set(raw) - ENTRY_FIELDS
    if unknown:
        raise ScorerError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not _ENTRY_ID.match(entry_id):
        raise ScorerError(f"{where}: 'id' must be a short code of letters, digits and - . _ :")
    saved = raw.get("saved", "")
    if saved and (not isinstance(saved, str) or not SAVED_STAMP.match(saved)):
        raise ScorerError(f"{where}: 'saved' must be a date and time such as 2026-01-31T09:30:00Z")
    if raw.get("therapist_form", THERAPIST_FORM) != THERAPIST_FORM:
        raise ScorerError(f"{where}: the clinician's form must be {THERAPIST_FORM}")
    patient_form = raw.get("patient_form")
    if patient_form is not None and patient_form not in PATIENT_FORMS:
        raise ScorerError(f"{where}: patient_form must be one of {', '.join(PATIENT_FORMS)} or null")
    if (patient_form is None) != (raw.get("patient_means") is None):
        raise ScorerError(f"{where}: patient_form and patient_means must be given together")
    therapist = _means(raw.get("therapist_means"), THERAPIST_FORM, f"{where}: therapist_means")
    if all(v is None for v in therapist.values()):
        raise ScorerError(f"{where}: therapist_means has no scorable value")
    return {
        "id": entry_id,
        "date": session_date(raw.get("date"), f"{where}: date"),
        "saved": saved or "",
        "patient_label": clean_label(raw.get("patient_label", ""), f"{where}: patient_label"),
        "therapist_form": THERAPIST_FORM,
        "therapist_means": therapist,
        "patient_form": patient_form,
        "patient_means": None if patient_form is None
        else _means(raw["patient_means"], patient_form, f"{where}: patient_means"),
        "audit": _audit(raw.get("audit"), where),
    }


def ordered(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entries, key=lambda e: (e["date"], e["saved"], e["id"]))


def parse_json(blob: Any, what: str) -> Any:
    if isinstance(blob, str):
        if len(blob) > MAX_IMPORT_CHARS:
            raise ScorerError(f"{what} is too large ({len(blob)} characters) to be a self-assessment history")
        try:
            return json.loads(blob)
        except json.JSONDecodeError as exc:
            raise ScorerError(f"{what} is not valid JSON ({exc.msg}, line {exc.lineno})") from None
        except (ValueError, RecursionError):  # a number of thousands of digits; very deep nesting
            raise ScorerError(
                f"{what} is not valid JSON (a number is too long or it nests too deeply)"
            ) from None
    return blob


def validate_history(blob: Any, *, strict: bool = True, what: str = "the history") -> dict[str, Any]:
    """``{"v": 1, "entries": [...]}`` (a JSON string or an object), checked and in date order.

    ``strict`` (for imported files): any bad entry refuses the whole file, naming the entry and the
    reason. Not strict (for what this browser stored): bad entries are dropped and reported in
    ``problems``, the good ones kept. A bad envelope is refused either way.
    """
    data = parse_json(blob, what)
    if data is None:
        return {"v": HISTORY_VERSION, "entries": [], "problems": []}
    if not isinstance(data, Mapping):
        raise ScorerError(f"{what} must be a JSON object with \"v\" and \"entries\"")
    if data.get("v") != HISTORY_VERSION:
        found = "no version number" if data.get("v") is None else f"version {shown(data.get('v'))}"
        raise ScorerError(f"{what} has {found}; this site reads version {HISTORY_VERSION}")
    if "kind" in data and data["kind"] != HISTORY_KIND:
        raise ScorerError(f"{what} is a {data['kind']!r} file, not a self-assessment history")
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise ScorerError(f"{what} has no list of entries")
    if len(entries) > MAX_ENTRIES:
        raise ScorerError(f"{what} holds {len(entries)} entries; at most {MAX_ENTRIES} are kept")
    clean: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, raw in enumerate(entries, start=1):
        try:
            entry = validate_entry(raw, f"entry {number}")
            if entry["id"] in seen:
                raise ScorerError(f"entry {number}: the id {entry['id']!r} is used twice")
        except ScorerError as exc:
            if strict:
                raise ScorerError(f"{what}: {exc}") from None
            problems.append(str(exc))
            continue
        seen.add(entry["id"])
        clean.append(entry)
    return {"v": HISTORY_VERSION, "entries": ordered(clean), "problems": problems}


def stored(history: dict[str, Any]) -> dict[str, Any]:
    return {"v": HISTORY_VERSION, "entries": history["entries"]}
