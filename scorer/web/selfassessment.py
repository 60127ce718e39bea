"""JSON-in/JSON-out worker functions of the clinician self-assessment (page ``practice/self-assessment/``).

The page (``docs/js/self-assessment.js``) only moves data between the DOM, ``localStorage`` and these
functions. What a history holds and how it is checked is :mod:`scorer.core.history`; every text a
person typed is escaped in the HTML, which comes from :mod:`scorer.html.history`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from typing import Any

from ..core import selfaudit
from ..core.answers import PARTS
from ..core.csvsafe import safe_text
from ..core.errors import ScorerError
from ..core.forms import get_form
from ..core.history import (
    HISTORY_KIND,
    HISTORY_VERSION,
    MAX_ENTRIES,
    PATIENT_FORMS,
    SAVED_STAMP,
    THERAPIST_FORM,
    clean_label,
    gaps,
    ordered,
    parse_json,
    result_means,
    session_date,
    stored,
    validate_entry,
    validate_history,
)
from ..core.numbers import rounded
from ..core.scoring import score as score_responses
from ..html.history import history_html, session_html
from .inputs import responses_from_web

__all__ = ["sa_delete", "sa_evaluate", "sa_export_csv", "sa_export_json", "sa_history", "sa_import",
           "sa_record", "sa_validate_draft"]



def _history_reply(history: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"history": stored(history), "count": len(history["entries"]), "html": history_html(history),
            **extra}


def _score_session(therapist_responses: Any, patient_form: Any, patient_responses: Any) -> dict[str, Any]:
    t_form = get_form(THERAPIST_FORM)
    t_values = responses_from_web(t_form, therapist_responses)
    if all(v is None for v in t_values):
        raise ScorerError("WAI-T: no answers yet; answer the therapist form for this patient first")
    therapist = score_responses(t_form, t_values)
    patient = None
    if patient_form not in (None, ""):
        if patient_form not in PATIENT_FORMS:
            raise ScorerError(
                f"the patient's form must be one of {', '.join(PATIENT_FORMS)}, not {patient_form!r}"
            )
        p_form = get_form(patient_form)
        p_values = responses_from_web(p_form, patient_responses if patient_responses is not None else {})
        if any(v is not None for v in p_values):
            patient = score_responses(p_form, p_values)
    return {"therapist": therapist, "patient": patient}


def sa_evaluate(
    therapist_responses: Any, patient_form: Any = None, patient_responses: Any = None,
    ratings: Any = None, reflections: Any = None, rapport_url: str = "",
) -> dict[str, Any]:
    """Score the WAI-T (and the patient's form if any), compare them, summarize the self-audit."""
    scored = _score_session(therapist_responses, patient_form, patient_responses)
    audit = selfaudit.summarize(ratings, reflections)
    out: dict[str, Any] = {"therapist": scored["therapist"].to_dict(), "audit": audit,
                           "html": session_html(scored["therapist"], scored["patient"], audit,
                                                str(rapport_url))}
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
    if not isinstance(now, str) or not SAVED_STAMP.match(now):
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
        "date": session_date(date),
        "saved": now,
        "patient_label": clean_label(patient_label),
        "therapist_form": THERAPIST_FORM,
        "therapist_means": result_means(therapist),
        "patient_form": patient.form.id if patient is not None else None,
        "patient_means": result_means(patient) if patient is not None else None,
        "audit": audit,
    })
    updated = {"v": HISTORY_VERSION, "entries": ordered([*current["entries"], entry])}
    return _history_reply(
        updated, entry=entry, dropped=current["problems"],
        session_html=session_html(scored["therapist"], scored["patient"], audit, str(rapport_url)),
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
    merged = {"v": HISTORY_VERSION, "entries": ordered([*current["entries"], *added])}
    return _history_reply(merged, added=len(added), skipped=skipped, dropped=current["problems"],
                          message=message + ".")



def sa_export_json(history: Any, today: Any = None) -> dict[str, str]:
    """The whole history as JSON that :func:`sa_import` reads back."""
    current = validate_history(history, strict=False, what="the saved history")
    stamp = session_date(today, "today") if today else ""
    blob = {"v": HISTORY_VERSION, "kind": HISTORY_KIND, "entries": current["entries"]}
    name = "wai-self-assessment" + (f"-{stamp}" if stamp else "") + ".json"
    return {"filename": name, "mime": "application/json", "text": json.dumps(blob, indent=2) + "\n"}


def sa_export_csv(history: Any, today: Any = None) -> dict[str, str]:
    """One row per session: means, the patient's means and gaps, the self-audit ratings and notes."""
    current = validate_history(history, strict=False, what="the saved history")
    stamp = session_date(today, "today") if today else ""
    practices = selfaudit.practices()
    fields = ["date", "patient_label", "therapist_form", *(f"therapist_{p}_mean" for p in PARTS),
              "patient_form", *(f"patient_{p}_mean" for p in PARTS), *(f"gap_{p}_1to7" for p in PARTS),
              "audit_rated", "audit_mean", *(f"rating_{p.id}" for p in practices),
              *(f"reflection_{p.id}" for p in practices), "id", "saved"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for entry in current["entries"]:
        gap = gaps(entry) or {}
        audit = entry["audit"]
        row: dict[str, Any] = {
            "date": entry["date"], "patient_label": safe_text(entry["patient_label"]),
            "therapist_form": entry["therapist_form"], "patient_form": entry["patient_form"] or "",
            "audit_rated": audit["rated"], "audit_mean": rounded(audit["mean"]),
            "id": entry["id"], "saved": entry["saved"],
        }
        for p in PARTS:
            row[f"therapist_{p}_mean"] = rounded(entry["therapist_means"][p])
            row[f"patient_{p}_mean"] = rounded((entry["patient_means"] or {}).get(p))
            row[f"gap_{p}_1to7"] = rounded(gap.get(p))
        for practice in practices:
            row[f"rating_{practice.id}"] = audit["ratings"].get(practice.id, "")
            row[f"reflection_{practice.id}"] = safe_text(audit["reflections"].get(practice.id, ""))
        writer.writerow(row)
    name = "wai-self-assessment" + (f"-{stamp}" if stamp else "") + ".csv"
    return {"filename": name, "mime": "text/csv", "text": buffer.getvalue()}


def sa_validate_draft(draft: Any) -> dict[str, Any]:
    """The page's saved, not yet recorded, answers: checked before they are trusted after a reload."""
    data = parse_json(draft, "the saved form")
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
    out["patient_label"] = clean_label(data.get("patient_label"))
    out["date"] = session_date(data["date"]) if data.get("date") else ""
    return out
