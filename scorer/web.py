"""JSON-in/JSON-out functions for the browser worker (``docs/js/worker.js``).

The page only moves data: it sends what the DOM holds (strings of digits, empty strings for
unanswered items) and puts the returned HTML into the page. Every decision, every number and every
piece of HTML is made here, with the same ``scorer.render`` and ``scorer.charts`` the build uses.

The worker calls :func:`dispatch` with a function name and a JSON object of keyword arguments and
gets a JSON string back: ``{"ok": true, "value": ...}`` or ``{"ok": false, "error": "..."}``, where
the error is the ``ScorerError`` message meant for a person.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from . import cases, charts, render
from .check import ANSWER_KEYS
from .errors import ScorerError, shown
from .forms import FORM_IDS, SUBSCALES, Form, get_form
from .scoring import score as _score

__all__ = [
    "ANSWER_KEYS",
    "FUNCTIONS",
    "check_case",
    "compare",
    "dispatch",
    "export_csv",
    "export_json",
    "new_case",
    "parse_row",
    "score",
    "solution",
    "validate_saved",
]

#: Labels of the eight numbers a student computes for a case (``ANSWER_KEYS``, from ``scorer.check``).
ANSWER_LABELS: dict[str, str] = {
    key: f"{key.split('_')[0].title()} {key.split('_')[1]}" for key in ANSWER_KEYS
}
MISSING_TOKENS = frozenset({"", ".", "-", "na", "n/a", "nan", "missing"})
SAVED_VERSION = 1
_INT = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_SEPARATORS = re.compile(r"[,;\s]+")


# --- input conversion --------------------------------------------------------------------------


def _form(form_id: Any) -> Form:
    if not isinstance(form_id, str):
        raise ScorerError(f"form must be one of {', '.join(FORM_IDS)}, not {form_id!r}")
    return get_form(form_id.strip())


def _value(form: Form, item: int, raw: Any) -> int | None:
    """One answer from the DOM: an int, a string of digits, or empty/None for unanswered."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip()
        if text.lower() in MISSING_TOKENS:
            return None
        if not _INT.match(text):
            raise ScorerError(
                f"{form.short_name} ({form.id}) item {item}: {shown(raw)} is not a whole number; "
                f"allowed answers are {form.scale.describe()}"
            )
        if len(text) > 20:  # int() refuses thousands of digits; no answer is that long
            raise ScorerError(
                f"{form.short_name} ({form.id}) item {item}: answer {shown(raw)} is outside the allowed "
                f"range {form.scale.describe()}"
            )
        raw = int(text)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    form.keyed(item, raw)  # raises a ScorerError naming the item, value and range
    return raw


def responses_from_web(form: Form, raw: Any) -> list[int | None]:
    """Answers in item order from a list (``None``/``""`` = unanswered) or an ``{"N": value}`` object."""
    n = form.n_items
    if isinstance(raw, Mapping):
        values: list[int | None] = [None] * n
        for key, value in raw.items():
            text = str(key).strip()
            if not _INT.match(text) or len(text) > 9 or not 1 <= int(text) <= n:
                raise ScorerError(
                    f"{form.short_name} ({form.id}): there is no item {shown(key)}; items are numbered 1-{n}"
                )
            values[int(text) - 1] = _value(form, int(text), value)
        return values
    if isinstance(raw, list | tuple):
        if len(raw) != n:
            raise ScorerError(
                f"{form.short_name} ({form.id}) has {n} items, but {len(raw)} answers were given"
            )
        return [_value(form, i, v) for i, v in enumerate(raw, start=1)]
    raise ScorerError(
        f"{form.short_name} ({form.id}): answers must be a list in item order or an object "
        f"item number -> answer, not {type(raw).__name__}"
    )


def _seed(raw: Any) -> int:
    text = str(raw).strip() if not isinstance(raw, bool) else ""
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if not _INT.match(text) or int(text[:30]) < 0:
        raise ScorerError(f"the case number (seed) must be a whole number 0 or more, not {shown(raw)}")
    if len(text) > 25:  # int() refuses thousands of digits; seeds stop at 2**64 - 1 (20 digits)
        raise ScorerError(f"the case number (seed) {shown(raw)} is too large; the last one is 2**64 - 1")
    return int(text)


def _profile(raw: Any) -> str:
    profile = str(raw or "random").strip()
    if profile not in cases.PROFILES:
        raise ScorerError(f"unknown profile {raw!r}; known profiles: {', '.join(cases.PROFILES)}")
    return profile


def _answers(raw: Any) -> dict[str, float]:
    """The student's numbers: empty fields are left out; a decimal comma is accepted."""
    if not isinstance(raw, Mapping):
        raise ScorerError("answers must be an object such as {\"goal_sum\": \"48\"}")
    out: dict[str, float] = {}
    for key, value in raw.items():
        if key not in ANSWER_KEYS:
            raise ScorerError(f"unknown answer {key!r}; expected some of {', '.join(ANSWER_KEYS)}")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, bool):
            raise ScorerError(f"{ANSWER_LABELS[key]}: {value!r} is not a number")
        if isinstance(value, int | float):
            out[key] = value
            continue
        text = str(value).strip()
        if not _NUMBER.match(text):
            raise ScorerError(f"{ANSWER_LABELS[key]}: {value!r} is not a number (use digits, e.g. 4.25)")
        number = float(text.replace(",", "."))
        out[key] = int(number) if number.is_integer() and key.endswith("_sum") else number
    if not out:
        raise ScorerError("enter at least one of your sums or means before checking")
    return out


# --- scoring ------------------------------------------------------------------------------------


def _result_html(result: Any, uid: str) -> dict[str, str]:
    html = {
        "table": render.results_table_html(result),
        "steps": render.steps_html(result),
        "chart": charts.profile_svg(result, uid=uid),
    }
    html["all"] = (
        f'{html["table"]}<h2 class="wai-results-heading">Profile</h2>'
        f'<figure class="wai-figure">{html["chart"]}</figure>'
        f'<h2 class="wai-results-heading">How the scores were worked out</h2>{html["steps"]}'
    )
    return html


def score(form_id: str, responses: Any) -> dict[str, Any]:
    """Score one form filled in on the page: the result, its table, its steps and its profile chart."""
    form = _form(form_id)
    values = responses_from_web(form, responses)
    if all(v is None for v in values):
        raise ScorerError(f"{form.short_name} ({form.id}): no answers yet; choose an answer for each item")
    result = _score(form, values)
    return {"result": result.to_dict(), "html": _result_html(result, f"wai-profile-{form.id}")}


def parse_row(form_id: str, text: Any) -> dict[str, Any]:
    """A pasted row (commas, semicolons, spaces or tabs between the numbers) as answers in item order."""
    form = _form(form_id)
    if not isinstance(text, str) or not text.strip():
        raise ScorerError(f"paste {form.n_items} numbers separated by commas, spaces or tabs")
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t != ""]
    if len(tokens) != form.n_items:
        raise ScorerError(
            f"{form.short_name} ({form.id}) has {form.n_items} items, but {len(tokens)} numbers were "
            f"pasted; paste one row with one number per item (NA or . for an unanswered item)"
        )
    return {"form": form.id, "responses": [_value(form, i, t) for i, t in enumerate(tokens, start=1)]}


# --- practice cases -----------------------------------------------------------------------------


def _case(form_id: Any, seed: Any, profile: Any) -> cases.Case:
    return cases.generate(_form(form_id).id, _seed(seed), _profile(profile))


def _sheet_html(form: Form, responses: tuple[int | None, ...]) -> str:
    rows = []
    for item, value in zip(form.items, responses, strict=True):
        answer = "not answered" if value is None else f"{value} ({form.scale.anchor(value)})"
        rows.append(
            f'<tr data-item="{item.number}"><th scope="row">{item.number}</th>'
            f"<td>{escape(item.licensed_text or item.gist)}</td>"
            f'<td class="wai-sheet-answer" data-value="{"" if value is None else value}">'
            f"{escape(answer)}</td></tr>"
        )
    return (
        f'<div class="wai-sheet" data-form="{escape(form.id)}"><table>'
        f"<caption>{escape(form.short_name)} response sheet, as completed (read-only)</caption>"
        '<thead><tr><th scope="col">Item</th><th scope="col">Statement (our paraphrase)</th>'
        '<th scope="col">Answer</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def new_case(form_id: str, seed: Any, profile: str = "random") -> dict[str, Any]:
    """A practice case without its answer key: vignette, profile and the completed response sheet."""
    case = _case(form_id, seed, profile)
    form = get_form(case.form_id)
    data = case.to_dict()
    data.pop("result")
    who = "the patient" if form.respondent == "patient" else "the therapist"
    html = (
        f'<div class="wai-case-card" data-form="{escape(form.id)}" data-seed="{case.seed}" '
        f'data-profile="{escape(case.profile)}">'
        f'<p class="wai-case-meta">Case {case.seed} · {escape(form.short_name)} '
        f"({form.n_items} items, answers {form.scale.min}–{form.scale.max}) · completed by {who}</p>"
        f'<p class="wai-vignette">{escape(case.vignette)}</p>'
        f"{_sheet_html(form, case.responses)}</div>"
    )
    return {"case": data, "html": html}


def _feedback_html(check: Mapping[str, Any]) -> str:
    items = []
    for key in ANSWER_KEYS:
        verdict = check["verdicts"].get(key)
        if verdict is None:
            continue
        label = ANSWER_LABELS[key]
        given = verdict.get("given")
        if verdict.get("correct"):
            items.append(
                f'<li class="wai-correct" data-answer="{key}"><strong>{label}: correct</strong> '
                f"({escape(str(given))})</li>"
            )
            continue
        mistake = verdict.get("mistake") or {}
        code = mistake.get("code", "unknown")
        message = mistake.get("message") or "This does not match the key."
        items.append(
            f'<li class="wai-wrong" data-answer="{key}" data-mistake="{escape(code)}">'
            f"<strong>{label}: not right</strong> (you gave {escape(str(given))}). "
            f"{escape(message)}</li>"
        )
    verdict_text = "All your answers are correct." if check.get("all_correct") else check.get("summary", "")
    return (
        f'<div class="wai-check" data-all-correct="{"true" if check.get("all_correct") else "false"}">'
        f'<p class="wai-check-summary">{escape(str(verdict_text))}</p>'
        f'<ul class="wai-verdicts">{"".join(items)}</ul></div>'
    )


def check_case(form_id: str, seed: Any, profile: str, answers: Any) -> dict[str, Any]:
    """Check a student's sums and means against the case's key; the feedback names the likely mistake."""
    from .check import check

    case = _case(form_id, seed, profile)
    result = check(case.form_id, list(case.responses), _answers(answers))
    data = result.to_dict()
    return {"check": data, "html": _feedback_html(data)}


def solution(form_id: str, seed: Any, profile: str = "random") -> dict[str, Any]:
    """The worked solution: the scorer's steps, then the table of the correct sums and means."""
    case = _case(form_id, seed, profile)
    html = (
        '<div class="wai-solution-body">'
        f"{render.steps_html(case.result)}"
        f"{render.results_table_html(case.result, caption='Answer key')}"
        "</div>"
    )
    return {"result": case.result.to_dict(), "html": html}


# --- patient and therapist ----------------------------------------------------------------------


def _teaching_notes(data: Mapping[str, Any], patient: Form, therapist: Form) -> list[str]:
    rows = data.get("rows") or data.get("subscales") or {}
    threshold = data.get("threshold", 1.0)
    notes: list[str] = []
    if data.get("rescaled"):
        notes.append(
            f"{patient.short_name} and {therapist.short_name} use different answer scales, so both were "
            "converted to the 1–7 item-mean metric before comparing."
        )
    for key in SUBSCALES:
        row = rows.get(key) or {}
        diff = row.get("difference")
        if diff is None:
            continue
        name = key.title()
        if row.get("flagged"):
            higher, lower = ("the patient", "you") if diff > 0 else ("you", "the patient")
            notes.append(
                f"{name}: {higher} rated it {abs(diff):.2f} points higher than {lower} (flag at "
                f"{threshold:g}). Talk about it openly: ask how each of you sees the {_focus(key)}."
            )
    if not notes or all("different answer scales" in n for n in notes):
        notes.append(
            f"No subscale differs by {threshold:g} point or more: your view and the patient's broadly agree. "
            "Keep checking in, because agreement can change over an episode of care."
        )
    notes.append(
        "A gap is a prompt for a conversation, not a verdict about either of you."
    )
    return notes


def _focus(subscale: str) -> str:
    return {"goal": "goals of the treatment", "task": "exercises and tasks of the plan",
            "bond": "relationship between you"}[subscale]


def _metric_scale(data: Mapping[str, Any], patient: Form) -> dict[str, int]:
    """The scale the means are on: 1–7 after rescaling, else the forms' shared scale."""
    if data.get("rescaled"):
        return {"min": 1, "max": 7}
    return {"min": patient.scale.min, "max": patient.scale.max}


def compare(
    patient_form: str, patient_responses: Any, therapist_form: str, therapist_responses: Any
) -> dict[str, Any]:
    """Score both sides and compare them: the comparison, its chart, both tables and teaching notes."""
    from .compare import compare as _compare

    p_form, t_form = _form(patient_form), _form(therapist_form)
    p_result = _score(p_form, responses_from_web(p_form, patient_responses))
    t_result = _score(t_form, responses_from_web(t_form, therapist_responses))
    comparison = _compare(p_result, t_result)
    data = comparison.to_dict()
    notes = _teaching_notes(data, p_form, t_form)
    html = {
        "chart": charts.discrepancy_svg({**data, "scale": _metric_scale(data, p_form)}, uid="wai-gap"),
        "patient_table": render.results_table_html(p_result, caption=f"Patient ({p_form.short_name})"),
        "therapist_table": render.results_table_html(t_result, caption=f"Therapist ({t_form.short_name})"),
        "notes": '<ul class="wai-notes">' + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>",
    }
    html["all"] = (
        f'<figure class="wai-figure">{html["chart"]}</figure>'
        f'<h2 class="wai-results-heading">Teaching notes</h2>{html["notes"]}'
        f'<div class="wai-compare-tables">{html["patient_table"]}{html["therapist_table"]}</div>'
    )
    return {"comparison": data, "html": html}


# --- export and restore -------------------------------------------------------------------------


def _export_row(result: Any) -> dict[str, Any]:
    data = result.to_dict()
    row: dict[str, Any] = {"form": data["form"]}
    for name in (*SUBSCALES, "total"):
        part = data["total"] if name == "total" else data["subscales"][name]
        row[f"{name}_sum"] = "" if part["sum"] is None else part["sum"]
        row[f"{name}_mean"] = "" if part["mean"] is None else round(part["mean"], 4)
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
    writer.writerows(rows)
    return buffer.getvalue()


def _results(form_id: Any, responses: Any) -> Any:
    form = _form(form_id)
    return _score(form, responses_from_web(form, responses))


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
        from .compare import compare as _compare

        other = _results(therapist_form, therapist_responses)
        blob["therapist"] = {"form": other.form.id, "responses": list(other.responses),
                             "result": other.to_dict()}
        blob["comparison"] = _compare(result, other).to_dict()
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
        raise ScorerError(
            f"saved answers have version {blob.get('v')!r}; this site reads version {SAVED_VERSION}"
        )
    out: dict[str, Any] = {"v": SAVED_VERSION}
    form_value = blob.get("form", form_id)
    if form_id is not None and form_value != form_id:
        raise ScorerError(f"saved answers are for form {form_value!r}, not {form_id!r}")
    if form_value is not None or "responses" in blob:
        out["form"] = _form(form_value).id
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
        out["seed"] = _seed(blob["seed"])
    if "profile" in blob:
        out["profile"] = _profile(blob["profile"])
    if not {"responses", "answers"} & set(out):
        raise ScorerError("saved value holds no answers")
    return out


# --- the worker's entry point -------------------------------------------------------------------

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "score": score,
    "parse_row": parse_row,
    "new_case": new_case,
    "check_case": check_case,
    "solution": solution,
    "compare": compare,
    "export_csv": export_csv,
    "export_json": export_json,
    "validate_saved": validate_saved,
}


#: Modules that add worker functions through their own ``FUNCTIONS`` dict (educator features,
#: self-assessment), so each feature keeps its web layer next to its code. A missing one is skipped.
EXTENSIONS: tuple[str, ...] = (
    "scorer.web_exercises", "scorer.web_self", "scorer.web_selfassessment", "scorer.web_grade",
)
_all_functions: dict[str, Callable[..., Any]] = {}


def functions() -> dict[str, Callable[..., Any]]:
    """Every function the worker may call: ours, then the extensions' (loaded once)."""
    if not _all_functions:
        table = dict(FUNCTIONS)
        for name in EXTENSIONS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            for key, function in getattr(module, "FUNCTIONS", {}).items():
                table.setdefault(key, function)
        _all_functions.update(table)
    return _all_functions


def dispatch(fn: str, args_json: str) -> str:
    """Run ``functions()[fn](**args)`` and answer in JSON; a bad input comes back as its message."""
    try:
        # The extensions are imported only when a page first asks for one of theirs, so scoring
        # never waits for the educator modules to load.
        table = FUNCTIONS if fn in FUNCTIONS else functions()
        if fn not in table:
            raise ScorerError(f"unknown function {fn!r}; known: {', '.join(table)}")
        try:
            args = json.loads(args_json) if args_json else {}
        except (ValueError, RecursionError):  # malformed, a 5000-digit number, or nested too deeply
            raise ScorerError(f"{fn}: the arguments are not valid JSON") from None
        if not isinstance(args, dict):
            raise ScorerError("arguments must be a JSON object")
        try:
            value = table[fn](**args)
        except TypeError as exc:
            if "argument" in str(exc):  # a wrong call from the page, not a bug in the scorer
                raise ScorerError(f"{fn}: {exc}") from None
            raise
        return json.dumps({"ok": True, "value": value})
    except ScorerError as exc:
        return json.dumps({"ok": False, "error": str(exc)})
    except Exception as exc:  # a bug: say so plainly, and the page keeps the answers
        return json.dumps(
            {"ok": False, "error": f"Unexpected error in the scorer ({type(exc).__name__}: {exc}). "
             "Your answers are kept; please report this."}
        )

