"""The grading report as the "Grade a class" page shows it (``docs/educators/grade.md``).

The student lines and the class summary are taken line for line from the text ``wai-score grade``
prints (:func:`scorer.text.grading.format_report`), so the page and the command cannot disagree;
this module only adds the markup around them: a summary list, and one table per student.
"""

from __future__ import annotations

from ..core.forms import get_form
from ..core.grading import GradedRow, Report
from ..text.grading import format_report, value_label, value_text
from .markup import escape

__all__ = ["report_html"]


def _split_text(report: Report, text: str) -> tuple[list[str], list[str]]:
    """The command's student lines (one per graded row) and its class-summary lines."""
    lines = text.rstrip("\n").split("\n")
    at, students = 2, []
    for row in report.rows:
        students.append(lines[at])
        at += 1 + len(list(row.verdicts()))
    summary = lines[lines.index("Class summary", at) + 1 :]
    return students, summary


def _summary_html(lines: list[str]) -> str:
    items: list[str] = []
    nested: list[str] = []
    for line in lines:
        if line.startswith("    "):  # one mistake: code, then how many and where
            code, _, rest = line.strip().partition(" ")
            nested.append(
                f'<li data-mistake="{escape(code)}"><code>{escape(code)}</code> {escape(rest.strip())}</li>'
            )
            continue
        if nested:
            items[-1] = items[-1].replace("</li>", f"<ul>{''.join(nested)}</ul></li>")
            nested = []
        items.append(f"<li>{escape(line.strip())}</li>")
    if nested:
        items[-1] = items[-1].replace("</li>", f"<ul>{''.join(nested)}</ul></li>")
    return f'<ul class="wai-grade-summary">{"".join(items)}</ul>'


def _student_html(row: GradedRow, heading: str) -> str:
    body = []
    for sheet, key, v in row.verdicts():
        label = value_label(sheet, key)
        if v["correct"]:
            verdict, mistake, code = "correct", "", ""
        else:
            found = v.get("mistake") or {"code": "unknown", "message": ""}
            code = found["code"]
            verdict = f"WRONG (expected {value_text(v['expected'])})"
            mistake = f"<code>{escape(code)}</code> {escape(found.get('message', ''))}"
        body.append(
            f'<tr data-value="{escape(label)}" data-correct="{"yes" if v["correct"] else "no"}"'
            + (f' data-mistake="{escape(code)}"' if code else "")
            + f'><th scope="row">{escape(label)}</th><td>{escape(value_text(v["given"]))}</td>'
            f"<td>{escape(verdict)}</td><td>{mistake}</td></tr>"
        )
    return (
        f'<section class="wai-grade-student" data-student="{escape(row.student)}">'
        f"<h4>{escape(heading)}</h4>"
        '<table class="wai-grade-table"><thead><tr><th scope="col">Value</th><th scope="col">Given</th>'
        '<th scope="col">Verdict</th><th scope="col">Diagnosed mistake</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></section>"
    )


def report_html(report: Report) -> str:
    """The report as the page shows it: class summary, rows not graded, then each student."""
    text = format_report(report, "text")
    students, summary = _split_text(report, text)
    form = get_form(report.form_id)
    parts = [
        f'<section class="wai-grade-report" data-form="{escape(form.id)}">',
        f"<h3>Class summary</h3><p>Graded against {escape(form.short_name)} ({escape(form.id)}) unless a row "
        "names its own form.</p>",
        _summary_html(summary),
    ]
    if report.errors:
        parts.append(
            '<div class="wai-grade-errors"><h3>Rows not graded</h3><ul>'
            + "".join(f"<li>{escape(e)}</li>" for e in report.errors)
            + "</ul></div>"
        )
    if report.rows:
        parts.append("<h3>Students</h3>")
        parts.extend(_student_html(row, heading) for row, heading in zip(report.rows, students, strict=True))
    parts.append("</section>")
    return "".join(parts)
