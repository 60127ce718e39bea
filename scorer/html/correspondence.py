"""Where the short-form items come from: the 36-item correspondence table and the items that changed
subscale (the ``wai-correspondence`` fence)."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.forms import Form, forms
from .markup import attrs, esc, subscale_label, table

__all__ = ["changed_items_html", "changed_parents", "correspondence_table_html"]


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
            f'<th scope="row">{esc(parent)}</th><td>{esc(long_item.gist)}</td>'
            f"<td>{esc(subscale_label(long_item.subscale))}{' (R)' if long_item.reversed else ''}</td>"
        ]
        for short in (s_by_parent.get(parent), sr_by_parent.get(parent)):
            if short is None:
                cells.append('<td class="wai-absent">—</td><td class="wai-absent">—</td>')
                continue
            subscales.add(short.subscale)
            mark = " (R)" if short.reversed else ""
            cells.append(
                f"<td>{esc(short.number)}</td><td>{esc(subscale_label(short.subscale))}{esc(mark)}</td>"
            )
        changed = len(subscales) > 1
        flag = '<td class="wai-flag"><strong>changes subscale</strong></td>' if changed else "<td></td>"
        rows.append(
            f"<tr{attrs(data_parent=parent, class_='wai-changed' if changed else None)}>"
            f"{''.join(cells)}{flag}</tr>"
        )
    caption = (
        f"Where the short-form items come from: {esc(long_form.short_name)} (36 items), "
        f"{esc(short_s.short_name)} and {esc(short_sr.short_name)}"
    )
    head = (
        '<th scope="col">36-item number</th><th scope="col">Gist</th>'
        '<th scope="col">36-item subscale</th>'
        f'<th scope="col">{esc(short_s.short_name)} number</th>'
        f'<th scope="col">{esc(short_s.short_name)} subscale</th>'
        f'<th scope="col">{esc(short_sr.short_name)} number</th>'
        f'<th scope="col">{esc(short_sr.short_name)} subscale</th>'
        '<th scope="col">Note</th>'
    )
    return table("wai-correspondence", caption, head, rows)


def changed_items_html(all_forms: Iterable[Form] | None = None) -> str:
    """A sentence per 36-item item whose subscale differs between forms (computed, never typed)."""
    by_id = {f.id: f for f in (all_forms if all_forms is not None else forms())}
    entries = []
    for parent in changed_parents(by_id.values()):
        places = [
            f"{by_id['wai'].short_name} item {parent}: {subscale_label(by_id['wai'].subscale_of(parent))}"
        ]
        for form_id in ("wai-s", "wai-sr"):
            for item in by_id[form_id].items:
                if item.parent == parent:
                    places.append(
                        f"{by_id[form_id].short_name} item {item.number}: {subscale_label(item.subscale)}"
                    )
        gist = by_id["wai"].item(parent).gist
        entries.append(f"<li><strong>{esc(gist)}</strong> — {esc('; '.join(places))}</li>")
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
