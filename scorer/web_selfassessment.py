"""JSON-in/JSON-out functions for the clinician self-assessment (page ``practice/self-assessment/``).

The page (``docs/js/self-assessment.js``) only moves data between the DOM, ``localStorage`` and these
functions, which ``scorer.web`` lists in its ``FUNCTIONS`` table. The history lives only in the
browser, under ``wai-training:v1:self-assessment:history``, as ``{"v": 1, "entries": [...]}``; every
entry holds the session date, an optional patient label, the clinician's WAI-T means, the patient's
means when a patient form was filled in, and the self-audit summary. Everything the page stores or
imports passes through :func:`validate_history` before it is used, and every text a person typed
is escaped in the HTML made here.

``scorer.web`` is imported inside the functions because it imports this module while it loads.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from datetime import date as _date
from html import escape
from typing import Any

from . import render, selfaudit
from .compare import rescale
from .errors import ScorerError
from .forms import SUBSCALES, get_form
from .scoring import score as _score
from .trend import trend_svg

__all__ = [
    "FUNCTIONS",
    "HISTORY_KIND",
    "HISTORY_VERSION",
    "MAX_ENTRIES",
    "PATIENT_FORMS",
    "THERAPIST_FORM",
    "history_html",
    "sa_delete",
    "sa_evaluate",
    "sa_export_csv",
    "sa_export_json",
    "sa_history",
    "sa_import",
    "sa_record",
    "sa_validate_draft",
    "validate_history",
]

HISTORY_VERSION = 1
HISTORY_KIND = "wai-training-self-assessment"
THERAPIST_FORM = "wai-t"
PATIENT_FORMS: tuple[str, ...] = ("wai-s", "wai", "wai-sr")
PARTS: tuple[str, ...] = (*SUBSCALES, "total")
MAX_ENTRIES = 1000
MAX_LABEL = 60
MAX_IMPORT_CHARS = 5_000_000
ENTRY_FIELDS = frozenset({"id", "date", "saved", "patient_label", "therapist_form", "therapist_means",
                          "patient_form", "patient_means", "audit"})
_ENTRY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
_SAVED = re.compile(r"^\d{4}-\d{2}-\d{2}T[0-9:.]{5,15}(Z|[+-]\d{2}:?\d{2})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")


# --- small validators ---------------------------------------------------------------------------


def _session_date(raw: Any, where: str = "session date") -> str:
    if not isinstance(raw, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        raise ScorerError(f"{where} must be a date written YYYY-MM-DD, not {raw!r}")
    try:
        value = _date.fromisoformat(raw.strip())
    except ValueError:
        raise ScorerError(f"{where}: {raw!r} is not a real calendar date") from None
    if not 1900 <= value.year <= 2999:
        raise ScorerError(f"{where}: the year {value.year} is out of range")
    return value.isoformat()


def _label(raw: Any, where: str = "patient label") -> str:
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


def _result_means(result: Any) -> dict[str, float | None]:
    return {part: (result.total if part == "total" else result.subscales[part]).mean for part in PARTS}


def _gaps(entry: Mapping[str, Any]) -> dict[str, float | None] | None:
    """Patient minus clinician on the 1-7 metric (as ``scorer.compare`` does), or ``None``."""
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
    if saved and (not isinstance(saved, str) or not _SAVED.match(saved)):
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
        "date": _session_date(raw.get("date"), f"{where}: date"),
        "saved": saved or "",
        "patient_label": _label(raw.get("patient_label", ""), f"{where}: patient_label"),
        "therapist_form": THERAPIST_FORM,
        "therapist_means": therapist,
        "patient_form": patient_form,
        "patient_means": None if patient_form is None
        else _means(raw["patient_means"], patient_form, f"{where}: patient_means"),
        "audit": _audit(raw.get("audit"), where),
    }


def _order(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entries, key=lambda e: (e["date"], e["saved"], e["id"]))


def _parse(blob: Any, what: str) -> Any:
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
    data = _parse(blob, what)
    if data is None:
        return {"v": HISTORY_VERSION, "entries": [], "problems": []}
    if not isinstance(data, Mapping):
        raise ScorerError(f"{what} must be a JSON object with \"v\" and \"entries\"")
    if data.get("v") != HISTORY_VERSION:
        raise ScorerError(f"{what} has version {data.get('v')!r}; this site reads version {HISTORY_VERSION}")
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
    return {"v": HISTORY_VERSION, "entries": _order(clean), "problems": problems}


def _stored(history: dict[str, Any]) -> dict[str, Any]:
    return {"v": HISTORY_VERSION, "entries": history["entries"]}


# --- HTML ---------------------------------------------------------------------------------------


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _gap_text(entry: Mapping[str, Any]) -> str:
    gaps = _gaps(entry)
    if gaps is None:
        return "no patient form"
    flagged = [p.title() for p in PARTS if gaps[p] is not None and abs(gaps[p]) >= 1 - 1e-9]
    total = gaps["total"]
    text = f"total {total:+.2f}" if total is not None else "total not scorable"
    return text + (f"; 1 point or more: {', '.join(flagged)}" if flagged else "")


def history_html(history: Mapping[str, Any], *, uid: str = "wai-sa-trend") -> str:
    """The trend chart and the table of saved sessions, newest first, each with a Delete button."""
    entries = list(history.get("entries") or [])
    if not entries:
        return ('<p class="wai-history-empty">No sessions are saved in this browser yet. Save one with '
                "<strong>Save to history</strong> after scoring.</p>")
    rows = []
    for entry in reversed(entries):
        label = entry["patient_label"] or "(no label)"
        patient = "—"
        if entry["patient_form"]:
            short = get_form(entry["patient_form"]).short_name
            patient = f"{_mean(entry['patient_means']['total'])} ({short})"
        audit = entry["audit"]
        audit_text = "—" if audit["mean"] is None else f"{audit['mean']:.2f} ({audit['rated']} rated)"
        means = "".join(f"<td>{_mean(entry['therapist_means'][p])}</td>" for p in PARTS)
        what = f"{entry['date']}, {label}"
        rows.append(
            f'<tr data-entry="{_e(entry["id"])}"><th scope="row">{_e(entry["date"])}</th>'
            f"<td>{_e(label)}</td>{means}<td>{_e(patient)}</td><td>{_e(_gap_text(entry))}</td>"
            f"<td>{_e(audit_text)}</td>"
            f'<td><button type="button" class="md-button wai-small-button" data-action="delete-entry" '
            f'data-entry="{_e(entry["id"])}" aria-label="Delete the session of {_e(what)}">Delete</button>'
            "</td></tr>"
        )
    n = len(entries)
    return (
        f'<figure class="wai-figure wai-trend">{trend_svg(history, uid=uid)}'
        f"<figcaption>Your WAI-T item means over {n} saved session{'s' if n != 1 else ''}; the patient's "
        "total where you entered one.</figcaption></figure>"
        '<div class="wai-results-table wai-history-table"><table>'
        f"<caption>Saved sessions in this browser ({n}), newest first</caption>"
        '<thead><tr><th scope="col">Date</th><th scope="col">Patient label</th>'
        '<th scope="col">Goal</th><th scope="col">Task</th><th scope="col">Bond</th>'
        '<th scope="col">Total</th><th scope="col">Patient total</th>'
        '<th scope="col">Gap (patient − you, 1–7)</th><th scope="col">Self-audit mean (1–5)</th>'
        '<th scope="col">Actions</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _history_reply(history: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"history": _stored(history), "count": len(history["entries"]), "html": history_html(history),
            **extra}


# --- scoring one session ------------------------------------------------------------------------


def _score_session(therapist_responses: Any, patient_form: Any, patient_responses: Any) -> dict[str, Any]:
    from .web import responses_from_web

    t_form = get_form(THERAPIST_FORM)
    t_values = responses_from_web(t_form, therapist_responses)
    if all(v is None for v in t_values):
        raise ScorerError("WAI-T: no answers yet; answer the therapist form for this patient first")
    therapist = _score(t_form, t_values)
    patient = None
    if patient_form not in (None, ""):
        if patient_form not in PATIENT_FORMS:
            raise ScorerError(
                f"the patient's form must be one of {', '.join(PATIENT_FORMS)}, not {patient_form!r}"
            )
        p_form = get_form(patient_form)
        p_values = responses_from_web(p_form, patient_responses if patient_responses is not None else {})
        if any(v is not None for v in p_values):
            patient = _score(p_form, p_values)
    return {"therapist": therapist, "patient": patient}


def _session_html(scored: Mapping[str, Any], audit: Mapping[str, Any], rapport_url: str) -> str:
    from .compare import compare as _compare
    from .web import _teaching_notes

    therapist, patient = scored["therapist"], scored["patient"]
    parts = [render.results_table_html(therapist, caption="Your view (WAI-T)")]
    if patient is not None:
        comparison = _compare(patient, therapist).to_dict()
        notes = _teaching_notes(comparison, patient.form, therapist.form)
        caption = f"The patient's view ({patient.form.short_name})"
        parts.append(render.results_table_html(patient, caption=caption))
        parts.append('<h3 class="wai-results-heading">Your view and the patient\'s</h3>')
        parts.append(f'<figure class="wai-figure">{_discrepancy(comparison)}</figure>')
        parts.append('<ul class="wai-notes">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    else:
        parts.append(
            '<p class="wai-hint">No patient form was filled in, so there is no comparison this time.</p>'
        )
    parts.append('<h3 class="wai-results-heading">Self-audit</h3>')
    parts.append(selfaudit.summary_html(audit, rapport_url=rapport_url))
    return "".join(parts)


def _discrepancy(comparison: Mapping[str, Any]) -> str:
    from .charts import discrepancy_svg

    return discrepancy_svg(comparison, uid="wai-sa-discrepancy")


def sa_evaluate(
    therapist_responses: Any, patient_form: Any = None, patient_responses: Any = None,
    ratings: Any = None, reflections: Any = None, rapport_url: str = "",
) -> dict[str, Any]:
    """Score the WAI-T (and the patient's form if any), compare them, summarize the self-audit."""
    scored = _score_session(therapist_responses, patient_form, patient_responses)
    audit = selfaudit.summarize(ratings, reflections)
    out: dict[str, Any] = {"therapist": scored["therapist"].to_dict(), "audit": audit,
                           "html": _session_html(scored, audit, str(rapport_url))}
    out["patient"] = scored["patient"].to_dict() if scored["patient"] is not None else None
    return out


def _new_id(now: str, taken: set[str]) -> str:
    base = "s" + re.sub(r"[^0-9]", "", now)[:17]
    entry_id, n = base, 1
    while entry_id in taken:
        n += 1
        entry_id = f"{base}-{n}"
    return entry_id


def sa_record(
    history: Any, therapist_responses: Any, date: Any, now: Any, patient_label: Any = "",
    patient_form: Any = None, patient_responses: Any = None, ratings: Any = None,
    reflections: Any = None, rapport_url: str = "",
) -> dict[str, Any]:
    """Score the session and add it to the (validated) stored history; returns the new history."""
    current = validate_history(history, strict=False, what="the saved history")
    if not isinstance(now, str) or not _SAVED.match(now):
        raise ScorerError(f"the time of saving must look like 2026-01-31T09:30:00Z, not {now!r}")
    scored = _score_session(therapist_responses, patient_form, patient_responses)
    therapist, patient = scored["therapist"], scored["patient"]
    if therapist.total.mean is None:
        raise ScorerError(
            "WAI-T: too many items are unanswered to score the total, so this session cannot be saved "
            "yet; answer at least three in four items of each subscale"
        )
    if len(current["entries"]) >= MAX_ENTRIES:
        raise ScorerError(f"the history is full ({MAX_ENTRIES} sessions); export it and delete old sessions")
    audit = selfaudit.summarize(ratings, reflections)
    entry = validate_entry({
        "id": _new_id(now, {e["id"] for e in current["entries"]}),
        "date": _session_date(date),
        "saved": now,
        "patient_label": _label(patient_label),
        "therapist_form": THERAPIST_FORM,
        "therapist_means": _result_means(therapist),
        "patient_form": patient.form.id if patient is not None else None,
        "patient_means": _result_means(patient) if patient is not None else None,
        "audit": audit,
    })
    updated = {"v": HISTORY_VERSION, "entries": _order([*current["entries"], entry])}
    return _history_reply(
        updated, entry=entry, dropped=current["problems"],
        session_html=_session_html(scored, audit, str(rapport_url)),
        message=f"Saved the session of {entry['date']} to the history in this browser.",
    )


def sa_history(history: Any) -> dict[str, Any]:
    """What this browser stored, checked: bad entries are dropped and listed in ``dropped``."""
    current = validate_history(history, strict=False, what="the saved history")
    return _history_reply(current, dropped=current["problems"])


def sa_delete(history: Any, entry_id: Any) -> dict[str, Any]:
    """The history without one entry; an unknown id is an error, so nothing else changes."""
    current = validate_history(history, strict=False, what="the saved history")
    kept = [e for e in current["entries"] if e["id"] != entry_id]
    if len(kept) == len(current["entries"]):
        raise ScorerError("that session is no longer in the history (perhaps deleted in another tab)")
    gone = next(e for e in current["entries"] if e["id"] == entry_id)
    return _history_reply({"v": HISTORY_VERSION, "entries": kept}, dropped=current["problems"],
                          message=f"Deleted the session of {gone['date']}.")


def sa_import(text: Any, history: Any = None) -> dict[str, Any]:
    """Merge an exported file into the history; a bad file is refused whole, the history untouched."""
    if not isinstance(text, str) or not text.strip():
        raise ScorerError("the chosen file is empty")
    imported = validate_history(text, strict=True, what="the imported file")
    current = validate_history(history, strict=False, what="the saved history")
    known = {e["id"] for e in current["entries"]}
    added = [e for e in imported["entries"] if e["id"] not in known]
    skipped = len(imported["entries"]) - len(added)
    total = len(current["entries"]) + len(added)
    if total > MAX_ENTRIES:
        raise ScorerError(f"importing would make {total} sessions; at most {MAX_ENTRIES} are kept")
    message = f"Imported {len(added)} session{'s' if len(added) != 1 else ''}"
    if skipped:
        message += f"; {skipped} already in this browser were left as they were"
    merged = {"v": HISTORY_VERSION, "entries": _order([*current["entries"], *added])}
    return _history_reply(merged, added=len(added), skipped=skipped, dropped=current["problems"],
                          message=message + ".")


# --- export -------------------------------------------------------------------------------------


def _safe_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(_CSV_FORMULA) else text


def _number(value: float | None) -> str | float:
    return "" if value is None else round(value, 4)


def sa_export_json(history: Any, today: Any = None) -> dict[str, str]:
    """The whole history as JSON that :func:`sa_import` reads back."""
    current = validate_history(history, strict=False, what="the saved history")
    stamp = _session_date(today, "today") if today else ""
    blob = {"v": HISTORY_VERSION, "kind": HISTORY_KIND, "entries": current["entries"]}
    name = "wai-self-assessment" + (f"-{stamp}" if stamp else "") + ".json"
    return {"filename": name, "mime": "application/json", "text": json.dumps(blob, indent=2) + "\n"}


def sa_export_csv(history: Any, today: Any = None) -> dict[str, str]:
    """One row per session: means, the patient's means and gaps, the self-audit ratings and notes."""
    current = validate_history(history, strict=False, what="the saved history")
    stamp = _session_date(today, "today") if today else ""
    practices = selfaudit.practices()
    fields = ["date", "patient_label", "therapist_form", *(f"therapist_{p}_mean" for p in PARTS),
              "patient_form", *(f"patient_{p}_mean" for p in PARTS), *(f"gap_{p}_1to7" for p in PARTS),
              "audit_rated", "audit_mean", *(f"rating_{p.id}" for p in practices),
              *(f"reflection_{p.id}" for p in practices), "id", "saved"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for entry in current["entries"]:
        gaps = _gaps(entry) or {}
        audit = entry["audit"]
        row: dict[str, Any] = {
            "date": entry["date"], "patient_label": _safe_cell(entry["patient_label"]),
            "therapist_form": entry["therapist_form"], "patient_form": entry["patient_form"] or "",
            "audit_rated": audit["rated"], "audit_mean": _number(audit["mean"]),
            "id": entry["id"], "saved": entry["saved"],
        }
        for p in PARTS:
            row[f"therapist_{p}_mean"] = _number(entry["therapist_means"][p])
            row[f"patient_{p}_mean"] = _number((entry["patient_means"] or {}).get(p))
            row[f"gap_{p}_1to7"] = _number(gaps.get(p))
        for p in practices:
            row[f"rating_{p.id}"] = audit["ratings"].get(p.id, "")
            row[f"reflection_{p.id}"] = _safe_cell(audit["reflections"].get(p.id, ""))
        writer.writerow(row)
    name = "wai-self-assessment" + (f"-{stamp}" if stamp else "") + ".csv"
    return {"filename": name, "mime": "text/csv", "text": buffer.getvalue()}


# --- the unsaved form (kept so a reload loses nothing) ------------------------------------------


def sa_validate_draft(draft: Any) -> dict[str, Any]:
    """The page's saved, not yet recorded, answers: checked before they are trusted after a reload."""
    from .web import responses_from_web

    data = _parse(draft, "the saved form")
    if not isinstance(data, Mapping) or data.get("v") != HISTORY_VERSION:
        raise ScorerError("the saved form is not a version 1 object")
    out: dict[str, Any] = {"v": HISTORY_VERSION}
    out["therapist"] = responses_from_web(get_form(THERAPIST_FORM), data.get("therapist") or {})
    patient_form = data.get("patient_form") or PATIENT_FORMS[0]
    if patient_form not in PATIENT_FORMS:
        raise ScorerError(f"the saved patient form {patient_form!r} is not one of {', '.join(PATIENT_FORMS)}")
    out["patient_form"] = patient_form
    out["patient"] = responses_from_web(get_form(patient_form), data.get("patient") or {})
    out["ratings"] = selfaudit.clean_ratings(data.get("ratings"))
    out["reflections"] = selfaudit.clean_reflections(data.get("reflections"))
    out["patient_label"] = _label(data.get("patient_label"))
    out["date"] = _session_date(data["date"]) if data.get("date") else ""
    return out


FUNCTIONS = {
    "sa_evaluate": sa_evaluate,
    "sa_record": sa_record,
    "sa_history": sa_history,
    "sa_delete": sa_delete,
    "sa_import": sa_import,
    "sa_export_json": sa_export_json,
    "sa_export_csv": sa_export_csv,
    "sa_validate_draft": sa_validate_draft,
}
