"""What the widget shells share: escaping, buttons, selects, the form panels and the widget id rule."""

from __future__ import annotations

import re

from ..core.forms import Form
from . import render
from .markup import esc

__all__ = ["WIDGET_ID", "button", "esc", "form_label", "form_panel", "select"]

#: A widget's element id, as the fence's ``id:`` key may give it.
WIDGET_ID = re.compile(r"^[a-z][a-z0-9-]{0,40}$")


def button(action: str, label: str, *, python: bool = True, primary: bool = False, extra: str = "") -> str:
    """A widget button; one that needs Python is disabled until the scorer is ready."""
    cls = "md-button md-button--primary" if primary else "md-button"
    needs = ' data-needs="python" disabled' if python else ""
    return f'<button type="button" class="{cls}" data-action="{action}"{needs}{extra}>{esc(label)}</button>'


def select(uid: str, label: str, role: str, options: list[tuple[str, str]], selected: str) -> str:
    """A labelled ``<select>`` with ``data-role``."""
    opts = "".join(
        f'<option value="{esc(value)}"{" selected" if value == selected else ""}>{esc(text)}</option>'
        for value, text in options
    )
    return (
        f'<span class="wai-control"><label for="{esc(uid)}">{esc(label)}</label>'
        f'<select id="{esc(uid)}" data-role="{role}">{opts}</select></span>'
    )


def form_label(form: Form) -> str:
    """``WAI-S: 12 items, answers 1–7`` (a form's option text)."""
    return f"{form.short_name}: {form.n_items} items, answers {form.scale.min}–{form.scale.max}"


def form_panel(uid: str, form: Form, hidden: bool) -> str:
    """One form's radio buttons (``render.form_html``) in a ``.wai-form-panel``, hidden unless selected."""
    return (
        f'<div class="wai-form-panel" data-form-id="{esc(form.id)}"{" hidden" if hidden else ""}>'
        f'<p class="wai-form-title">{esc(form.name)}. Answer {form.scale.min} '
        f"({esc(form.scale.anchors[0])}) to {form.scale.max} ({esc(form.scale.anchors[-1])}).</p>"
        f"{render.form_html(form, prefix=f'{uid}-{form.id}')}</div>"
    )
