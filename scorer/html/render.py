"""HTML fragments built from the scorer's own objects.

The build hooks and the browser worker both call these functions, so a form, key table or worked
example looks the same on a static page and after scoring in the browser, and nothing the scorer
knows is ever typed into a page by hand. Every string that comes from data goes through
``html.escape``: item wording may one day be filled in by an institution (``licensed_text``).
Pure standard library, so it runs in Pyodide unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from ..core.forms import SUBSCALES, Form, Item, forms, get_form

__all__ = [
    "changed_items_html",
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

SUBSCALE_LABELS: dict[str, str] = {"goal": "Goal", "task": "Task", "bond": "Bond"}
RESPONDENT_LABELS: dict[str, str] = {"patient": "the patient (client)", "therapist": "the therapist"}
CONFIDENCE_FIELDS: tuple[tuple[str, str], ...] = (
    ("subscales", "Subscale assignment"),
    ("reverse", "Reverse keying"),
    ("scale", "Response scale"),
)


def _e(value: Any) -> str:
    """Escape anything for text and double-quoted attributes."""
    return escape(str(value), quote=True)


def _attrs(**attrs: Any) -> str:
    """` name="value"` pairs (underscores become hyphens; ``None`` drops the attribute)."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{_e(value)}"'
        for name, value in attrs.items()
        if value is not None
    )


def _table(
    cls: str, caption: str, head: str | None, rows: Iterable[str], *, form_id: str | None = None,
    foot: str = "",
) -> str:
    """A captioned table in ``<div class=cls>``: ``caption``, ``head`` (the header row's cells, or
    ``None`` for no header), ``rows`` and ``foot`` are HTML, already escaped."""
    thead = "" if head is None else f"<thead><tr>{head}</tr></thead>"
    tfoot = f"<tfoot>{foot}</tfoot>" if foot else ""
    return (
        f'<div class="{cls}"{_attrs(data_form=form_id)}><table><caption>{caption}</caption>'
        f"{thead}<tbody>{''.join(rows)}</tbody>{tfoot}</table></div>"
    )


def _item_text(item: Item) -> str:
    """Licensed official wording when an institution has filled it in, else our own gist."""
    return item.licensed_text or item.gist


def _subscale_label(subscale: str) -> str:
    return SUBSCALE_LABELS.get(subscale, subscale.title())


def _number(value: float | int | None) -> str:
    """Sums are whole numbers unless pro-rated; everything else shows two decimals."""
    if value is None:
        return ""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}"


def _mean(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _as_dict(result: Any) -> dict[str, Any]:
    """Accept a ``Result`` or its ``to_dict()`` (the browser worker passes dicts around)."""
    if isinstance(result, Mapping):
        return dict(result)
    return result.to_dict()


# --- the fillable form (HTML contract in ARCHITECTURE.md) -------------------------------------------


def form_html(form: Form, *, prefix: str) -> str:
    """One ``fieldset.wai-item`` per item with native radio buttons, per the HTML contract."""
    parts = [f'<div class="wai-form"{_attrs(data_form=form.id)}>']
    for item in form.items:
        parts.append(_item_fieldset(form, item, prefix))
    parts.append("</div>")
    return "\n".join(parts)


def _item_fieldset(form: Form, item: Item, prefix: str) -> str:
    name = f"{prefix}-item-{item.number}"
    legend = f"Item {item.number} — {_item_text(item)}"
    options = []
    for value in range(form.scale.min, form.scale.max + 1):
        input_id = f"{name}-{value}"
        options.append(
            f'<label class="wai-option"{_attrs(for_=input_id)}>'
            f'<input type="radio"{_attrs(id=input_id, name=name, value=value)}>'
            f' <span class="wai-value">{_e(value)}</span>'
            f' <span class="wai-anchor">{_e(form.scale.anchor(value))}</span></label>'
        )
    return (
        f'<fieldset class="wai-item"{_attrs(data_item=item.number)}>'
        f"<legend>{_e(legend)}</legend>"
        f'<div class="wai-options">{"".join(options)}</div></fieldset>'
    )


# --- results and steps -----------------------------------------------------------------------------


def results_table_html(result: Any, *, caption: str | None = None) -> str:
    """Goal, Task, Bond and Total rows with Sum, Mean and Items answered; unscorable rows say why."""
    data = _as_dict(result)
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
            sum_text = _number(row["sum"])
            if row.get("prorated"):
                sum_text = f"{float(row['sum']):.2f} (pro-rated)"
            cells = (
                f"<td{_attrs(data_value=row['sum'])}>{_e(sum_text)}</td>"
                f"<td{_attrs(data_value=row['mean'])}>{_e(_mean(row['mean']))}</td>"
            )
        else:
            cells = '<td class="wai-unscorable">not scorable</td><td class="wai-unscorable">not scorable</td>'
            reasons.append(_unscorable_reason(label, row, data))
        body.append(
            f'<tr{_attrs(data_row=label.lower())}><th scope="row">{_e(label)}</th>{cells}'
            f"<td>{_e(answered)}</td></tr>"
        )
    head = (
        '<th scope="col">Scale</th><th scope="col">Sum</th><th scope="col">Mean</th>'
        '<th scope="col">Items answered</th>'
    )
    html = _table("wai-results-table", _e(caption), head, body, form_id=form_id or None)
    notes = []
    if any(row.get("prorated") and row.get("sum") is not None for _, row in rows):
        notes.append(
            "A pro-rated sum is the mean of the answered items times the number of items in the "
            "subscale; the mean uses only the answered items."
        )
    notes.extend(reasons)
    if notes:
        html += '<ul class="wai-result-notes">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>"
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
    steps = _as_dict(result).get("steps", [])
    items = []
    for step in steps:
        paragraphs = [p for p in str(step.get("text", "")).split("\n") if p.strip()]
        text = "".join(f"<p>{_e(p)}</p>" for p in paragraphs)
        items.append(
            f'<li{_attrs(data_kind=step.get("kind"))}><strong class="wai-step-title">'
            f"{_e(step.get('title', ''))}</strong>{text}</li>"
        )
    return f'<ol class="wai-steps">{"".join(items)}</ol>'


def responses_html(form: Form, responses: Iterable[int | None], *, per_row: int = 12) -> str:
    """The raw answers of a worked example, in rows of ``per_row`` items (``—`` = missing)."""
    values = list(responses)
    groups = []
    for start in range(0, len(values), per_row):
        chunk = list(enumerate(values[start : start + per_row], start=start + 1))
        head = "".join(f'<th scope="col">{_e(n)}</th>' for n, _ in chunk)
        cells = "".join(f"<td{_attrs(data_item=n)}>{_e('—' if v is None else v)}</td>" for n, v in chunk)
        groups.append(f'<tr><th scope="row">Item</th>{head}</tr><tr><th scope="row">Answer</th>{cells}</tr>')
    caption = f"{_e(form.short_name)}: answers as given (— = not answered)"
    return _table("wai-responses", caption, None, groups, form_id=form.id)


# --- reference tables ------------------------------------------------------------------------------


def scale_html(form: Form) -> str:
    """The response scale: each number with its anchor word."""
    head = "".join(f'<th scope="col">{_e(v)}</th>' for v in range(form.scale.min, form.scale.max + 1))
    cells = "".join(f"<td>{_e(a)}</td>" for a in form.scale.anchors)
    return _table(
        "wai-scale", f"{_e(form.short_name)} response scale", f'<th scope="col">Answer</th>{head}',
        [f'<tr><th scope="row">Anchor</th>{cells}</tr>'], form_id=form.id,
    )


def forms_overview_html(all_forms: Iterable[Form] | None = None) -> str:
    """One row per form: who answers it, items, scale, reverse-keyed count and key confidence."""
    rows = []
    for form in all_forms if all_forms is not None else forms():
        scale = f"{form.scale.min}–{form.scale.max}: {form.scale.anchors[0]} … {form.scale.anchors[-1]}"
        rows.append(
            f'<tr{_attrs(data_form=form.id)}><th scope="row">{_e(form.short_name)} '
            f"(<code>{_e(form.id)}</code>)</th>"
            f"<td>{_e(form.respondent)}</td>"
            f"<td>{_e(form.n_items)}</td><td>{_e(scale)}</td><td>{_e(len(form.reverse))}</td>"
            + "".join(f"<td>{_e(form.confidence.get(field, ''))}</td>" for field, _ in CONFIDENCE_FIELDS)
            + "</tr>"
        )
    head = (
        '<th scope="col">Form</th><th scope="col">Completed by</th>'
        '<th scope="col">Items</th><th scope="col">Response scale</th>'
        '<th scope="col">Reverse-keyed items</th><th scope="col">Subscales</th>'
        '<th scope="col">Reverse keying</th><th scope="col">Scale</th>'
    )
    return _table(
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
        cells = f'<th scope="row">{_e(item.number)}</th><td>{_e(item.gist)}</td>'
        if has_parent:
            cells += f"<td>{_e(item.parent if item.parent is not None else '')}</td>"
        rows.append(f"<tr{_attrs(data_item=item.number)}>{cells}</tr>")
    caption = f"{_e(form.short_name)}: {_e(form.n_items)} items"
    return _table("wai-items", caption, head, rows, form_id=form.id)


def key_summary_html(form: Form) -> str:
    """One row per subscale listing its items (reverse-keyed ones marked R) and the possible sums."""
    lo, hi = form.scale.min, form.scale.max
    rows = []
    for name in SUBSCALES:
        members = form.subscales[name]
        listed = ", ".join(f"{i}R" if form.is_reversed(i) else str(i) for i in members)
        n = len(members)
        rows.append(
            f'<tr{_attrs(data_subscale=name)}><th scope="row">{_e(_subscale_label(name))}</th>'
            f"<td>{_e(listed)}</td><td>{_e(n)}</td>"
            f"<td>{_e(sum(1 for i in members if form.is_reversed(i)))}</td>"
            f"<td>{_e(n * lo)}–{_e(n * hi)}</td></tr>"
        )
    n = form.n_items
    rows.append(
        f'<tr data-row="total"><th scope="row">Total</th><td>all {_e(n)} items</td><td>{_e(n)}</td>'
        f"<td>{_e(len(form.reverse))}</td><td>{_e(n * lo)}–{_e(n * hi)}</td></tr>"
    )
    caption = (
        f"{_e(form.short_name)} key by subscale (R = reverse-keyed; "
        f"answers {_e(lo)}–{_e(hi)}, so every item mean lies between {_e(lo)} and {_e(hi)})"
    )
    head = (
        '<th scope="col">Subscale</th><th scope="col">Items</th>'
        '<th scope="col">Number of items</th><th scope="col">Reverse-keyed</th>'
        '<th scope="col">Possible sum</th>'
    )
    return _table("wai-key-summary", caption, head, rows, form_id=form.id)


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
            f'<th scope="row">{_e(item.number)}</th><td>{_e(item.gist)}</td>'
            f"<td>{_e(_subscale_label(item.subscale))}</td><td>{_e(reverse)}</td>"
        )
        if has_parent:
            cells += f"<td>{_e(item.parent if item.parent is not None else '')}</td>"
        attrs = _attrs(
            data_item=item.number, data_subscale=item.subscale, data_reversed=str(item.reversed).lower()
        )
        rows.append(f"<tr{attrs}>{cells}</tr>")
    table = _table("wai-key", f"{_e(form.short_name)} scoring key", head, rows, form_id=form.id)
    return table + confidence_html(form)


def confidence_html(form: Form) -> str:
    """The confidence labels of the key, straight from the form's data."""
    entries = "".join(
        f"<dt>{_e(label)}</dt><dd{_attrs(data_confidence=field)}>{_e(form.confidence.get(field, ''))}</dd>"
        for field, label in CONFIDENCE_FIELDS
    )
    note = form.confidence.get("note")
    note_html = f'<p class="wai-confidence-note">{_e(note)}</p>' if note else ""
    # The note names sources by their fact-sheet ids (S1, S5, ...): list them so a reader can follow.
    sources = "".join(f"<li>{_e(source)}</li>" for source in form.sources)
    sources_html = (
        '<details class="wai-confidence-sources"><summary>Sources of this key</summary>'
        f"<ul>{sources}</ul></details>"
        if sources
        else ""
    )
    return (
        f'<div class="wai-confidence"{_attrs(data_form=form.id)}>'
        f"<p><strong>How sure is this key?</strong></p><dl>{entries}</dl>{note_html}{sources_html}</div>"
    )


def correspondence_table_html(all_forms: Iterable[Form] | None = None) -> str:
    """36-item ↔ WAI-S ↔ WAI-SR, flagging items whose subscale differs between forms.

    The flags are computed from the keys, so a corrected key moves the highlight by itself.
    """
    by_id = {f.id: f for f in (all_forms if all_forms is not None else forms())}
    long_form, short_s, short_sr = by_id["wai"], by_id["wai-s"], by_id["wai-sr"]
    s_by_parent = {it.parent: it for it in short_s.items if it.parent is not None}
    sr_by_parent = {it.parent: it for it in short_sr.items if it.parent is not None}
    rows = []
    for parent in sorted(set(s_by_parent) | set(sr_by_parent)):
        long_item = long_form.item(parent)
        subscales = {long_item.subscale}
        cells = [
            f'<th scope="row">{_e(parent)}</th><td>{_e(long_item.gist)}</td>'
            f"<td>{_e(_subscale_label(long_item.subscale))}{' (R)' if long_item.reversed else ''}</td>"
        ]
        for short in (s_by_parent.get(parent), sr_by_parent.get(parent)):
            if short is None:
                cells.append('<td class="wai-absent">—</td><td class="wai-absent">—</td>')
                continue
            subscales.add(short.subscale)
            mark = " (R)" if short.reversed else ""
            cells.append(
                f"<td>{_e(short.number)}</td><td>{_e(_subscale_label(short.subscale))}{_e(mark)}</td>"
            )
        changed = len(subscales) > 1
        flag = '<td class="wai-flag"><strong>changes subscale</strong></td>' if changed else "<td></td>"
        rows.append(
            f"<tr{_attrs(data_parent=parent, class_='wai-changed' if changed else None)}>"
            f"{''.join(cells)}{flag}</tr>"
        )
    caption = (
        f"Where the short-form items come from: {_e(long_form.short_name)} (36 items), "
        f"{_e(short_s.short_name)} and {_e(short_sr.short_name)}"
    )
    head = (
        '<th scope="col">36-item number</th><th scope="col">Gist</th>'
        '<th scope="col">36-item subscale</th>'
        f'<th scope="col">{_e(short_s.short_name)} number</th>'
        f'<th scope="col">{_e(short_s.short_name)} subscale</th>'
        f'<th scope="col">{_e(short_sr.short_name)} number</th>'
        f'<th scope="col">{_e(short_sr.short_name)} subscale</th>'
        '<th scope="col">Note</th>'
    )
    return _table("wai-correspondence", caption, head, rows)


def changed_items_html(all_forms: Iterable[Form] | None = None) -> str:
    """A sentence per 36-item item whose subscale differs between forms (computed, never typed)."""
    by_id = {f.id: f for f in (all_forms if all_forms is not None else forms())}
    entries = []
    for parent in changed_parents(by_id.values()):
        places = [
            f"{by_id['wai'].short_name} item {parent}: {_subscale_label(by_id['wai'].subscale_of(parent))}"
        ]
        for form_id in ("wai-s", "wai-sr"):
            for item in by_id[form_id].items:
                if item.parent == parent:
                    places.append(
                        f"{by_id[form_id].short_name} item {item.number}: {_subscale_label(item.subscale)}"
                    )
        gist = by_id["wai"].item(parent).gist
        entries.append(f"<li><strong>{_e(gist)}</strong> — {_e('; '.join(places))}</li>")
    if not entries:
        return '<p class="wai-changed-items">Every shared item sits on the same subscale in every form.</p>'
    return f'<ul class="wai-changed-items">{"".join(entries)}</ul>'


def changed_parents(all_forms: Iterable[Form] | None = None) -> list[int]:
    """36-item numbers whose subscale is not the same in every form that uses them."""
    by_id = {f.id: f for f in (all_forms if all_forms is not None else forms())}
    seen: dict[int, set[str]] = {}
    for item in by_id["wai"].items:
        seen.setdefault(item.number, set()).add(item.subscale)
    for form_id in ("wai-s", "wai-sr"):
        for item in by_id[form_id].items:
            if item.parent is not None:
                seen.setdefault(item.parent, set()).add(item.subscale)
    return sorted(p for p, subs in seen.items() if len(subs) > 1)


# --- the printable paper form ----------------------------------------------------------------------


def printable_html(form: Form) -> str:
    """A paper sheet: items with answer boxes, then a scoring grid with one column per subscale."""
    return (
        f'<div class="wai-printable"{_attrs(data_form=form.id)}>'
        f"{_print_header(form)}{_print_items(form)}{_print_grid(form)}</div>"
    )


def _print_header(form: Form) -> str:
    anchors = ", ".join(f"{v} = {form.scale.anchor(v)}" for v in range(form.scale.min, form.scale.max + 1))
    who = RESPONDENT_LABELS.get(form.respondent, form.respondent)
    return (
        '<div class="wai-print-header">'
        f'<p class="wai-print-title"><strong>{_e(form.name)}</strong> ({_e(form.short_name)})</p>'
        f"<p>Completed by {_e(who)}. Name or code: ____________________ Date: ____________ "
        "Session: ______</p>"
        f"<p>Tick one box per item. Answers: {_e(anchors)}.</p>"
        '<p class="wai-print-small">Items are short paraphrases written for training, not the '
        "official wording.</p></div>"
    )


def _print_items(form: Form) -> str:
    values = range(form.scale.min, form.scale.max + 1)
    head = "".join(f'<th scope="col" title="{_e(form.scale.anchor(v))}">{_e(v)}</th>' for v in values)
    rows = []
    for item in form.items:
        boxes = "".join(
            f'<td class="wai-box-cell"><span class="wai-box" role="img" '
            f'aria-label="box {_e(v)}">{_e(v)}</span></td>'
            for v in values
        )
        rows.append(
            f'<tr{_attrs(data_item=item.number)}><th scope="row">{_e(item.number)}</th>'
            f"<td>{_e(_item_text(item))}</td>{boxes}</tr>"
        )
    return _table(
        "wai-print-items", f"{_e(form.short_name)}: answer sheet",
        f'<th scope="col">Item</th><th scope="col">Statement</th>{head}', rows,
    )


def _print_grid(form: Form) -> str:
    lo_hi = form.scale.min + form.scale.max
    head = "".join(f'<th scope="col">{_e(_subscale_label(s))}</th>' for s in SUBSCALES)
    rows = []
    for item in form.items:
        cells = []
        for name in SUBSCALES:
            if item.subscale != name:
                cells.append('<td class="wai-grid-na" aria-label="not in this subscale">·</td>')
            elif item.reversed:
                cells.append(f'<td class="wai-grid-reverse">R: {_e(lo_hi)} − x = ____</td>')
            else:
                cells.append('<td class="wai-grid-score">x = ____</td>')
        rows.append(
            f'<tr{_attrs(data_item=item.number)}><th scope="row">{_e(item.number)}</th>'
            f'<td class="wai-grid-answer">____</td>{"".join(cells)}</tr>'
        )
    counts = "".join(f"<td>{_e(len(form.subscales[s]))}</td>" for s in SUBSCALES)
    blanks = "".join("<td>______</td>" for _ in SUBSCALES)
    foot = (
        f'<tr><th scope="row">Sum</th><td></td>{blanks}</tr>'
        f'<tr><th scope="row">Items</th><td></td>{counts}</tr>'
        f'<tr><th scope="row">Mean (sum ÷ items)</th><td></td>{blanks}</tr>'
    )
    n_rev = len(form.reverse)
    if n_rev:
        instruction = (
            f"Copy each answer x into the open cell of its row. For the {n_rev} reverse-keyed items "
            f"(marked R) write {lo_hi} − x instead. Then add each column."
        )
    else:
        instruction = (
            "Copy each answer x into the open cell of its row; no item is reverse-keyed. "
            "Then add each column."
        )
    return (
        '<div class="wai-print-grid">'
        f"<p>{_e(instruction)} Total = Goal + Task + Bond sums = ______ ; "
        f"total mean = total ÷ {_e(form.n_items)} = ______</p>"
        + _table(
            "wai-scoring-grid", f"{_e(form.short_name)}: scoring grid",
            f'<th scope="col">Item</th><th scope="col">Answer (x)</th>{head}', rows, foot=foot,
        )
        + "</div>"
    )
