"""Typical mistakes on one answer sheet, each with the self-check's own diagnosis (the
``wai-mistakes`` fence): the wrong procedures come from :mod:`scorer.core.mistakes`, the feedback
from :func:`scorer.core.check.check`, so the page teaches exactly what the self-check says."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.check import Verdict, check
from ..core.forms import Form
from ..core.mistakes import wrong_attempts
from ..core.numbers import key_value as scoring_fmt
from .markup import escape

__all__ = ["mistakes_table_html"]


def mistakes_table_html(form: Form, responses: Sequence[int | None]) -> str:
    """The table of mistakes on an answer sheet with every item answered.

    For each mistake the first variant the self-check recognises is shown; when none is (two
    mistakes can produce the same number), the first variant is shown with what check() says.
    """
    responses = list(responses)
    rows = []
    for intended, variants in wrong_attempts(form, responses):
        shown: tuple[str, dict[str, float], str, Verdict] | None = None
        for what, answers, key in variants:
            verdict = check(form, responses, answers).verdicts[key]
            if shown is None or (verdict.mistake and verdict.mistake.code == intended):
                shown = (what, answers, key, verdict)
            if verdict.mistake and verdict.mistake.code == intended:
                break
        assert shown is not None  # every group has at least one variant
        what, answers, key, verdict = shown
        code = verdict.mistake.code if verdict.mistake else "none"
        message = verdict.mistake.message if verdict.mistake else "accepted"
        rows.append(
            f'<tr data-answer-key="{escape(key)}" data-code="{escape(code)}" '
            f'data-intended="{escape(intended)}">'
            f'<th scope="row">{escape(what)}</th><td>{escape(key.replace("_", " "))}</td>'
            f"<td>{escape(scoring_fmt(answers[key], key))}</td>"
            f"<td>{escape(scoring_fmt(verdict.expected, key))}</td>"
            f"<td><code>{escape(code)}</code> {escape(message)}</td></tr>"
        )
    encoded = ",".join(str(v) for v in responses)
    html = (
        f'<div class="wai-mistakes-table" data-responses="{encoded}"><table>'
        f"<caption>{escape(form.short_name)}: common mistakes on the answer sheet "
        f"{escape(encoded)}, and what the self-check says</caption>"
        '<thead><tr><th scope="col">What the student did</th><th scope="col">Value</th>'
        '<th scope="col">Student\'s answer</th><th scope="col">Correct</th>'
        '<th scope="col">Self-check feedback</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return html
