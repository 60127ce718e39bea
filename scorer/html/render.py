"""HTML fragments built from the scorer's own objects.

The build hooks and the browser worker both call these functions, so a form, key table or worked
example looks the same on a static page and after scoring in the browser, and nothing the scorer
knows is ever typed into a page by hand. Every string that comes from data goes through
``html.escape``: item wording may one day be filled in by an institution (``licensed_text``).
Pure standard library, so it runs in Pyodide unchanged. The printable sheet and the
correspondence table have their own modules; they are re-exported here, so ``scorer.render``
still offers every fragment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..core.forms import SUBSCALES, Form, Item, forms, get_form
from ..core.numbers import mean, number
from .correspondence import changed_items_html, changed_parents, correspondence_table_html
from .markup import CONFIDENCE_FIELDS, SUBSCALE_LABELS, as_dict, attrs, esc, item_text, subscale_label, table
from .printable import printable_html

__all__ = [
    "changed_items_html",
    "changed_parents",
    "correspondence_table_html",
    "form_html",
    "forms_overview_html",
    "items_table_html",
    "key_summary_html",
    "key_table_html",
    "printable_html",
    "responses_html",
    "results_table_html",
    "scale_html",
    "steps_html",
]


def form_html(form: Form, *, prefix: str) -> str:
    """One ``fieldset.wai-item`` per item with native radio buttons, per the HTML contract."""
    parts = [f'<div class="wai-form"{attrs(data_form=form.id)}>']
    for item in form.items:
        parts.append(_item_fieldset(form, item, prefix))
    parts.append("</div>")
    return "\n".join(parts)


def _item_fieldset(form: Form, item: Item, prefix: str) -> str:
    name = f"{prefix}-item-{item.number}"
    legend = f"Item {item.number} — {item_text(item)}"
    options = []
    for value in range(form.scale.min, form.scale.max + 1):
        input_id = f"{name}-{value}"
        options.append(
            f'<label class="wai-option"{attrs(for_=input_id)}>'
            f'<input type="radio"{attrs(id=input_id, name=name, value=value)}>'
            f' <span class="wai-value">{esc(value)}</span>'
            f' <span class="wai-anchor">{esc(form.scale.anchor(value))}</span></label>'
        )
    return (
        f'<fieldset class="wai-item"{attrs(data_item=item.number)}>'
        f"<legend>{esc(legend)}</legend>"
        f'<div class="wai-options">{"".join(options)}</div></fieldset>'
    )


def results_table_html(result: Any, *, caption: str | None = None) -> str:
    """Goal, Task, Bond and Total rows with Sum, Mean and Items answered; unscorable rows say why."""
    data = as_dict(result)
    rows = [(SUBSCALE_LABELS[name], data["subscales"][name]) for name in SUBSCALES]
    rows.append(("Total", data["total"]))
    form_id = data.get("form", "")
    if caption is None:
        caption = f"Scores ({_short_name(form_id)})"
    body = []
    reasons = []
    for label, row in rows:
        scorable = row.get("sum") is not None and row.get("mean") is not None
        answered = f"{row.get('answered', '')} of {row.get('items', '')}"
        if scorable:
            sum_text = number(row["sum"], none="")
            if row.get("prorated"):
                sum_text = f"{mean(float(row['sum']))} (pro-rated)"
            cells = (
                f"<td{attrs(data_value=row['sum'])}>{esc(sum_text)}</td>"
                f"<td{attrs(data_value=row['mean'])}>{esc(mean(row['mean'], none=''))}</td>"
            )
        else:
            cells = '<td class="wai-unscorable">not scorable</td><td class="wai-unscorable">not scorable</td>'
            reasons.append(_unscorable_reason(label, row, data))
        body.append(
            f'<tr{attrs(data_row=label.lower())}><th scope="row">{esc(label)}</th>{cells}'
            f"<td>{esc(answered)}</td></tr>"
        )
    head = (
        '<th scope="col">Scale</th><th scope="col">Sum</th><th scope="col">Mean</th>'
        '<th scope="col">Items answered</th>'
    )
    html = table("wai-results-table", esc(caption), head, body, form_id=form_id or None)
    notes = []
    if any(row.get("prorated") and row.get("sum") is not None for _, row in rows):
        notes.append(
            "A pro-rated sum is the mean of the answered items times the number of items in the "
            "subscale; the mean uses only the answered items."
        )
    notes.extend(reasons)
    if notes:
        html += '<ul class="wai-result-notes">' + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>"
    return html


def _unscorable_reason(label: str, row: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    if label == "Total":
        return "Total: not scorable because at least one subscale is not scorable."
    missing = int(row.get("items", 0)) - int(row.get("answered", 0))
    limit = data.get("max_missing")
    rule = (
        f"at most {limit:.0%} of a subscale's items may be missing"
        if isinstance(limit, int | float)
        else "too many of its items are missing"
    )
    return f"{label}: not scorable because {missing} of its {row.get('items')} items are unanswered ({rule})."


def _short_name(form_id: str) -> str:
    try:
        return get_form(form_id).short_name
    except ValueError:
        return form_id or "WAI"


def steps_html(result: Any) -> str:
    """The scorer's own teaching steps as an ordered list, in the scorer's order."""
    steps = as_dict(result).get("steps", [])
    items = []
    for step in steps:
        paragraphs = [p for p in str(step.get("text", "")).split("\n") if p.strip()]
        text = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
        items.append(
            f'<li{attrs(data_kind=step.get("kind"))}><strong class="wai-step-title">'
            f"{esc(step.get('title', ''))}</strong>{text}</li>"
        )
    return f'<ol class="wai-steps">{"".join(items)}</ol>'


def responses_html(form: Form, responses: Iterable[int | None], *, per_row: int = 12) -> str:
    """The raw answers of a worked example, in rows of ``per_row`` items (``—`` = missing)."""
    values = list(responses)
    groups = []
    for start in range(0, len(values), per_row):
        chunk = list(enumerate(values[start : start + per_row], start=start + 1))
        head = "".join(f'<th scope="col">{esc(n)}</th>' for n, _ in chunk)
        cells = "".join(f"<td{attrs(data_item=n)}>{esc('—' if v is None else v)}</td>" for n, v in chunk)
        groups.append(f'<tr><th scope="row">Item</th>{head}</tr><tr><th scope="row">Answer</th>{cells}</tr>')
    caption = f"{esc(form.short_name)}: answers as given (— = not answered)"
    return table("wai-responses", caption, None, groups, form_id=form.id)


def scale_html(form: Form) -> str:
    """The response scale: each number with its anchor word."""
    head = "".join(f'<th scope="col">{esc(v)}</th>' for v in range(form.scale.min, form.scale.max + 1))
    cells = "".join(f"<td>{esc(a)}</td>" for a in form.scale.anchors)
    return table(
        "wai-scale", f"{esc(form.short_name)} response scale", f'<th scope="col">Answer</th>{head}',
        [f'<tr><th scope="row">Anchor</th>{cells}</tr>'], form_id=form.id,
    )


def forms_overview_html(all_forms: Iterable[Form] | None = None) -> str:
    """One row per form: who answers it, items, scale, reverse-keyed count and key confidence."""
    rows = []
    for form in all_forms if all_forms is not None else forms():
        scale = f"{form.scale.min}–{form.scale.max}: {form.scale.anchors[0]} … {form.scale.anchors[-1]}"
        rows.append(
            f'<tr{attrs(data_form=form.id)}><th scope="row">{esc(form.short_name)} '
            f"(<code>{esc(form.id)}</code>)</th>"
            f"<td>{esc(form.respondent)}</td>"
            f"<td>{esc(form.n_items)}</td><td>{esc(scale)}</td><td>{esc(len(form.reverse))}</td>"
            + "".join(f"<td>{esc(form.confidence.get(field, ''))}</td>" for field, _ in CONFIDENCE_FIELDS)
            + "</tr>"
        )
    head = (
        '<th scope="col">Form</th><th scope="col">Completed by</th>'
        '<th scope="col">Items</th><th scope="col">Response scale</th>'
        '<th scope="col">Reverse-keyed items</th><th scope="col">Subscales</th>'
        '<th scope="col">Reverse keying</th><th scope="col">Scale</th>'
    )
    return table(
        "wai-forms-overview", "The forms this site scores, and how sure we are of each key", head, rows
    )


def items_table_html(form: Form) -> str:
    """Every item with its gist (and its 36-item parent for a short form)."""
    has_parent = any(item.parent is not None for item in form.items)
    head = '<th scope="col">Item</th><th scope="col">Gist (our paraphrase)</th>'
    if has_parent:
        head += '<th scope="col">36-item number</th>'
    rows = []
    for item in form.items:
        cells = f'<th scope="row">{esc(item.number)}</th><td>{esc(item.gist)}</td>'
        if has_parent:
            cells += f"<td>{esc(item.parent if item.parent is not None else '')}</td>"
        rows.append(f"<tr{attrs(data_item=item.number)}>{cells}</tr>")
    caption = f"{esc(form.short_name)}: {esc(form.n_items)} items"
    return table("wai-items", caption, head, rows, form_id=form.id)


def key_summary_html(form: Form) -> str:
    """One row per subscale listing its items (reverse-keyed ones marked R) and the possible sums."""
    lo, hi = form.scale.min, form.scale.max
    rows = []
    for name in SUBSCALES:
        members = form.subscales[name]
        listed = ", ".join(f"{i}R" if form.is_reversed(i) else str(i) for i in members)
        n = len(members)
        rows.append(
            f'<tr{attrs(data_subscale=name)}><th scope="row">{esc(subscale_label(name))}</th>'
            f"<td>{esc(listed)}</td><td>{esc(n)}</td>"
            f"<td>{esc(sum(1 for i in members if form.is_reversed(i)))}</td>"
            f"<td>{esc(n * lo)}–{esc(n * hi)}</td></tr>"
        )
    n = form.n_items
    rows.append(
        f'<tr data-row="total"><th scope="row">Total</th><td>all {esc(n)} items</td><td>{esc(n)}</td>'
        f"<td>{esc(len(form.reverse))}</td><td>{esc(n * lo)}–{esc(n * hi)}</td></tr>"
    )
    caption = (
        f"{esc(form.short_name)} key by subscale (R = reverse-keyed; "
        f"answers {esc(lo)}–{esc(hi)}, so every item mean lies between {esc(lo)} and {esc(hi)})"
    )
    head = (
        '<th scope="col">Subscale</th><th scope="col">Items</th>'
        '<th scope="col">Number of items</th><th scope="col">Reverse-keyed</th>'
        '<th scope="col">Possible sum</th>'
    )
    return table("wai-key-summary", caption, head, rows, form_id=form.id)


def key_table_html(form: Form) -> str:
    """Item by item: subscale, reverse keying, 36-item parent, plus how sure we are of the key."""
    has_parent = any(item.parent is not None for item in form.items)
    lo_hi = form.scale.min + form.scale.max
    head = '<th scope="col">Item</th><th scope="col">Gist</th><th scope="col">Subscale</th>'
    head += '<th scope="col">Reverse-keyed</th>'
    if has_parent:
        head += '<th scope="col">36-item number</th>'
    rows = []
    for item in form.items:
        reverse = f"yes: score {lo_hi} − answer" if item.reversed else "no"
        cells = (
            f'<th scope="row">{esc(item.number)}</th><td>{esc(item.gist)}</td>'
            f"<td>{esc(subscale_label(item.subscale))}</td><td>{esc(reverse)}</td>"
        )
        if has_parent:
            cells += f"<td>{esc(item.parent if item.parent is not None else '')}</td>"
        row_attrs = attrs(
            data_item=item.number, data_subscale=item.subscale, data_reversed=str(item.reversed).lower()
        )
        rows.append(f"<tr{row_attrs}>{cells}</tr>")
    key = table("wai-key", f"{esc(form.short_name)} scoring key", head, rows, form_id=form.id)
    return key + confidence_html(form)


def confidence_html(form: Form) -> str:
    """The confidence labels of the key, straight from the form's data."""
    entries = "".join(
        f"<dt>{esc(label)}</dt><dd{attrs(data_confidence=field)}>{esc(form.confidence.get(field, ''))}</dd>"
        for field, label in CONFIDENCE_FIELDS
    )
    note = form.confidence.get("note")
    note_html = f'<p class="wai-confidence-note">{esc(note)}</p>' if note else ""
    # The note names sources by their fact-sheet ids (S1, S5, ...): list them so a reader can follow.
    sources = "".join(f"<li>{esc(source)}</li>" for source in form.sources)
    sources_html = (
        '<details class="wai-confidence-sources"><summary>Sources of this key</summary>'
        f"<ul>{sources}</ul></details>"
        if sources
        else ""
    )
    return (
        f'<div class="wai-confidence"{attrs(data_form=form.id)}>'
        f"<p><strong>How sure is this key?</strong></p><dl>{entries}</dl>{note_html}{sources_html}</div>"
    )
