"""The fast row scorer gives exactly the numbers of ``scorer.score``, and reads CSV like ``csv``."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scorer
from scorer.core.batch import (
    OUTPUT_COLUMNS,
    CsvRecords,
    RowScorer,
    format_csv_row,
    format_json_row,
    format_mean,
    format_sum,
    score_text,
)
from scorer.core.forms import FORM_IDS, SUBSCALES

FORMS = {form_id: scorer.get_form(form_id) for form_id in FORM_IDS}


def expected_scores(form_id: str, responses: list[int | None]) -> tuple:
    r = scorer.score(form_id, responses)
    parts = [r.subscales[name] for name in SUBSCALES] + [r.total]
    return (*(p.sum for p in parts), *(p.mean for p in parts))


@st.composite
def answers(
    draw: st.DrawFn, form_id: str | None = None, missing: bool = True
) -> tuple[str, list[int | None]]:
    form_id = form_id or draw(st.sampled_from(FORM_IDS))
    form = FORMS[form_id]
    value = st.integers(form.scale.min, form.scale.max)
    if missing:
        value = st.one_of(value, value, value, st.none())  # type: ignore[assignment]
    return form_id, draw(st.lists(value, min_size=form.n_items, max_size=form.n_items))


def cell(v: int | None) -> str:
    return "" if v is None else str(v)


@st.composite
def layouts(draw: st.DrawFn, n: int) -> list[str]:
    """A header: the item columns in any order, maybe an id and other columns anywhere."""
    cols = [f"item{i}" for i in range(1, n + 1)]
    if draw(st.booleans()):
        cols = draw(st.permutations(cols))
    extras = draw(st.lists(st.sampled_from(["id", "note", "site"]), unique=True, max_size=3))
    for name in extras:
        cols.insert(draw(st.integers(0, len(cols))), name)
    return cols


def make_row(header: list[str], ident: str, responses: list[int | None]) -> list[str]:
    row = []
    for name in header:
        if name == "id":
            row.append(ident)
        elif name.startswith("item"):
            row.append(cell(responses[int(name[4:]) - 1]))
        else:
            row.append("x, y")
    return row


# -- one row --------------------------------------------------------------------------------------


@given(answers(missing=False), st.data())
def test_complete_rows_match_score_exactly(case: tuple[str, list[int | None]], data: st.DataObject) -> None:
    form_id, responses = case
    header = data.draw(layouts(FORMS[form_id].n_items))
    rows = RowScorer(form_id, header)
    row = make_row(header, "p1", responses)
    scores, keyed = rows.score_row(row)
    assert scores == expected_scores(form_id, responses)
    assert [type(x) for x in scores[:4]] == [int] * 4  # complete rows: integer sums
    assert keyed == scorer.score(form_id, responses).keyed


@given(answers(missing=True), st.data())
def test_rows_with_missing_answers_match_score(
    case: tuple[str, list[int | None]], data: st.DataObject
) -> None:
    form_id, responses = case
    header = data.draw(layouts(FORMS[form_id].n_items))
    rows = RowScorer(form_id, header)
    scores, keyed = rows.score_row(make_row(header, "p1", responses))
    assert scores == expected_scores(form_id, responses)
    assert keyed == scorer.score(form_id, responses).keyed


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_the_fast_path_is_really_taken(form_id: str) -> None:
    """Otherwise the equivalence tests above would only test the general path against itself."""
    n = FORMS[form_id].n_items
    rows = RowScorer(form_id, ["id", *(f"item{i}" for i in range(n, 0, -1))])
    assert rows._fast_offsets(["a", *["2"] * n]) is not None
    assert rows._fast_offsets(["a", "", *["2"] * (n - 1)]) is None
    assert rows._line_layout  # [id, items...]: stream_csv scores straight from the line text
    assert not RowScorer(form_id, [*(f"item{i}" for i in range(1, n + 1)), "id"])._line_layout
    records = CsvRecords(io.StringIO("id,item1\nx,2\n", newline=""))
    assert next(records) == ["id", "item1"] and next(records) == ["x", "2"] and records.line_num == 2


def test_extremes_give_the_key_values() -> None:
    form = FORMS["wai"]
    rows = RowScorer("wai", [f"item{i}" for i in range(1, 37)])
    top = [str(form.scale.max if i not in form.reverse else form.scale.min) for i in range(1, 37)]
    assert rows.scores(top) == (84, 84, 84, 252, 7.0, 7.0, 7.0, 7.0)
    bottom = [str(form.scale.min if i not in form.reverse else form.scale.max) for i in range(1, 37)]
    assert rows.scores(bottom) == (12, 12, 12, 36, 1.0, 1.0, 1.0, 1.0)


def test_cells_with_spaces_or_signs_take_the_general_path() -> None:
    rows = RowScorer("wai-sr", [f"item{i}" for i in range(1, 13)])
    plain = ["3"] * 12
    assert rows.scores([" 3", "+3", "03", *plain[3:]]) == rows.scores(plain)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["9"] + ["3"] * 11, "item 1: answer 9 is outside the allowed range 1-5"),
        (["3", "0"] + ["3"] * 10, "item 2: answer 0 is outside the allowed range 1-5"),
        (["3", "x"] + ["3"] * 10, "item 2: answer 'x' is not a whole number"),
        (["3.0"] + ["3"] * 11, "item 1: answer '3.0' is not a whole number"),
        (["٣"] + ["3"] * 11, "is not a whole number"),
        (["3"] * 11, "expected 12 columns as in the header, found 11"),
        (["9" * 5000] + ["3"] * 11, r"item 1: answer '9999.*\.\.\. \(5000 characters\) is outside the"),
        (["x" * 500] + ["3"] * 11, r"answer 'xxxx.*\.\.\. \(500 characters\) is not a whole number"),
        (["3"] * 13, "expected 12 columns as in the header, found 13"),
    ],
)
def test_bad_rows_name_item_value_and_range(cells: list[str], message: str) -> None:
    rows = RowScorer("wai-sr", [f"item{i}" for i in range(1, 13)])
    pattern = message if "\\" in message else message.replace("(", r"\(").replace("+", r"\+")
    with pytest.raises(scorer.ScorerError, match=pattern):
        rows.score_row(cells)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["id", "name"], "no item columns"),
        ([f"item{i}" for i in range(1, 12)], "lacks item12"),
        ([f"item{i}" for i in range(1, 14)], "items 1-12 only"),
        ([*(f"item{i}" for i in range(1, 13)), "item" + "9" * 5000], r"\(5004 characters\).*items 1-12 only"),
        ([*(f"item{i}" for i in range(1, 13)), "ITEM1"], "names item1 twice"),
        (["id", "id", *(f"item{i}" for i in range(1, 13))], "more than one 'id'"),
    ],
)
def test_bad_headers(header: list[str], message: str) -> None:
    with pytest.raises(scorer.ScorerError, match=message):
        RowScorer("wai-s", header)


def test_header_names_are_forgiving_about_case_spaces_and_bom() -> None:
    header = ["\ufeffID", *(f" Item{i} " for i in range(1, 13))]
    rows = RowScorer("wai-s", header)
    assert rows.id_index == 0
    assert rows.scores(["a", *["4"] * 12])[3] == 48


def test_number_formatting() -> None:
    assert format_sum(None) == "" and format_mean(None) == ""
    assert format_sum(48) == "48" and format_sum(48.0) == "48" and format_sum(47.25) == "47.2500"
    assert format_mean(4.0) == "4.0000" and format_mean(47 / 12) == "3.9167"
    scores = (48, 47.25, None, None, 4.0, 3.9375, None, None)
    assert format_csv_row('a,"b"', scores) == '"a,""b""",48,47.2500,,,4.0000,3.9375,,\n'
    assert format_json_row("a", scores) == (
        '{"id": "a", "goal_sum": 48, "task_sum": 47.25, "bond_sum": null, "total_sum": null, '
        '"goal_mean": 4.0, "task_mean": 3.9375, "bond_mean": null, "total_mean": null}\n'
    )


# -- streams --------------------------------------------------------------------------------------


def reference_output(form_id: str, text: str) -> tuple[str, list[int]]:
    """What the CLI must print, computed the slow obvious way: csv.reader + scorer.score."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader)]
    n = FORMS[form_id].n_items
    out = [",".join(OUTPUT_COLUMNS) + "\n"]
    bad = []
    for row in reader:
        if not row:
            continue
        try:
            if len(row) != len(header):
                raise scorer.ScorerError("width")
            values = {}
            for name, value in zip(header, row, strict=True):
                if name.startswith("item"):
                    v = value.strip()
                    if v and not v.lstrip("+-").isdigit():
                        raise scorer.ScorerError("not a number")
                    values[int(name[4:])] = int(v) if v else None
            scores = expected_scores(form_id, [values[i] for i in range(1, n + 1)])
        except scorer.ScorerError:
            bad.append(reader.line_num)
            continue
        ident = row[header.index("id")] if "id" in header else str(reader.line_num)
        out.append(format_csv_row(ident, scores))
    return "".join(out), bad


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, str]:
    form_id = draw(st.sampled_from(FORM_IDS))
    form = FORMS[form_id]
    header = draw(layouts(form.n_items))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator=newline, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL,
                                                                                      csv.QUOTE_ALL])))
    writer.writerow(header)
    for k in range(draw(st.integers(0, 8))):
        _, responses = draw(answers(form_id, missing=draw(st.booleans())))
        ident = draw(st.sampled_from([f"p{k}", f"p,{k}", f'p"{k}', f"p\n{k}", f"é{k}"]))
        row = make_row(header, ident, responses)
        kind = draw(st.sampled_from(["ok", "ok", "ok", "blank", "short", "range", "word"]))
        if kind == "blank":
            buf.write(newline)
        item_cols = [j for j, name in enumerate(header) if name.startswith("item")]
        if kind == "short":
            row = row[:-1]
        elif kind == "range":
            row[draw(st.sampled_from(item_cols))] = str(form.scale.max + 1)
        elif kind == "word":
            row[draw(st.sampled_from(item_cols))] = "often"
        writer.writerow(row)
    return form_id, buf.getvalue()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(csv_files())
def test_streamed_csv_equals_csv_reader_plus_score(case: tuple[str, str]) -> None:
    form_id, text = case
    output, errors = score_text(form_id, text)
    expected, bad_lines = reference_output(form_id, text)
    assert output == expected
    assert [line for line, _ in errors] == bad_lines


@given(csv_files())
def test_general_row_iterator_agrees_with_the_fast_stream(case: tuple[str, str]) -> None:
    form_id, text = case
    records = CsvRecords(io.StringIO(text, newline=""))
    rows = RowScorer(form_id, next(records))
    lines = [",".join(OUTPUT_COLUMNS) + "\n"]
    lines += [format_csv_row(ident, scores) for ident, scores, _ in rows.iter_rows(records, lambda *a: None)]
    assert "".join(lines) == score_text(form_id, text)[0]


csv_text = st.text(alphabet=st.sampled_from(['a', '1', ',', '"', '\n', '\r', ' ']), max_size=60)


@given(csv_text)
def test_csv_records_match_csv_reader(text: str) -> None:
    """Rows and line numbers exactly as csv.reader gives them, errors included."""

    def collect(reader: object) -> list[object]:
        seen: list[object] = []
        it = iter(reader)  # type: ignore[call-overload]
        while True:
            try:
                row = next(it)
            except StopIteration:
                return seen
            except csv.Error:
                seen.append(("error", reader.line_num))  # type: ignore[attr-defined]
                return seen
            seen.append((row, reader.line_num))  # type: ignore[attr-defined]

    expected = collect(csv.reader(io.StringIO(text, newline="")))
    assert collect(CsvRecords(io.StringIO(text, newline=""))) == expected


def test_bad_rows_are_reported_with_line_numbers_and_the_rest_scored() -> None:
    header = "id," + ",".join(f"item{i}" for i in range(1, 13))
    good = ",".join(["4"] * 12)
    text = "\n".join([
        header,
        f"a,{good}",
        f"b,{good.replace('4', '6', 1)}",  # 6 > 5 on the WAI-SR
        "",
        f'"c\nd",{good}',  # a quoted newline: this record spans lines 5-6
        f"e,{good},extra",
        f"f,{good.replace('4', 'x', 1)}",
        f"g,{good}",
    ]) + "\n"
    output, errors = score_text("wai-sr", text)
    assert output.splitlines()[1:] == ["a,16,16,16,48,4.0000,4.0000,4.0000,4.0000",
                                       '"c', 'd",16,16,16,48,4.0000,4.0000,4.0000,4.0000',
                                       "g,16,16,16,48,4.0000,4.0000,4.0000,4.0000"]
    assert [line for line, _ in errors] == [3, 7, 8]
    assert "item 1: answer 6 is outside the allowed range 1-5" in errors[0][1]
    assert "expected 13 columns" in errors[1][1]
    assert "answer 'x' is not a whole number" in errors[2][1]


def test_missing_answers_past_the_threshold_are_empty_cells() -> None:
    header = ",".join(f"item{i}" for i in range(1, 13))
    form = FORMS["wai-s"]
    goal = set(form.subscales["goal"])
    row = ",".join("" if i in goal and i != min(goal) else "4" for i in range(1, 13))  # 3 of 4 missing
    output, errors = score_text("wai-s", f"{header}\n{row}\n")
    assert not errors
    assert output.splitlines()[1] == "2,,16,16,,,4.0000,4.0000,"  # id = line number
