"""A generated teaching case as plain text (what ``wai-score case`` prints)."""

from __future__ import annotations

import textwrap

from ..core.cases import PROFILE_DESCRIPTIONS, Case
from ..core.forms import SUBSCALES, get_form
from ..core.numbers import mean as mean_text
from ..core.numbers import number as sum_text

__all__ = ["format_case"]


def format_case(case: Case) -> str:
    """The case, its answer key and the scoring steps as plain text (``wai-score case``)."""
    form = get_form(case.form_id)
    result = case.result
    wrap = textwrap.TextWrapper(width=96, initial_indent="  ", subsequent_indent="  ")
    lines = [
        f"{form.short_name} ({form.id}), seed {case.seed}, profile {case.profile}: "
        f"{PROFILE_DESCRIPTIONS[case.profile]}",
        "",
        "Vignette:",
        wrap.fill(case.vignette),
        "",
        f"Responses (scale {form.scale.describe()}; * = reverse-keyed):",
    ]
    cells = [
        f"{i:>2}{'*' if i in form.reverse else ' '} {'-' if v is None else v}"
        for i, v in enumerate(case.responses, start=1)
    ]
    for start in range(0, len(cells), 6):
        lines.append("  " + "   ".join(cells[start:start + 6]))
    lines += ["", "Answer key:", f"  {'':<6} {'sum':>7} {'mean':>6}"]
    for name, part in [*((n, result.subscales[n]) for n in SUBSCALES), ("total", result.total)]:
        total = sum_text(part.sum, none="-")
        mean = mean_text(part.mean, none="-")
        lines.append(f"  {name.capitalize():<6} {total:>7} {mean:>6}")
    lines += ["", "Scoring steps:"]
    for number, step in enumerate(result.steps, start=1):
        indent = f"  {number:>2}. "
        step_wrap = textwrap.TextWrapper(width=96, initial_indent=indent, subsequent_indent=" " * 6)
        lines.append(step_wrap.fill(f"{step.title}: {step.text}"))
    return "\n".join(lines)
