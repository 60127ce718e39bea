"""The self-audit's markup: the practices' rating fieldsets and the summary of a completed audit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.numbers import mean as mean_text
from ..core.selfaudit import MAX_REFLECTION, NOT_RELEVANT, Practice, get_practice, practices, rating_scale
from .markup import esc as _e

__all__ = ["audit_html", "summary_html"]


def _link(practice: Practice, rapport_url: str) -> str:
    return f'<a href="{_e(rapport_url)}#{_e(practice.anchor)}">{_e(practice.title)}</a>'


def audit_html(prefix: str, *, rapport_url: str) -> str:
    """One fieldset per practice: a native radio group (1-5 and "not relevant") and a reflection box."""
    scale = rating_scale()
    parts = []
    for practice in practices():
        pid = f"{prefix}-{practice.id}"
        options = []
        for value in [*range(scale.min, scale.max + 1), NOT_RELEVANT]:
            text = scale.not_relevant if value == NOT_RELEVANT else scale.anchor(int(value))
            number = "" if value == NOT_RELEVANT else f'<span class="wai-value">{value}</span> '
            options.append(
                f'<label class="wai-option" for="{pid}-{value}">'
                f'<input type="radio" id="{pid}-{value}" name="{pid}" value="{value}"> '
                f'{number}<span class="wai-anchor">{_e(text)}</span></label>'
            )
        parts.append(
            f'<fieldset class="wai-practice" data-practice="{_e(practice.id)}" '
            f'data-evidence="{_e(practice.evidence)}">'
            f"<legend>{_e(practice.title)}</legend>"
            f'<p class="wai-practice-meta"><span class="wai-evidence wai-evidence-{_e(practice.evidence)}">'
            f"Evidence: {_e(practice.evidence_text)}</span> · "
            f'<a href="{_e(rapport_url)}#{_e(practice.anchor)}">Read about it on Building rapport</a></p>'
            f'<p class="wai-practice-question" id="{pid}-q">{_e(scale.question)}:</p>'
            f'<div class="wai-options" role="radiogroup" aria-labelledby="{pid}-q">{"".join(options)}</div>'
            f'<label class="wai-reflection-label" for="{pid}-note">{_e(practice.prompt)}</label>'
            f'<textarea id="{pid}-note" data-reflection="{_e(practice.id)}" rows="2" '
            f'maxlength="{MAX_REFLECTION}" autocomplete="off"></textarea>'
            "</fieldset>"
        )
    return f'<div class="wai-audit">{"".join(parts)}</div>'


def summary_html(summary: Mapping[str, Any], *, rapport_url: str) -> str:
    """What the self-audit says, in words (every user text escaped)."""
    scale = rating_scale()
    rated, skipped = summary.get("rated", 0), summary.get("not_relevant", 0)
    if not rated and not skipped:
        return '<p class="wai-audit-summary">You did not rate any rapport practice this time.</p>'
    lines = []
    mean = summary.get("mean")
    head = f"You rated {rated} of {len(practices())} practices"
    if skipped:
        head += f" and marked {skipped} as not relevant this session"
    if mean is not None:
        head += f"; your mean rating is {mean_text(mean)} on the {scale.min}–{scale.max} scale"
    lines.append(f"<p>{_e(head)}.</p>")
    for key, label in (("strengths", "Done fully"), ("to_work_on", "To work on next time")):
        ids = summary.get(key) or []
        if ids:
            links = ", ".join(_link(get_practice(i), rapport_url) for i in ids)
            lines.append(f"<p><strong>{label}:</strong> {links}.</p>")
    notes = summary.get("reflections") or {}
    if notes:
        items = "".join(
            f"<li><strong>{_e(get_practice(k).title)}:</strong> {_e(v)}</li>" for k, v in notes.items()
        )
        lines.append(f'<ul class="wai-reflections">{items}</ul>')
    return f'<div class="wai-audit-summary">{"".join(lines)}</div>'
