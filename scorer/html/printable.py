"""The printable answer sheet and hand-scoring grid of a form (the ``wai-printable`` fence)."""

from __future__ import annotations

from ..core.forms import SUBSCALES, Form
from .markup import RESPONDENT_LABELS, attrs, esc, item_text, subscale_label, table

__all__ = ["printable_html"]


def printable_html(form: Form) -> str:
    """A paper sheet: items with answer boxes, then a scoring grid with one column per subscale."""
    return (
        f'<div class="wai-printable"{attrs(data_form=form.id)}>'
        f"{_print_header(form)}{_print_items(form)}{_print_grid(form)}</div>"
    )


def _print_header(form: Form) -> str:
    anchors = ", ".join(f"{v} = {form.scale.anchor(v)}" for v in range(form.scale.min, form.scale.max + 1))
    who = RESPONDENT_LABELS.get(form.respondent, form.respondent)
    return (
        '<div class="wai-print-header">'
        f'<p class="wai-print-title"><strong>{esc(form.name)}</strong> ({esc(form.short_name)})</p>'
        f"<p>Completed by {esc(who)}. Name or code: ____________________ Date: ____________ "
        "Session: ______</p>"
        f"<p>Tick one box per item. Answers: {esc(anchors)}.</p>"
        '<p class="wai-print-small">Items are short paraphrases written for training, not the '
        "official wording.</p></div>"
    )


def _print_items(form: Form) -> str:
    values = range(form.scale.min, form.scale.max + 1)
    head = "".join(f'<th scope="col" title="{esc(form.scale.anchor(v))}">{esc(v)}</th>' for v in values)
    rows = []
    for item in form.items:
        boxes = "".join(
            f'<td class="wai-box-cell"><span class="wai-box" role="img" '
            f'aria-label="box {esc(v)}">{esc(v)}</span></td>'
            for v in values
        )
        rows.append(
            f'<tr{attrs(data_item=item.number)}><th scope="row">{esc(item.number)}</th>'
            f"<td>{esc(item_text(item))}</td>{boxes}</tr>"
        )
    return table(
        "wai-print-items", f"{esc(form.short_name)}: answer sheet",
        f'<th scope="col">Item</th><th scope="col">Statement</th>{head}', rows,
    )


def _print_grid(form: Form) -> str:
    lo_hi = form.scale.min + form.scale.max
    head = "".join(f'<th scope="col">{esc(subscale_label(s))}</th>' for s in SUBSCALES)
    rows = []
    for item in form.items:
        cells = []
        for name in SUBSCALES:
            if item.subscale != name:
                cells.append('<td class="wai-grid-na" aria-label="not in this subscale">·</td>')
            elif item.reversed:
                cells.append(f'<td class="wai-grid-reverse">R: {esc(lo_hi)} − x = ____</td>')
            else:
                cells.append('<td class="wai-grid-score">x = ____</td>')
        rows.append(
            f'<tr{attrs(data_item=item.number)}><th scope="row">{esc(item.number)}</th>'
            f'<td class="wai-grid-answer">____</td>{"".join(cells)}</tr>'
        )
    counts = "".join(f"<td>{esc(len(form.subscales[s]))}</td>" for s in SUBSCALES)
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
        f"<p>{esc(instruction)} Total = Goal + Task + Bond sums = ______ ; "
        f"total mean = total ÷ {esc(form.n_items)} = ______</p>"
        + table(
            "wai-scoring-grid", f"{esc(form.short_name)}: scoring grid",
            f'<th scope="col">Item</th><th scope="col">Answer (x)</th>{head}', rows, foot=foot,
        )
        + "</div>"
    )
