"""Worker functions that export results (CSV, JSON) and check a stored value before it is restored."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from ..core.answers import ANSWER_KEYS, PARTS
from ..core.compare import compare as compare_results
from ..core.csvsafe import safe_row
from ..core.errors import ScorerError, shown
from ..core.forms import get_form
from ..core.numbers import rounded
from ..core.scoring import Result
from ..core.scoring import score as score_responses
from .inputs import form_of, profile_of, responses_from_web, seed_of

__all__ = ["SAVED_VERSION", "export_csv", "export_json", "validate_saved"]

SAVED_VERSION = 1


def _export_row(result: Any) -> dict[str, Any]:
    data = result.to_dict()
    row: dict[str, Any] = {"form": data["form"]}
    for name in PARTS:
        part = data["total"] if name == "total" else data["subscales"][name]
        row[f"{name}_sum"] = "" if part["sum"] is None else part["sum"]
        row[f"{name}_mean"] = rounded(part["mean"])
    for i, value in enumerate(data["responses"], start=1):
        row[f"item_{i}"] = "" if value is None else value
    return row


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    fields: list[str] = []
    for row in rows:
        fields.extend(k for k in row if k not in fields)
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(safe_row(row) for row in rows)
    return buffer.getvalue()


def _results(form_id: Any, responses: Any) -> Result:
    form = form_of(form_id)
    return score_responses(form, responses_from_web(form, responses))


def export_csv(
    form_id: str, responses: Any, therapist_form: str | None = None, therapist_responses: Any = None
) -> dict[str, str]:
    """Results as CSV (one row per form: sums, means, then the raw answers); two rows for a comparison."""
    rows = [_export_row(_results(form_id, responses))]
    if therapist_form is not None:
        rows[0] = {"role": "patient", **rows[0]}
        rows.append({"role": "therapist", **_export_row(_results(therapist_form, therapist_responses))})
    name = f"wai-{form_id}" + (f"-vs-{therapist_form}" if therapist_form else "") + "-results.csv"
    return {"filename": name, "mime": "text/csv", "text": _csv(rows)}


def export_json(
    form_id: str, responses: Any, therapist_form: str | None = None, therapist_responses: Any = None
) -> dict[str, str]:
    """Results as JSON: the versioned envelope the site can read back with :func:`validate_saved`."""
    result = _results(form_id, responses)
    blob: dict[str, Any] = {"v": SAVED_VERSION, "kind": "wai-training-results", "form": result.form.id,
                            "responses": list(result.responses), "result": result.to_dict()}
    if therapist_form is not None:
        other = _results(therapist_form, therapist_responses)
        blob["therapist"] = {"form": other.form.id, "responses": list(other.responses),
                             "result": other.to_dict()}
        blob["comparison"] = compare_results(result, other).to_dict()
    name = f"wai-{form_id}" + (f"-vs-{therapist_form}" if therapist_form else "") + "-results.json"
    return {"filename": name, "mime": "application/json", "text": json.dumps(blob, indent=2) + "\n"}


def validate_saved(blob: Any, form_id: str | None = None) -> dict[str, Any]:
    """Check a stored or imported value (a JSON string or an object) before the page restores it.

    Accepts ``{"v": 1, "responses": ...}`` (answers of one form), ``{"v": 1, "answers": ...}`` (a
    case's sums and means, kept as the student typed them) and exported results. Returns the cleaned
    value; anything else raises ``ScorerError`` so the page can drop it with a notice.
    """
    if isinstance(blob, str):
        try:
            blob = json.loads(blob)
        except json.JSONDecodeError as exc:
            raise ScorerError(f"saved answers are not valid JSON ({exc.msg} at position {exc.pos})") from None
        except (ValueError, RecursionError):  # a number of thousands of digits; very deep nesting
            raise ScorerError(
                "saved answers are not valid JSON (a number is too long or it nests too deeply)"
            ) from None
    if not isinstance(blob, Mapping):
        raise ScorerError("saved answers must be a JSON object")
    if blob.get("v") != SAVED_VERSION:
        found = "no version number" if blob.get("v") is None else f"version {shown(blob.get('v'))}"
        raise ScorerError(f"saved answers have {found}; this site reads version {SAVED_VERSION}")
    out: dict[str, Any] = {"v": SAVED_VERSION}
    form_value = blob.get("form", form_id)
    if form_id is not None and form_value != form_id:
        raise ScorerError(f"saved answers are for form {form_value!r}, not {form_id!r}")
    if form_value is not None or "responses" in blob:
        out["form"] = form_of(form_value).id
    if "responses" in blob:
        out["responses"] = responses_from_web(get_form(out["form"]), blob["responses"])
    if "answers" in blob:
        answers = blob["answers"]
        if not isinstance(answers, Mapping) or any(
            k not in ANSWER_KEYS or not isinstance(v, str) or len(v) > 40 for k, v in answers.items()
        ):
            raise ScorerError("saved case answers must map the eight answer names to short texts")
        out["answers"] = dict(answers)
    if "seed" in blob:
        out["seed"] = seed_of(blob["seed"])
    if "profile" in blob:
        out["profile"] = profile_of(blob["profile"])
    if not {"responses", "answers"} & set(out):
        raise ScorerError("saved value holds no answers")
    return out
