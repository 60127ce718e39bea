"""The small pieces every markup producer shares: escaping, attributes, captioned tables, labels.

Every string that comes from data goes through :func:`esc`: item wording may one day be filled in
by an institution (``licensed_text``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..core.forms import Item

__all__ = ["CONFIDENCE_FIELDS", "RESPONDENT_LABELS", "SUBSCALE_LABELS", "as_dict", "attrs", "esc", "escape",
           "item_text", "subscale_label", "table"]


SUBSCALE_LABELS: dict[str, str] = {"goal": "Goal", "task": "Task", "bond": "Bond"}


RESPONDENT_LABELS: dict[str, str] = {"patient": "the patient (client)", "therapist": "the therapist"}


CONFIDENCE_FIELDS: tuple[tuple[str, str], ...] = (
    ("subscales", "Subscale assignment"),
    ("reverse", "Reverse keying"),
    ("scale", "Response scale"),
)


def escape(text: str, quote: bool = True) -> str:
    """Exactly ``html.escape``, without importing ``html``: its entity table cost about 70 ms in Pyodide
    before the worker could say ready, for five replacements (``&`` first, so nothing is escaped twice)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text


def esc(value: Any) -> str:
    """Escape anything for text and double-quoted attributes."""
    return escape(str(value), quote=True)


def attrs(**attrs: Any) -> str:
    """` name="value"` pairs (underscores become hyphens; ``None`` drops the attribute)."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{esc(value)}"'
        for name, value in attrs.items()
        if value is not None
    )


def table(
    cls: str, caption: str, head: str | None, rows: Iterable[str], *, form_id: str | None = None,
    foot: str = "",
) -> str:
    """A captioned table in ``<div class=cls>``: ``caption``, ``head`` (the header row's cells, or
    ``None`` for no header), ``rows`` and ``foot`` are HTML, already escaped."""
    thead = "" if head is None else f"<thead><tr>{head}</tr></thead>"
    tfoot = f"<tfoot>{foot}</tfoot>" if foot else ""
    return (
        f'<div class="{cls}"{attrs(data_form=form_id)}><table><caption>{caption}</caption>'
        f"{thead}<tbody>{''.join(rows)}</tbody>{tfoot}</table></div>"
    )


def item_text(item: Item) -> str:
    """Licensed official wording when an institution has filled it in, else our own gist."""
    return item.licensed_text or item.gist


def subscale_label(subscale: str) -> str:
    return SUBSCALE_LABELS.get(subscale, subscale.title())


def as_dict(result: Any) -> dict[str, Any]:
    """Accept a ``Result`` or its ``to_dict()`` (the browser worker passes dicts around)."""
    if isinstance(result, Mapping):
        return dict(result)
    return result.to_dict()
