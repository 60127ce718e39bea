"""The grading report as text for people, CSV (one row per student and value) or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..core.csvsafe import safe_values
from ..core.errors import ScorerError
from ..core.forms import get_form
from ..core.grading import CSV_COLUMNS, FORMATS, PAIR_PREFIX, Report
from ..core.numbers import number

__all__ = ["format_report", "value_label", "value_text"]


def value_text(value: Any) -> str:
    """Floats and ``None`` as the self-check writes sums; anything else as given."""
    return number(value) if value is None or isinstance(value, float) else str(value)


def value_label(sheet: str, key: str) -> str:
    """A value's column name: ``goal_sum`` on the main sheet, ``pair_goal_sum`` on the therapist's."""
    return key if sheet == "main" else PAIR_PREFIX + key


def format_report(report: Report, fmt: str = "text") -> str:
    """The report as ``text`` (for people), ``csv`` (one row per student and value) or ``json``."""
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for row in report.rows:
            for sheet, key, v in row.verdicts():
                mistake = v.get("mistake") or {}
                writer.writerow(
                    safe_values([
                        row.student,
                        row.line,
                        "" if row.seed is None else row.seed,
                        row.exercise or "",
                        row.profile or "",
                        sheet,
                        key,
                        value_text(v["given"]),
                        value_text(v["expected"]),
                        "yes" if v["correct"] else "no",
                        mistake.get("code", ""),
                        mistake.get("message", ""),
                    ])
                )
        return buffer.getvalue()
    if fmt != "text":
        raise ScorerError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    form = get_form(report.form_id)
    lines = [f"Grading {report.source}: {form.short_name} ({form.id})", ""]
    for row in report.rows:
        case = (
            f"seed {row.seed}, profile {row.profile}" if row.seed is not None else f"exercise {row.exercise}"
        ) + (f", form {row.form}" if row.form else "")
        verdicts = list(row.verdicts())
        right = sum(bool(v["correct"]) for *_, v in verdicts)
        lines.append(f"{row.student} ({case}): {right} of {len(verdicts)} correct")
        for sheet, key, v in verdicts:
            if v["correct"]:
                lines.append(f"  {value_label(sheet, key):<16} {value_text(v['given']):>8}  correct")
            else:
                mistake = v.get("mistake") or {"code": "unknown", "message": ""}
                lines.append(
                    f"  {value_label(sheet, key):<16} {value_text(v['given']):>8}  WRONG "
                    f"(expected {value_text(v['expected'])})"
                    f"  [{mistake['code']}] {mistake.get('message', '')}".rstrip()
                )
    summary = report.summary()
    lines += ["", "Class summary"]
    n = summary["students"]
    lines.append(
        f"  students graded: {n}; all values correct: {summary['all_correct']}"
        + (f" ({summary['all_correct'] / n:.0%})" if n else "")
    )
    if summary["values"]:
        lines.append(
            f"  values correct: {summary['values_correct']} of {summary['values']} "
            f"({summary['values_correct'] / summary['values']:.0%})"
        )
        per_value = ", ".join(f"{k} {v['correct']}/{v['graded']}" for k, v in summary["per_value"].items())
        lines.append(f"  correct per value: {per_value}")
    if summary["mistakes"]:
        lines.append("  most common mistakes:")
        for m in summary["mistakes"]:
            lines.append(
                f"    {m['code']:<18} {m['students']} student{'s' if m['students'] != 1 else ''}, "
                f"{m['values']} value{'s' if m['values'] != 1 else ''} ({', '.join(m['in'])})"
            )
    else:
        lines.append("  no mistakes")
    if report.errors:
        lines.append(f"  rows not graded: {len(report.errors)} (see the errors)")
    return "\n".join(lines) + "\n"
