"""scorer.render: escaped fragments that keep the HTML contract of ARCHITECTURE.md."""

from __future__ import annotations

import json
from dataclasses import replace
from html.parser import HTMLParser
from importlib import resources

import pytest

from scorer import render
from scorer.core.forms import SUBSCALES, form_from_dict, forms, get_form

HOSTILE = "<img src=x onerror=alert(1)>\"&'<script>alert(2)</script>"


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []
        self.text_parts: list[str] = []

    def text(self) -> str:
        out = list(self.text_parts_in_order())
        return " ".join("".join(out).split())

    def text_parts_in_order(self):
        for part in self.text_parts:
            if isinstance(part, Node):
                yield from part.text_parts_in_order()
            else:
                yield part

    def iter(self, tag: str | None = None):
        for child in self.children:
            if tag is None or child.tag == tag:
                yield child
            yield from child.iter(tag)

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        return [
            n for n in self.iter(tag) if all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


VOID = {"input", "br", "img", "meta", "link", "hr"}


class TreeBuilder(HTMLParser):
    """A strict little DOM: unbalanced tags fail the test instead of being papered over."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        self.current.text_parts.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.text_parts.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def hostile_form():
    """A synthetic form whose every free-text field carries markup."""
    data = json.loads(resources.files("scorer.core").joinpath("instruments/wai-s.json").read_text("utf-8"))
    data["name"] = HOSTILE
    data["short_name"] = HOSTILE
    data["scale"]["anchors"] = [HOSTILE + str(i) for i in range(7)]
    data["confidence"]["note"] = HOSTILE
    for item in data["items"]:
        item["gist"] = HOSTILE
    data["items"][0]["licensed_text"] = HOSTILE
    return form_from_dict(data)


def all_fragments(form):
    yield render.form_html(form, prefix="p")
    yield render.items_table_html(form)
    yield render.key_table_html(form)
    yield render.key_summary_html(form)
    yield render.scale_html(form)
    yield render.printable_html(form)


def test_hostile_strings_are_escaped_everywhere():
    form = hostile_form()
    for html in all_fragments(form):
        assert "<img" not in html and "<script" not in html
        tree = parse(html)
        assert not list(tree.iter("img")) and not list(tree.iter("script"))
        assert "<img src=x onerror=alert(1)>" in tree.text()


def test_hostile_prefix_and_steps_are_escaped():
    html = render.form_html(get_form("wai-sr"), prefix='x" onclick="alert(1)')
    tree = parse(html)
    for node in tree.iter("input"):
        assert "onclick" not in node.attrs
    result = {
        "form": "wai-sr",
        "subscales": {
            s: {"sum": 10, "mean": 2.5, "answered": 4, "items": 4, "prorated": False} for s in SUBSCALES
        },
        "total": {"sum": 30, "mean": 2.5, "answered": 12, "items": 12, "prorated": False},
        "steps": [{"kind": "reverse", "title": HOSTILE, "text": HOSTILE}],
    }
    steps = render.steps_html(result)
    assert "<img" not in steps
    assert "alert(1)" in parse(steps).text()


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_form_html_contract(form):
    tree = parse(render.form_html(form, prefix="demo"))
    fieldsets = tree.find_all("fieldset")
    assert [int(f.attrs["data-item"]) for f in fieldsets] == list(range(1, form.n_items + 1))
    for fieldset, item in zip(fieldsets, form.items, strict=True):
        assert "wai-item" in fieldset.attrs["class"].split()
        legend = next(fieldset.iter("legend"))
        assert legend.text() == f"Item {item.number} — {item.gist}"
        radios = list(fieldset.iter("input"))
        assert [r.attrs["type"] for r in radios] == ["radio"] * len(form.scale.anchors)
        assert {r.attrs["name"] for r in radios} == {f"demo-item-{item.number}"}
        assert [int(r.attrs["value"]) for r in radios] == list(range(form.scale.min, form.scale.max + 1))
        labels = list(fieldset.iter("label"))
        for radio, label in zip(radios, labels, strict=True):
            value = int(radio.attrs["value"])
            assert label.attrs["for"] == radio.attrs["id"]
            assert label.text() == f"{value} {form.scale.anchor(value)}"
        # nothing in the markup gives the key away
        html = render.form_html(form, prefix="demo")
        assert "subscale" not in html and "revers" not in html


def test_ids_are_unique_across_a_form():
    tree = parse(render.form_html(get_form("wai"), prefix="a"))
    ids = [n.attrs["id"] for n in tree.iter("input")]
    assert len(ids) == len(set(ids)) == 36 * 7


def test_licensed_text_replaces_the_gist_when_present():
    form = get_form("wai-s").with_licensed_text({3: "Official wording three"})
    tree = parse(render.form_html(form, prefix="p"))
    legends = [n.text() for n in tree.iter("legend")]
    assert legends[2] == "Item 3 — Official wording three"
    assert legends[0] == f"Item 1 — {form.items[0].gist}"


def _result(form_id, subscales, total, steps=()):
    return {
        "form": form_id,
        "scale": {"min": 1, "max": 7},
        "subscales": subscales,
        "total": total,
        "reversed": [],
        "missing": [],
        "steps": list(steps),
    }


def _row(s, m, answered, items, prorated=False):
    return {"sum": s, "mean": m, "answered": answered, "items": items, "prorated": prorated}


def test_results_table_headings_and_values():
    result = _result(
        "wai-s",
        {"goal": _row(21, 5.25, 4, 4), "task": _row(22, 5.5, 4, 4), "bond": _row(26, 6.5, 4, 4)},
        _row(69, 5.75, 12, 12),
    )
    tree = parse(render.results_table_html(result))
    table = next(tree.iter("table"))
    cols = [th.text() for th in table.find_all("th", scope="col")]
    assert cols[:3] == ["Scale", "Sum", "Mean"] and "Items answered" in cols
    rows = [th.text() for th in table.find_all("th", scope="row")]
    assert rows == ["Goal", "Task", "Bond", "Total"]
    body = {
        tr.find_all("th")[0].text(): [td.text() for td in tr.iter("td")] for tr in table.find_all("tr")[1:]
    }
    assert body["Goal"] == ["21", "5.25", "4 of 4"]
    assert body["Total"] == ["69", "5.75", "12 of 12"]


def test_results_table_unscorable_and_prorated():
    result = _result(
        "wai",
        {
            "goal": _row(None, None, 8, 12),
            "task": _row(44.0, 11 / 3, 11, 12, True),
            "bond": _row(48, 4.0, 12, 12),
        },
        _row(None, None, 31, 36),
    )
    result["max_missing"] = 0.25
    tree = parse(render.results_table_html(result))
    rows = {
        tr.find_all("th")[0].text(): [td.text() for td in tr.iter("td")] for tr in tree.find_all("tr")[1:]
    }
    assert rows["Goal"][:2] == ["not scorable", "not scorable"]
    assert rows["Total"][:2] == ["not scorable", "not scorable"]
    assert rows["Task"] == ["44.00 (pro-rated)", "3.67", "11 of 12"]
    notes = tree.text()
    assert "Goal: not scorable because 4 of its 12 items are unanswered" in notes
    assert "25%" in notes


def test_steps_keep_order_and_kind():
    steps = [
        {"kind": k, "title": f"T{i}", "text": f"line {i}\nsecond"}
        for i, k in enumerate(["reverse", "assign", "sum", "mean"])
    ]
    tree = parse(render.steps_html({"steps": steps}))
    items = list(tree.find_all("ol")[0].children)
    assert [li.attrs["data-kind"] for li in items] == ["reverse", "assign", "sum", "mean"]
    assert items[0].text() == "T0line 0second"


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_key_table_matches_the_form(form):
    tree = parse(render.key_table_html(form))
    rows = [tr for tr in tree.iter("tr") if "data-item" in tr.attrs]
    assert len(rows) == form.n_items
    for tr, item in zip(rows, form.items, strict=True):
        cells = [td.text() for td in tr.iter("td")]
        assert cells[0] == item.gist
        assert cells[1] == item.subscale.title()
        assert cells[2].startswith("yes") == item.reversed
        if item.parent is not None:
            assert cells[3] == str(item.parent)
    text = tree.text()
    for field in ("subscales", "reverse", "scale"):
        assert form.confidence[field] in text
    # The confidence note cites sources by id (S1, S5, ...); the list that resolves them is shown.
    listed = [li.text() for li in tree.iter("li")]
    assert form.sources and listed == list(form.sources)


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_key_summary_lists_every_item_once(form):
    tree = parse(render.key_summary_html(form))
    listed = []
    for tr in tree.iter("tr"):
        if "data-subscale" in tr.attrs:
            cells = [td.text() for td in tr.iter("td")]
            for token in cells[0].split(", "):
                number = int(token.rstrip("R"))
                assert token.endswith("R") == form.is_reversed(number)
                assert form.subscale_of(number) == tr.attrs["data-subscale"]
                listed.append(number)
    assert sorted(listed) == list(range(1, form.n_items + 1))


def test_correspondence_flags_are_computed_from_the_keys():
    tree = parse(render.correspondence_table_html())
    flagged = sorted(
        int(tr.attrs["data-parent"]) for tr in tree.iter("tr") if "wai-changed" in tr.attrs.get("class", "")
    )
    assert flagged == render.changed_parents() == [24, 25]
    # move WAI-SR item 8 (parent 24) back to Task: the 24 flag disappears by itself
    sr = get_form("wai-sr")
    subs = {
        "goal": tuple(i for i in sr.subscales["goal"] if i != 8),
        "task": (*sr.subscales["task"], 8),
        "bond": sr.subscales["bond"],
    }
    items = tuple(replace(it, subscale="task") if it.number == 8 else it for it in sr.items)
    moved = replace(sr, subscales=subs, items=items)
    others = [f for f in forms() if f.id != "wai-sr"]
    assert render.changed_parents([*others, moved]) == [25]
    assert render.correspondence_table_html([*others, moved]) != render.correspondence_table_html()


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_items_table_has_every_item(form):
    tree = parse(render.items_table_html(form))
    rows = [tr for tr in tree.iter("tr") if "data-item" in tr.attrs]
    assert [tr.find_all("td")[0].text() for tr in rows] == [i.gist for i in form.items]


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_printable_sheet_has_boxes_and_a_marked_grid(form):
    tree = parse(render.printable_html(form))
    answer = next(d for d in tree.iter("div") if "wai-print-items" in d.attrs.get("class", ""))
    n_values = form.scale.max - form.scale.min + 1
    item_rows = [tr for tr in answer.iter("tr") if "data-item" in tr.attrs]
    assert len(item_rows) == form.n_items
    for tr, item in zip(item_rows, form.items, strict=True):
        assert item.gist in tr.text()
        assert len(tr.find_all("span", **{"class": "wai-box"})) == n_values
    grid = next(d for d in tree.iter("div") if "wai-scoring-grid" in d.attrs.get("class", ""))
    head = [th.text() for th in grid.find_all("th", scope="col")]
    assert head[-3:] == ["Goal", "Task", "Bond"]
    lo_hi = form.scale.min + form.scale.max
    for tr in (tr for tr in grid.iter("tr") if "data-item" in tr.attrs):
        item = form.item(int(tr.attrs["data-item"]))
        cells = list(tr.iter("td"))[1:]
        open_cells = [SUBSCALES[i] for i, td in enumerate(cells) if "wai-grid-na" not in td.attrs["class"]]
        assert open_cells == [item.subscale]
        marked = [td for td in cells if td.text().startswith(f"R: {lo_hi} − x")]
        assert bool(marked) == item.reversed


def test_forms_overview_is_computed_from_the_forms():
    tree = parse(render.forms_overview_html())
    rows = [tr for tr in tree.iter("tr") if "data-form" in tr.attrs]
    assert [tr.attrs["data-form"] for tr in rows] == [f.id for f in forms()]
    for tr, form in zip(rows, forms(), strict=True):
        cells = [td.text() for td in tr.iter("td")]
        assert cells[0] == form.respondent
        assert cells[1] == str(form.n_items)
        assert cells[3] == str(len(form.reverse))
        assert cells[4:] == [form.confidence[k] for k in ("subscales", "reverse", "scale")]


def test_changed_items_list_names_every_form_of_each_changed_item():
    tree = parse(render.changed_items_html())
    entries = [li.text() for li in tree.iter("li")]
    assert len(entries) == len(render.changed_parents())
    for parent, text in zip(render.changed_parents(), entries, strict=True):
        assert f"WAI item {parent}:" in text
        assert get_form("wai").item(parent).gist in text
