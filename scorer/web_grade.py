"""Worker functions for grading a class in the browser and for a student's hand-in.

``grade_class`` runs the very code ``wai-score grade`` runs (``scorer.grading.grade_csv`` and
``format_report``) and shows its text, line for line, as HTML: the student lines and the class
summary are taken from the command's own report, so the page and the command cannot disagree.
Nothing here stores anything; the page keeps the result in memory until the educator downloads it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Mapping
from html import escape
from typing import Any

from .errors import ScorerError
from .exercises import parse_exercises
from .forms import FORM_IDS, get_form
from .gradebook import gradebook_csv
from .grading import Report, _fmt, _label, format_report, grade_csv
from .handin import HANDIN_COLUMNS, handin_line

__all__ = ["FUNCTIONS", "grade_class", "handin"]

MAX_CHARS = 5_000_000
PASTED = "pasted answers"


def _header_or_handin(text: str, where: str) -> tuple[str, int]:
    """The text to grade and how many lines were added before it (1 when hand-in lines came bare)."""
    try:
        first = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])
    except csv.Error as exc:
        raise ScorerError(f"{where}:1: not valid CSV ({exc})") from None
    names = [cell.strip().lower() for cell in first]
    if "student" in names or not any(c.strip() for c in first):
        return text, 0
    if len(first) == len(HANDIN_COLUMNS):
        return ",".join(HANDIN_COLUMNS) + "\n" + text.lstrip("\ufeff"), 1
    raise ScorerError(
        f"{where}:1: the first line is neither a header with a 'student' column nor a student's hand-in "
        f"line ({len(HANDIN_COLUMNS)} cells; this one has {len(first)})"
    )


def _unshift(report: Report, added: int) -> Report:
    """Line numbers as the educator's text has them, when a header was added in front of it."""
    if not added:
        return report
    prefix = re.escape(report.source) + r":(\d+):"
    report.rows = [dataclasses.replace(r, line=r.line - added) for r in report.rows]
    report.errors = [
        re.sub(prefix, lambda m: f"{report.source}:{int(m.group(1)) - added}:", e, count=1)
        for e in report.errors
    ]
    return report


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


def _student_html(row: Any, heading: str) -> str:
    body = []
    for sheet, key, v in row.verdicts():
        label = _label(sheet, key)
        if v["correct"]:
            verdict, mistake, code = "correct", "", ""
        else:
            found = v.get("mistake") or {"code": "unknown", "message": ""}
            code = found["code"]
            verdict = f"WRONG (expected {_fmt(v['expected'])})"
            mistake = f"<code>{escape(code)}</code> {escape(found.get('message', ''))}"
        body.append(
            f'<tr data-value="{escape(label)}" data-correct="{"yes" if v["correct"] else "no"}"'
            + (f' data-mistake="{escape(code)}"' if code else "")
            + f'><th scope="row">{escape(label)}</th><td>{escape(_fmt(v["given"]))}</td>'
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


def _exercises(data: Any) -> Any:
    if data is None:
        return None
    try:
        return parse_exercises(data)
    except ScorerError as exc:
        raise ScorerError(f"this site's exercises file could not be read ({exc}); rebuild the site") from None


def grade_class(
    text: Any, form: Any = "wai-s", profile: Any = "random", exercises: Any = None, source: Any = ""
) -> dict[str, Any]:
    """Grade pasted or opened CSV text exactly as ``wai-score grade`` does; nothing is stored."""
    if not isinstance(text, str) or not text.strip():
        raise ScorerError("Paste the class's answers (CSV) or open a CSV file first.")
    if len(text) > MAX_CHARS:
        raise ScorerError(f"That is more than {MAX_CHARS:,} characters; grade the class in parts.")
    if form not in FORM_IDS:
        raise ScorerError(f"form must be one of {', '.join(FORM_IDS)}, not {form!r}")
    where = source.strip() if isinstance(source, str) and source.strip() else PASTED
    body, added = _header_or_handin(text, where)
    report = grade_csv(body, form, profile=str(profile), exercises=_exercises(exercises), where=where)
    report = _unshift(report, added)
    summary = report.summary()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", where.rsplit(".", 1)[0]).strip("-")[:40] or "class"
    n, bad = len(report.rows), len(report.errors)
    message = f"Graded {n} student{'s' if n != 1 else ''}" + (
        f"; {bad} row{'s' if bad != 1 else ''} could not be graded (listed below)." if bad else "."
    )
    return {
        "message": message,
        "html": report_html(report),
        "text": format_report(report, "text"),
        "summary": summary,
        "errors": list(report.errors),
        "students": len(report.rows),
        "gradebook": {"csv": gradebook_csv(report), "filename": f"grades-{stem}.csv"},
    }


def handin(
    student: Any,
    form: Any,
    seed: Any = None,
    exercise: Any = None,
    profile: Any = None,
    values: Any = None,
    pair: Any = None,
) -> dict[str, str]:
    """A student's hand-in line (see ``scorer.handin``)."""
    if values is not None and not isinstance(values, Mapping):
        raise ScorerError('values must be an object such as {"goal_sum": "24"}')
    return handin_line(student, form, seed, exercise, profile, values, pair)


FUNCTIONS = {"grade_class": grade_class, "handin": handin}
