"""The markup the worker returns for the score, case and compare widgets: result bundles, the
case card and response sheet, the self-check feedback and the teaching notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..core.answers import ANSWER_KEYS, ANSWER_LABELS
from ..core.forms import Form
from . import charts, render

if TYPE_CHECKING:  # only annotations: scoring does not load case generation
    from ..core.cases import Case
from .markup import escape

__all__ = ["case_card_html", "compare_html", "feedback_html", "result_html", "sheet_html", "solution_html"]


def result_html(result: Any, uid: str) -> dict[str, str]:
    """A score's table, steps and profile chart, and ``all`` of them as one results block."""
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


def sheet_html(form: Form, responses: tuple[int | None, ...]) -> str:
    """A completed response sheet, read-only."""
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


def case_card_html(case: Case, form: Form) -> str:
    """The case card: vignette and the completed response sheet (no answer key)."""
    who = "the patient" if form.respondent == "patient" else "the therapist"
    html = (
        f'<div class="wai-case-card" data-form="{escape(form.id)}" data-seed="{case.seed}" '
        f'data-profile="{escape(case.profile)}">'
        f'<p class="wai-case-meta">Case {case.seed} · {escape(form.short_name)} '
        f"({form.n_items} items, answers {form.scale.min}–{form.scale.max}) · completed by {who}</p>"
        f'<p class="wai-vignette">{escape(case.vignette)}</p>'
        f"{sheet_html(form, case.responses)}</div>"
    )
    return html


def feedback_html(check: Mapping[str, Any], typed: Any = None) -> str:
    """The self-check's verdicts as a list; a wrong value names its diagnosed mistake. A value is
    echoed as the student typed it (``typed``: field -> text), so "2.00" is not shown back as "2.0"."""
    items = []
    for key in ANSWER_KEYS:
        verdict = check["verdicts"].get(key)
        if verdict is None:
            continue
        label = ANSWER_LABELS[key]
        given = verdict.get("given")
        if isinstance(typed, Mapping) and isinstance(typed.get(key), str) and typed[key].strip():
            given = typed[key].strip()
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


def solution_html(case: Case) -> str:
    """The worked solution: the scorer's steps, then the table of the correct sums and means."""
    html = (
        '<div class="wai-solution-body">'
        f"{render.steps_html(case.result)}"
        f"{render.results_table_html(case.result, caption='Answer key')}"
        "</div>"
    )
    return html


def compare_html(
    data: Mapping[str, Any], scale: Mapping[str, int], p_result: Any, t_result: Any,
    p_form: Form, t_form: Form, notes: Sequence[str],
) -> dict[str, str]:
    """The comparison's chart, both results tables and the teaching notes, and ``all`` of them."""
    html = {
        "chart": charts.discrepancy_svg({**data, "scale": scale}, uid="wai-gap"),
        "patient_table": render.results_table_html(p_result, caption=f"Patient ({p_form.short_name})"),
        "therapist_table": render.results_table_html(t_result, caption=f"Therapist ({t_form.short_name})"),
        "notes": '<ul class="wai-notes">' + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>",
    }
    html["all"] = (
        f'<figure class="wai-figure">{html["chart"]}</figure>'
        f'<h2 class="wai-results-heading">Teaching notes</h2>{html["notes"]}'
        f'<div class="wai-compare-tables">{html["patient_table"]}{html["therapist_table"]}</div>'
    )
    return html
