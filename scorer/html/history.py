"""The self-assessment's markup: the saved sessions (trend chart and table) and one scored session."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.answers import PARTS
from ..core.compare import compare
from ..core.forms import get_form
from ..core.history import gaps
from ..core.numbers import mean as mean_text
from ..core.numbers import signed
from ..core.scoring import Result
from ..text.notes import teaching_notes
from . import render
from .charts import discrepancy_svg
from .markup import esc as _e
from .selfaudit import summary_html
from .trend import trend_svg

__all__ = ["history_html", "session_html"]


def _mean(value: float | None) -> str:
    return mean_text(value, none="—")


def _gap_text(entry: Mapping[str, Any]) -> str:
    gap = gaps(entry)
    if gap is None:
        return "no patient form"
    flagged = [p.title() for p in PARTS if (g := gap[p]) is not None and abs(g) >= 1 - 1e-9]
    total = gap["total"]
    text = f"total {signed(total)}" if total is not None else "total not scorable"
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
        audit_text = "—" if audit["mean"] is None else f"{mean_text(audit['mean'])} ({audit['rated']} rated)"
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


def session_html(
    therapist: Result, patient: Result | None, audit: Mapping[str, Any], rapport_url: str
) -> str:
    """One scored session: both results, their comparison with teaching notes, the self-audit."""
    parts = [render.results_table_html(therapist, caption="Your view (WAI-T)")]
    if patient is not None:
        comparison = compare(patient, therapist).to_dict()
        notes = teaching_notes(comparison, patient.form, therapist.form)
        caption = f"The patient's view ({patient.form.short_name})"
        parts.append(render.results_table_html(patient, caption=caption))
        parts.append('<h3 class="wai-results-heading">Your view and the patient\'s</h3>')
        chart = discrepancy_svg(comparison, uid="wai-sa-discrepancy")
        parts.append(f'<figure class="wai-figure">{chart}</figure>')
        parts.append('<ul class="wai-notes">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    else:
        parts.append(
            '<p class="wai-hint">No patient form was filled in, so there is no comparison this time.</p>'
        )
    parts.append('<h3 class="wai-results-heading">Self-audit</h3>')
    parts.append(summary_html(audit, rapport_url=rapport_url))
    return "".join(parts)
