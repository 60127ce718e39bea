"""The hand-in widget's static HTML: a student id field, **Hand in**, and the line to copy or download.

It sits right after the case or exercise widget whose values it reads (``docs/js/handin.js``); the
line itself is made by :func:`scorer.core.handin.handin_line` in the worker.
"""

from __future__ import annotations

from .markup import escape

__all__ = ["handin_html"]


def handin_html(uid: str, target: str, *, assigned_only: bool = False) -> str:
    """The hand-in widget's static HTML, placed right after the widget ``target`` whose values it reads.

    ``assigned_only``: shown only when the page was opened from an assignment link (its URL names a
    seed); ``docs/js/handin.js`` reveals it.
    """
    u, t = escape(uid), escape(target)
    hidden = ' hidden data-when="assigned"' if assigned_only else ""
    return (
        f'<div class="wai-widget wai-handin wai-no-print" id="{u}" data-widget="handin" data-for="{t}" '
        f'data-state="loading"{hidden}>'
        f"<fieldset><legend>Hand in your values</legend>"
        '<p class="wai-status" role="status">Hand-in starts with the scorer.</p>'
        f'<p class="wai-handin-field"><label for="{u}-student">Your student id</label> '
        f'<input id="{u}-student" type="text" data-role="student" autocomplete="off" spellcheck="false" '
        f'size="16" aria-describedby="{u}-hint"></p>'
        f'<p class="wai-hint" id="{u}-hint">This browser remembers it for your next hand-in.</p>'
        '<div class="wai-buttons"><button type="button" data-action="handin" data-needs="python" disabled>'
        "Hand in</button></div>"
        '<p class="wai-error" role="alert" hidden></p>'
        f'<div class="wai-handin-result" aria-live="polite" hidden>'
        f'<p><label for="{u}-line">Your hand-in line</label></p>'
        f'<textarea id="{u}-line" data-role="line" rows="3" readonly spellcheck="false" '
        f'aria-describedby="{u}-how"></textarea>'
        '<div class="wai-buttons"><button type="button" data-action="copy">Copy</button> '
        '<button type="button" data-action="download">Download</button></div>'
        f'<p class="wai-hint" id="{u}-how">Paste this line into your course\'s submission box, or hand in '
        "the downloaded file. It holds your id, the case and the values you typed; nothing has been sent.</p>"
        '<p class="wai-handin-copied" role="status"></p>'
        "</div></fieldset></div>"
    )
