"""Worker functions for grading a class in the browser and for a student's hand-in.

``grade_class`` runs the very code ``wai-score grade`` runs (:func:`scorer.core.grading.grade_csv`
and :func:`scorer.text.grading.format_report`) and shows its text, line for line, as HTML
(:mod:`scorer.html.grade`), so the page and the command cannot disagree.
Nothing here stores anything; the page keeps the result in memory until the educator downloads it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Mapping
from typing import Any

from ..core.errors import ScorerError
from ..core.exercises import parse_exercises
from ..core.forms import FORM_IDS
from ..core.grading import Report, grade_csv
from ..core.handin import HANDIN_COLUMNS, handin_line
from ..html.grade import report_html
from ..text.gradebook import gradebook_csv
from ..text.grading import format_report

__all__ = ["grade_class", "handin"]

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
    """A student's hand-in line (see :mod:`scorer.core.handin`)."""
    if values is not None and not isinstance(values, Mapping):
        raise ScorerError('values must be an object such as {"goal_sum": "24"}')
    return handin_line(student, form, seed, exercise, profile, values, pair)
