"""The generated content of the built site equals what the scorer knows (one source of truth).

The pages are parsed from the strict build (fixtures in conftest.py) and compared with values
computed here from ``scorer``: items and gists, keys and confidence, worked examples, the
correspondence table and the printable sheets. A last group shows that a changed key changes what
the build would render.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scorer import render
from scorer.core.check import MISTAKE_CODES
from scorer.core.forms import SUBSCALES, Form, forms, get_form
from scorer.core.scoring import score
from sitebuild.markdown import body as fence_body
from sitebuild.markdown import data_fences

ROOT = Path(__file__).resolve().parents[2]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.parts: list[Node | str] = []

    def text(self) -> str:
        out: list[str] = []

        def walk(node: Node) -> None:
            for part in node.parts:
                if isinstance(part, Node):
                    walk(part)
                else:
                    out.append(part)

        walk(self)
        return " ".join("".join(out).split())

    def iter(self, tag: str | None = None):
        for child in self.children:
            if tag is None or child.tag == tag:
                yield child
            yield from child.iter(tag)

    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def by_class(self, name: str) -> list[Node]:
        return [n for n in self.iter() if name in n.classes()]


class Builder(HTMLParser):
    """A forgiving tree builder: Material's pages are HTML, not XML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        self.current.parts.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.parts.append(data)


def parse(html: str) -> Node:
    builder = Builder()
    builder.feed(html)
    builder.close()
    return builder.root


@pytest.fixture(scope="module")
def trees(html_pages: dict[str, str]) -> dict[str, Node]:
    return {path: parse(html) for path, html in html_pages.items()}


def rows_with(node: Node, attr: str) -> list[Node]:
    return [tr for tr in node.iter("tr") if attr in tr.attrs]


def cells(tr: Node) -> list[str]:
    return [td.text() for td in tr.iter("td")]


# --- every item of every form is on the site ---------------------------------------------------


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_every_item_and_gist_is_on_the_printable_sheet(trees, form: Form):
    tree = trees[f"forms/{form.id}/index.html"]
    sheet = [d for d in tree.by_class("wai-printable") if d.attrs.get("data-form") == form.id]
    assert len(sheet) == 1, f"forms/{form.id}: one printable sheet expected"
    answer = sheet[0].by_class("wai-print-items")[0]
    rows = rows_with(answer, "data-item")
    assert [int(tr.attrs["data-item"]) for tr in rows] == list(range(1, form.n_items + 1))
    for tr, item in zip(rows, form.items, strict=True):
        assert next(tr.iter("th")).text() == str(item.number)
        assert cells(tr)[0] == item.gist
        assert len(tr.by_class("wai-box")) == form.scale.max - form.scale.min + 1


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_every_item_and_gist_is_in_the_wai_page_key_table(trees, form: Form):
    tree = trees["wai/index.html"]
    keys = [d for d in tree.by_class("wai-key") if d.attrs.get("data-form") == form.id]
    assert len(keys) == 1
    rows = rows_with(keys[0], "data-item")
    assert len(rows) == form.n_items
    for tr, item in zip(rows, form.items, strict=True):
        row = cells(tr)
        assert next(tr.iter("th")).text() == str(item.number)
        assert row[0] == item.gist
        # the key on the page is the form's key
        assert row[1] == item.subscale.capitalize()
        assert row[2].startswith("yes") == item.reversed == (item.number in form.reverse)
        assert tr.attrs["data-subscale"] == form.subscale_of(item.number)
        if item.parent is not None:
            assert row[3] == str(item.parent)


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_confidence_on_the_wai_page_is_the_forms(trees, form: Form):
    tree = trees["wai/index.html"]
    block = [d for d in tree.by_class("wai-confidence") if d.attrs.get("data-form") == form.id]
    assert len(block) == 1
    shown = {dd.attrs["data-confidence"]: dd.text() for dd in block[0].iter("dd")}
    assert shown == {k: form.confidence[k] for k in ("subscales", "reverse", "scale")}
    assert form.confidence["note"] in block[0].text()


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_key_summary_on_the_scoring_page_is_the_forms(trees, form: Form):
    tree = trees["scoring/index.html"]
    summary = [d for d in tree.by_class("wai-key-summary") if d.attrs.get("data-form") == form.id]
    assert len(summary) == 1
    for tr in rows_with(summary[0], "data-subscale"):
        listed = [t.strip() for t in cells(tr)[0].split(",")]
        members = form.subscales[tr.attrs["data-subscale"]]
        assert listed == [f"{i}R" if i in form.reverse else str(i) for i in members]


def test_correspondence_highlights_exactly_the_items_that_change_subscale(trees):
    tree = trees["wai/index.html"]
    table = tree.by_class("wai-correspondence")
    assert len(table) == 1
    flagged = sorted(
        int(tr.attrs["data-parent"])
        for tr in rows_with(table[0], "data-parent")
        if "wai-changed" in tr.classes()
    )
    # recomputed here from the keys, independently of render.changed_parents
    wai, short = get_form("wai"), [get_form("wai-s"), get_form("wai-sr")]
    expected = sorted(
        {
            it.parent
            for f in short
            for it in f.items
            if it.parent is not None and it.subscale != wai.subscale_of(it.parent)
        }
    )
    assert flagged == expected
    assert len(flagged) == 2  # the sheet: long-form items 24 and 25


# --- worked examples equal scorer.score ----------------------------------------------------------


def fences(tree: Node, name: str) -> list[Node]:
    return [n for n in tree.by_class("wai-fence") if n.attrs.get("data-fence") == name]


def examples(tree: Node) -> list[tuple[str, Node]]:
    found = []
    for fence in fences(tree, "wai-example"):
        data = fence.by_class("wai-example-data")
        assert len(data) == 1
        found.append((fence.attrs["data-form"], data[0]))
    return found


def decode(encoded: str) -> list[int | None]:
    return [None if v == "-" else int(v) for v in encoded.split(",")]


def test_scoring_page_has_worked_examples_for_the_main_forms(trees):
    forms_shown = {form_id for form_id, _ in examples(trees["scoring/index.html"])}
    assert {"wai", "wai-s", "wai-sr"} <= forms_shown


def test_every_worked_example_equals_scorer_score(trees):
    checked = 0
    for page, tree in trees.items():
        for form_id, data in examples(tree):
            responses = decode(data.attrs["data-responses"])
            result = score(form_id, responses, max_missing=float(data.attrs["data-max-missing"]))
            d = result.to_dict()
            # the answers shown are the answers scored
            shown = [td.text() for td in data.by_class("wai-responses")[0].iter("td")]
            assert shown == ["—" if v is None else str(v) for v in responses], page
            # the steps shown are the scorer's steps, in order
            steps = list(data.by_class("wai-steps")[0].children)
            assert [li.attrs["data-kind"] for li in steps] == [s["kind"] for s in d["steps"]], page
            for li, step in zip(steps, d["steps"], strict=True):
                assert li.by_class("wai-step-title")[0].text() == step["title"]
                assert " ".join(p.text() for p in li.iter("p")) == " ".join(step["text"].split())
            # the results table shows the scorer's numbers
            table = data.by_class("wai-results-table")[0]
            rows = {
                next(tr.iter("th")).text(): cells(tr) for tr in table.iter("tr") if tr.attrs.get("data-row")
            }
            assert list(rows) == ["Goal", "Task", "Bond", "Total"], page
            for label, part in zip(rows, [*(d["subscales"][s] for s in SUBSCALES), d["total"]], strict=True):
                sum_cell, mean_cell, answered = rows[label]
                if part["sum"] is None:
                    assert sum_cell == mean_cell == "not scorable", (page, label)
                else:
                    expected_sum = f"{part['sum']:.2f} (pro-rated)" if part["prorated"] else str(part["sum"])
                    assert sum_cell == expected_sum, (page, label)
                    assert mean_cell == f"{part['mean']:.2f}", (page, label)
                assert answered == f"{part['answered']} of {part['items']}"
            checked += 1
    assert checked >= 5


def test_the_sheets_constructed_examples_appear_with_their_published_values(trees):
    """The reference sheet's §9.2 examples, as the page shows them (values from the sheet)."""
    found = {(f, d.attrs["data-responses"]): d for f, d in examples(trees["scoring/index.html"])}
    sr = found[("wai-sr", "4,3,5,2,5,3,4,2,5,3,3,4")]
    s = found[("wai-s", "6,5,7,2,6,5,6,5,7,3,5,6")]

    def sums(data: Node) -> dict[str, str]:
        table = data.by_class("wai-results-table")[0]
        return {
            next(tr.iter("th")).text(): cells(tr)[0] for tr in table.iter("tr") if tr.attrs.get("data-row")
        }

    assert sums(sr) == {"Goal": "10", "Task": "14", "Bond": "19", "Total": "43"}
    assert sums(s) == {"Goal": "21", "Task": "22", "Bond": "26", "Total": "69"}


def test_mistake_tables_show_the_mistake_each_row_demonstrates(trees):
    tables = fences(trees["scoring/index.html"], "wai-mistakes")
    assert {t.attrs["data-form"] for t in tables} >= {"wai", "wai-s", "wai-sr"}
    for table in tables:
        rows = rows_with(table, "data-code")
        assert rows
        for tr in rows:
            assert tr.attrs["data-code"] in MISTAKE_CODES
            assert tr.attrs["data-code"] == tr.attrs["data-intended"], cells(tr)


# --- printable grids ---------------------------------------------------------------------------


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_printable_grid_marks_the_reverse_keyed_items(trees, form: Form):
    tree = trees[f"forms/{form.id}/index.html"]
    grid = tree.by_class("wai-scoring-grid")[0]
    lo_hi = form.scale.min + form.scale.max
    for tr in rows_with(grid, "data-item"):
        item = form.item(int(tr.attrs["data-item"]))
        row = list(tr.iter("td"))[1:]
        open_columns = [SUBSCALES[i] for i, td in enumerate(row) if "wai-grid-na" not in td.classes()]
        assert open_columns == [item.subscale]
        assert any(td.text().startswith(f"R: {lo_hi} − x") for td in row) == item.reversed


# --- a changed key changes the site --------------------------------------------------------------


def moved(form: Form, item_number: int, to: str) -> Form:
    """``form`` with one item moved to another subscale (as if its data file were edited)."""
    subs = {name: tuple(i for i in members if i != item_number) for name, members in form.subscales.items()}
    subs[to] = tuple(sorted((*subs[to], item_number)))
    items = tuple(replace(it, subscale=to) if it.number == item_number else it for it in form.items)
    return replace(form, subscales=subs, items=items)


def test_a_changed_key_changes_the_rendered_pages(monkeypatch):
    original = get_form("wai-s")
    changed = moved(original, 8, "goal")  # WAI-S item 8 as the WAI-SR scores it
    before = {name: data_fences.build(name, "form: wai-s") for name in ("wai-key", "wai-printable")}
    example = "form: wai-s\nresponses: 6,5,7,2,6,5,6,5,7,3,5,6"
    before_example = data_fences.build("wai-example", example)

    real_get_form = fence_body.get_form
    monkeypatch.setattr(fence_body, "get_form", lambda fid: changed if fid == "wai-s" else real_get_form(fid))
    after = {name: data_fences.build(name, "form: wai-s") for name in ("wai-key", "wai-printable")}
    after_example = data_fences.build("wai-example", example)

    for name in before:
        assert before[name] != after[name], name
    key_rows = {tr.attrs["data-item"]: tr for tr in rows_with(parse(after["wai-key"]), "data-item")}
    assert key_rows["8"].attrs["data-subscale"] == "goal"
    # the worked example re-scores with the changed key: Goal gains item 8, Task loses it
    assert before_example != after_example
    assert score(changed, decode("6,5,7,2,6,5,6,5,7,3,5,6")).subscales["goal"].sum == 26


def test_a_changed_key_moves_the_correspondence_highlight():
    sr = get_form("wai-sr")
    fixed = moved(sr, 8, "task")  # put WAI-SR item 8 back on the 36-item subscale
    others = [f for f in forms() if f.id != "wai-sr"]
    before = parse(render.correspondence_table_html())
    after = parse(render.correspondence_table_html([*others, fixed]))

    def flagged(tree: Node) -> list[int]:
        return sorted(
            int(tr.attrs["data-parent"])
            for tr in rows_with(tree, "data-parent")
            if "wai-changed" in tr.classes()
        )

    assert flagged(before) == [24, 25]
    assert flagged(after) == [25]


# --- inline {{ wai:... }} placeholders: expanded from the key, never left behind -------------------


def and_list(values) -> str:
    words = [str(v) for v in values]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def page_text(trees: dict[str, Node], path: str) -> str:
    return trees[path].text()


def test_placeholders_render_the_scorers_key_facts(trees):
    """Sentences whose numbers come from placeholders, rebuilt here from the forms' data."""
    from scorer.core.scoring import DEFAULT_MAX_MISSING, allowed_missing

    wai, wai_s, wai_sr = get_form("wai"), get_form("wai-s"), get_form("wai-sr")

    def size(form: Form) -> int:
        sizes = {len(members) for members in form.subscales.values()}
        assert len(sizes) == 1
        return sizes.pop()

    def limit(form: Form) -> int:
        return allowed_missing(size(form), DEFAULT_MAX_MISSING)

    def span(form: Form) -> str:
        return f"{form.scale.min}–{form.scale.max}"

    bond_rev = [i for i in wai.subscales["bond"] if i in wai.reverse]
    all_top_bond = sum(wai.scale.min if i in wai.reverse else wai.scale.max for i in wai.subscales["bond"])
    expected = {
        "scoring/index.html": [
            f"Notice that the Goal items are {and_list(wai_sr.subscales['goal'])}, not 1–4.",
            f"WAI-S ({wai_s.n_items} items, {len(wai_s.reverse)} reverse-keyed)",
            f"WAI ({wai.n_items} items, {len(wai.reverse)} reverse-keyed)",
            f"Items {and_list(sorted(wai_s.reverse))} are the reverse-keyed ones",
            f"up to {limit(wai)} of {size(wai)} items, or {limit(wai_s)} of {size(wai_s)}.",
            f"({span(wai)} for the 36-item forms, {span(wai_s)} for the WAI-S, "
            f"{span(wai_sr)} for the WAI-SR)",
        ],
        "wai/index.html": [
            f"gives a Bond score of {all_top_bond}, not {size(wai) * wai.scale.max}, because "
            f"{len(bond_rev)} Bond items ({and_list(bond_rev)}) are reverse-keyed",
            f"each subscale has {size(wai)} items; in the short forms, {size(wai_s)} (WAI-S) and "
            f"{size(wai_sr)} (WAI-SR)",
            f"the {len(wai.reverse)} reverse-keyed items of the key are exactly the items worded negatively",
            f"the reverse-keyed items ({and_list(sorted(wai_s.reverse))}, derived from the 36-item key)",
            f"unlike the {span(wai_s)} WAI-S.",
        ],
        "glossary/index.html": [
            f"The original client form has {wai.n_items} items rated from {wai.scale.min} "
            f"({wai.scale.anchors[0]}) to {wai.scale.max} ({wai.scale.anchors[-1]}), grouped into three "
            f"{size(wai)}-item subscales",
            f"a WAI subscale runs from {size(wai) * wai.scale.min} to {size(wai) * wai.scale.max} and the "
            f"total from {wai.n_items * wai.scale.min} to {wai.n_items * wai.scale.max}.",
            f"rated {span(wai_sr)} from {wai_sr.scale.anchors[0]} to {wai_sr.scale.anchors[-1]}",
            f"({limit(wai)} of {size(wai)}, or {limit(wai_s)} of {size(wai_s)})",
        ],
        "exercises/clear-cut/index.html": [
            f"The WAI-S cases add its reverse-keyed items, {and_list(sorted(wai_s.reverse))}.",
        ],
        "exercises/index.html": [
            f"the WAI-S's reverse-keyed items ({and_list(sorted(wai_s.reverse))})",
            f"the 36-item forms' {len(wai.reverse)} reverse-keyed items",
        ],
        "exercises/missing-answers/index.html": [
            f"({limit(wai_s)} of {size(wai_s)} on the short forms, {limit(wai)} of {size(wai)} on the "
            "36-item forms)",
        ],
        "educators/index.html": [
            f"{wai.n_items} for wai/wai-t, {wai_s.n_items} for wai-s/wai-sr, each on the form's scale "
            f"({span(wai)}, or {span(wai_sr)} for the WAI-SR)",
        ],
    }
    for path, sentences in expected.items():
        text = page_text(trees, path)
        for sentence in sentences:
            assert sentence in text, (path, sentence)


UNEXPANDED = re.compile(r"\{\{\s*wai:")
CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)


def test_no_built_page_shows_an_unexpanded_placeholder(html_pages: dict[str, str]):
    leftovers = {path: UNEXPANDED.findall(CODE.sub("", html)) for path, html in html_pages.items()}
    assert {path: found for path, found in leftovers.items() if found} == {}
    assert len(html_pages) > 10


def test_source_facts_typed_on_the_wai_page_still_match_the_key():
    """The Japanese study dropped WAI-S items 4 and 10 (a fact about the study, so typed), and the
    page calls them the negatively worded, i.e. reverse-keyed, ones: that must stay true."""
    text = " ".join((ROOT / "docs" / "wai.md").read_text(encoding="utf-8").split())
    match = re.search(r"once items (\d+) and (\d+), the two negatively worded ones", text)
    assert match, "the sentence about the Japanese WAI-S study changed; update this test"
    assert sorted(int(g) for g in match.groups()) == sorted(get_form("wai-s").reverse)


def test_at_most_a_quarter_is_the_scorers_threshold():
    """Several pages say 'at most a quarter' in words: that is the scorer's default max_missing."""
    from fractions import Fraction

    from scorer.core.scoring import DEFAULT_MAX_MISSING

    pages = [
        p
        for p in (ROOT / "docs").rglob("*.md")
        if "at most a quarter" in " ".join(p.read_text("utf-8").split())
    ]
    assert pages
    assert Fraction(DEFAULT_MAX_MISSING).limit_denominator() == Fraction(1, 4), pages
