"""Fuzz and property tests over every way bad input reaches the scorer (issue 6, robustness).

For arbitrary inputs ``score``, ``check``, ``compare`` and ``cases.generate`` either return a result
the independent oracle in ``tests/fuzz_strategies.py`` agrees with, or raise ``ScorerError`` with a
message, never another exception. The oracle also decides which inputs are valid, so a valid input
that is refused or a bad one that is scored fails too. The same holds for the CSV path of
``wai-score score`` (run in-process on files: clean per-line errors, correct scores for the good
rows, exit status 0/1), the exercise YAML of the ``wai-exercise`` fence (a clean error with file,
line and reason, or a valid exercise), the import of exported files (round trips; mutated or random
JSON gives a ``ScorerError``) and the browser worker's ``dispatch`` (never "Unexpected error").

The number of cases each test ran is printed at the end of the module and kept in pytest's cache;
``FUZZ_EXAMPLES=20000`` runs a big fuzz.
"""

from __future__ import annotations

import contextlib
import csv
import inspect
import io
import json
import math
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from fuzz_strategies import (
    ANSWER_KEYS,
    FLOAT_MAX,
    FORMS,
    HUGE_INTS,
    KEYS,
    ODD_FORMS,
    PARTS,
    PROFILES,
    RESPONDENT,
    SEED_MAX,
    Invalid,
    Key,
    answer,
    assert_result_matches,
    close,
    fuzz_settings,
    json_junk,
    junk,
    oracle_max_missing,
    oracle_responses,
    oracle_score,
    report_counts,
    responses,
    valid_values,
)
from hypothesis import assume, given, note
from hypothesis import strategies as st
from markdown import Markdown

import scorer
from scorer import ScorerError, cases, web
from scorer.cli import main
from scorer.core.check import MISTAKE_CODES
from scorer.core.csvsafe import safe_text
from scorer.core.exercises import ExerciseError, parse_exercise, parse_exercises
from sitebuild.markdown import PageError
from sitebuild.markdown import exercises as exercise_fence

COUNTS: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_fuzz_counts(request: pytest.FixtureRequest):
    yield
    report_counts(request, "test_fuzz_inputs", COUNTS)


def refused(exc: BaseException) -> None:
    """A clean refusal: a ``ScorerError`` with a one-line message a person can read."""
    assert isinstance(exc, ScorerError), f"{type(exc).__name__}: {exc}"
    message = str(exc)
    assert message.strip(), "empty error message"
    assert "Traceback" not in message


# ---------------------------------------------------------------------------------------------
# score


@fuzz_settings(200)
@given(st.data())
def test_score_returns_the_oracles_numbers_or_a_clean_error(data: st.DataObject) -> None:
    COUNTS["score"] += 1
    form_id = data.draw(ODD_FORMS, label="form")
    key = KEYS.get(form_id) if isinstance(form_id, str) else None
    answers = data.draw(responses(key) if key else junk(), label="responses")
    max_missing = data.draw(
        st.one_of(
            st.just(0.25),
            st.floats(0, 1),
            st.sampled_from([0, 1, 0.1, 0.3, 0.5, 2, -0.1, math.nan]),
            st.booleans(),
            HUGE_INTS,
            st.text(max_size=3),
        ),
        label="max_missing",
    )
    try:
        if key is None:
            raise Invalid("form")
        values = oracle_responses(key, answers)
        fraction = oracle_max_missing(max_missing)
    except Invalid as why:
        with pytest.raises(ScorerError) as info:
            scorer.score(form_id, answers, max_missing=max_missing)
        refused(info.value)
        note(f"refused ({why}): {info.value}")
        return
    result = scorer.score(form_id, answers, max_missing=max_missing)
    assert_result_matches(result, key, values, fraction)


@fuzz_settings(100)
@given(FORMS.flatmap(lambda f: st.tuples(st.just(f), valid_values(KEYS[f]))))
def test_score_accepts_the_same_answers_as_list_tuple_and_mapping(case: tuple[str, tuple]) -> None:
    COUNTS["score-shapes"] += 1
    form_id, values = case
    as_list = scorer.score(form_id, list(values)).to_dict()
    assert scorer.score(form_id, tuple(values)).to_dict() == as_list
    as_map = {i: v for i, v in enumerate(values, start=1) if v is not None}
    assert scorer.score(form_id, as_map).to_dict() == as_list


# ---------------------------------------------------------------------------------------------
# check


def _given_values(expected: float | int | None) -> st.SearchStrategy[Any]:
    """A student's value for one answer: right, right when rounded, clearly wrong, None, or junk."""
    options: list[st.SearchStrategy[Any]] = [st.none()]
    if expected is not None:
        options += [
            st.just(expected),
            st.just(round(expected, 2)),
            st.sampled_from([0.02, -0.02, 0.5, -1, 1, 3, -7, 12.25]).map(lambda d: expected + d),
        ]
    else:
        options.append(st.floats(-100, 300))
    options += [
        st.just(math.nan),
        st.just(math.inf),
        HUGE_INTS,
        st.text(max_size=3),
        st.booleans(),
        st.just([1]),
    ]
    return st.one_of(*options)


@st.composite
def check_inputs(draw: st.DrawFn) -> tuple[Any, Any, Any]:
    form_id = draw(ODD_FORMS)
    key = KEYS.get(form_id) if isinstance(form_id, str) else None
    if key is None:
        return form_id, draw(junk()), draw(junk())
    answers_in = draw(st.one_of(valid_values(key), valid_values(key), responses(key)))
    try:
        values = oracle_responses(key, answers_in)
    except Invalid:
        return form_id, answers_in, draw(st.dictionaries(st.sampled_from(ANSWER_KEYS), junk(), max_size=3))
    expected = oracle_score(key, values)
    wanted = draw(st.lists(st.sampled_from(ANSWER_KEYS), unique=True, max_size=8))
    answers = {}
    for name in wanted:
        part, kind = name.split("_")
        answers[name] = draw(_given_values(getattr(expected[part], kind)))
    if draw(st.integers(0, 9)) == 0:  # now and then, an unknown key or not a mapping at all
        answers = draw(
            st.one_of(st.dictionaries(st.text(max_size=9), st.integers(), min_size=1, max_size=2), junk())
        )
    return form_id, answers_in, answers


def _oracle_check_valid(form_id: Any, answers_in: Any, answers: Any) -> tuple[Key, tuple, dict]:
    key = KEYS.get(form_id) if isinstance(form_id, str) else None
    if key is None:
        raise Invalid("form")
    values = oracle_responses(key, answers_in)
    if not isinstance(answers, dict) or any(k not in ANSWER_KEYS for k in answers):
        raise Invalid("answers")
    for v in answers.values():
        if v is not None and (
            isinstance(v, bool) or not isinstance(v, int | float) or not -FLOAT_MAX <= v <= FLOAT_MAX
        ):
            raise Invalid("answer value")
    return key, values, answers


@fuzz_settings(150)
@given(check_inputs())
def test_check_verdicts_agree_with_the_oracle_or_a_clean_error(case: tuple[Any, Any, Any]) -> None:
    COUNTS["check"] += 1
    form_id, answers_in, answers = case
    try:
        key, values, answers = _oracle_check_valid(form_id, answers_in, answers)
    except Invalid as why:
        with pytest.raises(ScorerError) as info:
            scorer.check(form_id, answers_in, answers)
        refused(info.value)
        note(f"refused ({why})")
        return
    result = scorer.check(form_id, answers_in, answers)
    expected = oracle_score(key, values)
    assert set(result.verdicts) == set(answers)
    for name, given_value in answers.items():
        part, kind = name.split("_")
        right = getattr(expected[part], kind)
        verdict = result.verdicts[name]
        if given_value is None or right is None:
            assert verdict.correct == (given_value is None and right is None), (name, verdict)
        elif math.isclose(given_value, right, abs_tol=1e-9) or given_value == round(right, 2):
            assert verdict.correct, (name, given_value, right, verdict)
        elif abs(given_value - right) >= 0.011 or (kind == "sum" and type(right) is int):
            assert not verdict.correct, (name, given_value, right, verdict)
        if right is not None:
            exact_sum = kind == "sum" and not expected[part].prorated
            assert close(verdict.expected, right if exact_sum else round(right, 2)), (name, verdict)
        else:
            assert verdict.expected is None
        if verdict.correct:
            assert verdict.mistake is None
        else:
            assert verdict.mistake is not None and verdict.mistake.code in MISTAKE_CODES
            assert verdict.mistake.message.strip()
    data = result.to_dict()
    json.dumps(data, allow_nan=False)
    assert data["all_correct"] == (bool(answers) and all(v.correct for v in result.verdicts.values()))


# ---------------------------------------------------------------------------------------------
# compare


@st.composite
def comparison_inputs(draw: st.DrawFn) -> tuple[Any, Any, Any]:
    def side() -> Any:
        form_id = draw(FORMS)
        if draw(st.integers(0, 7)) == 0:
            return draw(junk())
        return scorer.score(form_id, draw(valid_values(KEYS[form_id])))

    patient = side()
    therapist = side() if draw(st.booleans()) else scorer.score("wai-t", draw(valid_values(KEYS["wai-t"])))
    threshold = draw(
        st.one_of(
            st.just(1.0),
            st.floats(0.01, 7),
            st.integers(-1, 8),
            HUGE_INTS,
            st.sampled_from([0, 0.0, math.inf, math.nan, -0.5, True]),
            st.text(max_size=2),
        )
    )
    return patient, therapist, threshold


@fuzz_settings(150)
@given(comparison_inputs())
def test_compare_differences_and_flags_agree_with_the_oracle(case: tuple[Any, Any, Any]) -> None:
    COUNTS["compare"] += 1
    patient, therapist, threshold = case
    valid = (
        isinstance(patient, scorer.Result)
        and isinstance(therapist, scorer.Result)
        and RESPONDENT[patient.form_id] == "patient"
        and RESPONDENT[therapist.form_id] == "therapist"
        and not isinstance(threshold, bool)
        and isinstance(threshold, int | float)
        and 0 < threshold <= FLOAT_MAX
    )
    if not valid:
        with pytest.raises(ScorerError) as info:
            scorer.compare(patient, therapist, threshold=threshold)
        refused(info.value)
        return
    comparison = scorer.compare(patient, therapist, threshold=threshold)
    data = comparison.to_dict()
    json.dumps(data, allow_nan=False)
    p_key, t_key = KEYS[patient.form_id], KEYS[therapist.form_id]
    rescaled = (p_key.lo, p_key.hi) != (t_key.lo, t_key.hi)
    assert data["rescaled"] == rescaled

    def on_1_to_7(mean: float | None, key: Key) -> float | None:
        if mean is None or not rescaled or (key.lo, key.hi) == (1, 7):
            return mean
        return 1 + (mean - key.lo) * 6 / (key.hi - key.lo)

    p_scores = oracle_score(p_key, tuple(patient.responses))
    t_scores = oracle_score(t_key, tuple(therapist.responses))
    flagged = []
    for name in (*PARTS, "total"):
        row = data["total"] if name == "total" else data["subscales"][name]
        pm, tm = on_1_to_7(p_scores[name].mean, p_key), on_1_to_7(t_scores[name].mean, t_key)
        assert close(row["patient_mean"], pm) and close(row["therapist_mean"], tm), (name, row)
        if pm is None or tm is None:
            assert row["difference"] is None and row["flagged"] is False
            continue
        assert close(row["difference"], pm - tm), (name, row)
        if abs(abs(pm - tm) - threshold) > 1e-6:  # away from the boundary the flag is unambiguous
            assert row["flagged"] == (abs(pm - tm) >= threshold), (name, row, threshold)
        if row["flagged"]:
            flagged.append(name)
    assert data["flagged"] == flagged


# ---------------------------------------------------------------------------------------------
# cases.generate

SEEDS = st.one_of(
    st.integers(0, SEED_MAX),
    st.integers(0, 1000),
    st.sampled_from([0, SEED_MAX, SEED_MAX + 1, -1]),
    st.integers(),
    HUGE_INTS,
    st.floats(allow_nan=True),
    st.booleans(),
    st.text(max_size=4),
    st.none(),
)
PROFILE_ARGS = st.one_of(
    st.sampled_from(PROFILES),
    st.sampled_from(PROFILES),
    st.sampled_from(["Strong", "", "weak bond", None]),
    junk(),
)


@fuzz_settings(150)
@given(ODD_FORMS, SEEDS, PROFILE_ARGS)
def test_generate_gives_a_reproducible_correctly_scored_case_or_a_clean_error(
    form_id: Any, seed: Any, profile: Any
) -> None:
    COUNTS["generate"] += 1
    valid = (
        isinstance(form_id, str)
        and form_id in KEYS
        and type(seed) is int
        and 0 <= seed <= SEED_MAX
        and isinstance(profile, str)
        and profile in PROFILES
    )
    if not valid:
        with pytest.raises(ScorerError) as info:
            cases.generate(form_id, seed, profile)
        refused(info.value)
        return
    case = cases.generate(form_id, seed, profile)
    key = KEYS[form_id]
    assert (case.form_id, case.seed, case.profile) == (form_id, seed, profile)
    assert len(case.responses) == key.n
    assert all(type(v) is int and key.lo <= v <= key.hi for v in case.responses)
    assert case.vignette.strip()
    assert_result_matches(case.result, key, tuple(case.responses), 0.25)
    expected = oracle_score(key, tuple(case.responses))
    span = key.hi - key.lo
    point = span / 6
    means = {p: expected[p].mean for p in PARTS}
    if profile == "strong":
        assert all(m >= key.lo + 0.75 * span for m in means.values()), means
    elif profile == "weak-bond":
        assert all(means[p] - means["bond"] >= 1.5 * point - 1e-9 for p in ("goal", "task")), means
    elif profile == "goal-disagreement":
        assert all(means[p] - means["goal"] >= 1.5 * point - 1e-9 for p in ("task", "bond")), means
    elif profile == "acquiescent":
        assert all(v >= key.hi - 1 for v in case.responses), case.responses
    again = cases.generate(form_id, seed, profile)
    assert again.to_dict() == case.to_dict()
    json.dumps(case.to_dict(), allow_nan=False)


# ---------------------------------------------------------------------------------------------
# The CSV path: wai-score score on files, in-process

SCORE_COLUMNS = (
    "goal_sum",
    "task_sum",
    "bond_sum",
    "total_sum",
    "goal_mean",
    "task_mean",
    "bond_mean",
    "total_mean",
)
EXTRA_COLUMNS = ("note", "age", "", "x y", "item", "itemx", "id2", "Item 1", "items")
ID_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=12)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-csv")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cell(text: str) -> str:
    return _quoted(text) if any(c in text for c in ',"\n') else text


def _bad_cell(key: Key) -> st.SearchStrategy[bytes]:
    """An item cell that must be refused (and with it its row)."""
    return st.one_of(
        st.integers(key.hi + 1, 99).map(lambda v: str(v).encode()),
        st.integers(-9, key.lo - 1).map(lambda v: str(v).encode()),
        st.sampled_from(
            [
                b"4.5",
                b"4.0",
                b"x",
                b"NA",
                b"\x004",
                b"4\x00",
                b"\xef\xbc\x94",
                b"\xff",
                b"4\xfe",
                b"1 2",
                b"\xef\xbb\xbf4",
                b"+",
                b"--4",
                b"9" * 5000,
                b'"' + b"7" * 140_000 + b'"',
            ]
        ),
    )


@st.composite
def csv_files(draw: st.DrawFn) -> dict[str, Any]:
    """A CSV file with a known answer: which rows are good (and their answers) and which are bad."""
    form_id = draw(FORMS)
    key = KEYS[form_id]
    has_id = draw(st.booleans())
    names = [
        draw(st.sampled_from([f"item{i}", f"ITEM{i}", f" item{i} ", f"Item{i}"])) for i in range(1, key.n + 1)
    ]
    columns: list[tuple[str, Any]] = [("item", i) for i in range(1, key.n + 1)]
    columns += [("extra", name) for name in draw(st.lists(st.sampled_from(EXTRA_COLUMNS), max_size=3))]
    if has_id:
        columns.append(("id", None))
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    header = ",".join(
        names[c - 1] if kind == "item" else ("id" if kind == "id" else _cell(c)) for kind, c in columns
    )
    data = (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + header.encode() + b"\n"
    line = 1
    rows: list[dict[str, Any]] = []  # {"line", "good", "id", "values"}
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.integers(0, 6)) == 0:
            data += draw(st.sampled_from([b"\n", b"\r\n"]))  # a blank line is not a row
            line += 1
            continue
        values = [
            None if v is None else int(v) for v in draw(st.lists(answer(key), min_size=key.n, max_size=key.n))
        ]
        ident = draw(ID_TEXT)
        cells: list[bytes] = []
        for kind, c in columns:
            if kind == "item":
                v = values[c - 1]
                text = (
                    "" if v is None else draw(st.sampled_from([str(v), f" {v} ", f'"{v}"', f"+{v}", f"0{v}"]))
                )
                cells.append(text.encode())
            elif kind == "id":
                cells.append(_cell(ident).encode())
            else:  # ignored columns may hold anything but a quote or a line break
                cells.append(draw(st.sampled_from([b"", b"x", b"\xff\xfe", b"\x00", b"  ", "é".encode()])))
        defect = draw(st.sampled_from([None, None, None, "cell", "ragged", "huge", "bad-id", "nul-id"]))
        if defect == "cell":
            where = draw(st.integers(1, key.n))
            cells[columns.index(("item", where))] = draw(_bad_cell(key))
        elif defect == "ragged":
            if draw(st.booleans()) and len(cells) > 1:
                del cells[draw(st.integers(0, len(cells) - 1))]
            else:
                cells.insert(draw(st.integers(0, len(cells))), draw(st.sampled_from([b"", b"4", b"x"])))
        elif defect == "huge":  # a quoted field past csv's limit (on a one-line record)
            if has_id:
                cells[columns.index(("id", None))] = b"h"
            cells[draw(st.integers(0, len(cells) - 1))] = b'"' + b"y" * 140_000 + b'"'
        elif defect == "bad-id" and has_id:
            cells[columns.index(("id", None))] = b"id\xff"
        elif defect == "nul-id" and has_id:  # NUL is a character like any other in an id
            ident = "a\x00b"
            cells[columns.index(("id", None))] = b"a\x00b"
            defect = None
        elif defect in ("bad-id", "nul-id"):
            defect = None
        record = b",".join(cells) + draw(st.sampled_from([b"\n", b"\r\n"]))
        data += record
        line += len(record.splitlines())
        rows.append(
            {
                "line": line,
                "good": defect is None,
                "id": ident if has_id else str(line),
                "values": tuple(values),
                "defect": defect,
            }
        )
    return {"form": form_id, "bytes": data, "rows": rows, "has_id": has_id}


def _run_cli(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def _expected_row(key: Key, values: tuple[int | None, ...]) -> list[float | int | None]:
    parts = oracle_score(key, values)
    names = (*PARTS, "total")
    return [parts[p].sum for p in names] + [parts[p].mean for p in names]


@fuzz_settings(150)
@given(csv_files(), st.sampled_from(["csv", "csv", "jsonl", "summary"]))
def test_score_csv_files_give_correct_good_rows_and_one_clean_error_per_bad_row(
    workdir: Path, file: dict[str, Any], output: str
) -> None:
    COUNTS["cli-score-csv"] += 1
    key = KEYS[file["form"]]
    path = workdir / "input.csv"
    path.write_bytes(file["bytes"])
    argv = ["score", "--form", file["form"], str(path)]
    argv += {
        "csv": [],
        "jsonl": ["--format", "jsonl"],
        "summary": ["--summary-file", str(workdir / "s.json")],
    }[output]
    status, out, err = _run_cli(argv)
    note(f"status {status}\nstderr:\n{err}\nstdout:\n{out}")
    good = [r for r in file["rows"] if r["good"]]
    bad = [r for r in file["rows"] if not r["good"]]
    assert "Traceback" not in err
    # stderr: exactly one "line N: reason" per bad row, in order, then the count; nothing else.
    lines = err.splitlines()
    if bad:
        assert status == 1
        assert lines[-1] == f"wai-score: {len(bad)} bad row(s) were not scored"
        reported = lines[:-1]
        assert len(reported) == len(bad), reported
        for row, text in zip(bad, reported, strict=True):
            assert re.fullmatch(rf"line {row['line']}: \S.*", text), (row["defect"], text)
    else:
        assert status == 0 and lines == []
    # stdout: one row per good row, in order, with the oracle's numbers (and scorer.score's).
    if output == "jsonl":
        records = [json.loads(text) for text in out.splitlines()]
        got = [[r["id"], *(r[c] for c in SCORE_COLUMNS)] for r in records]
    else:
        table = list(csv.reader(io.StringIO(out, newline="")))
        assert table[0] == ["id", *SCORE_COLUMNS]
        got = [[r[0], *(None if c == "" else float(c) for c in r[1:])] for r in table[1:]]
        for r in table[1:]:
            assert all(re.fullmatch(r"\d+(\.\d{4})?|", c) for c in r[1:5]), r
            assert all(re.fullmatch(r"\d+\.\d{4}|", c) for c in r[5:]), r
    # CSV output defuses an id a spreadsheet would run as a formula (scorer.core.csvsafe); JSON does not.
    ids = [r["id"] for r in good] if output == "jsonl" else [safe_text(r["id"]) for r in good]
    assert [g[0] for g in got] == ids
    for row, values in zip(good, got, strict=True):
        want = _expected_row(key, row["values"])
        result = scorer.score(file["form"], list(row["values"]))
        api = [(result.total if p == "total" else result.subscales[p]).sum for p in (*PARTS, "total")]
        api += [(result.total if p == "total" else result.subscales[p]).mean for p in (*PARTS, "total")]
        for w, a, g in zip(want, api, values[1:], strict=True):
            assert close(w, a)
            assert close(w, g, tol=5e-5), (row, w, g)
    if output == "summary":
        summary = json.loads((workdir / "s.json").read_text(encoding="utf-8"))
        assert json.dumps(summary)  # written, and JSON


RANDOM_CSV_TOKENS = st.sampled_from(
    [
        b"id",
        b"item1",
        b"item2",
        b"item12",
        b"item36",
        b"item0",
        b"item99",
        b",",
        b",",
        b"\n",
        b"\r\n",
        b"\r",
        b'"',
        b'""',
        b"1",
        b"4",
        b"7",
        b"8",
        b"-",
        b" ",
        b"\x00",
        b"\xff",
        b"\xef\xbb\xbf",
        b"\xe2\x80\xa8",
        b"x" * 140_000,
        b"4," * 40,
        b"item" + b"9" * 5000,
        b"9" * 5000,
    ]
)


@fuzz_settings(150)
@given(
    FORMS,
    st.lists(st.one_of(RANDOM_CSV_TOKENS, st.binary(max_size=20)), max_size=40),
    st.sampled_from([[], ["--format", "jsonl"], ["--summary"]]),
)
def test_score_random_csv_bytes_end_in_clean_per_line_errors(
    workdir: Path, form_id: str, tokens: list[bytes], extra: list[str]
) -> None:
    COUNTS["cli-score-random"] += 1
    data = b"".join(tokens)
    path = workdir / "random.csv"
    path.write_bytes(data)
    status, out, err = _run_cli(["score", "--form", form_id, *extra, str(path)])
    note(f"status {status}\nstderr:\n{err}")
    assert status in (0, 1)
    assert "Traceback" not in err
    lines = err.splitlines()
    if "--summary" in extra:  # the summary table follows the rows on stderr
        lines = [t for t in lines if t.startswith(("line ", "wai-score: "))]
    n_lines = len(data.splitlines())
    numbers = [int(m.group(1)) for t in lines if (m := re.match(r"line (\d+): \S", t))]
    assert all(1 <= n <= max(n_lines, 1) for n in numbers), numbers
    assert numbers == sorted(numbers)
    summary = [t for t in lines if t.startswith("wai-score: ")]
    if status == 0:
        assert not numbers and not summary
    elif numbers:
        assert summary == [f"wai-score: {len(numbers)} bad row(s) were not scored"]
    else:  # the header (or the whole file) is refused: one line, no output
        assert len(summary) == 1 and out == ""
    assert len(numbers) + len(summary) == len(lines)


# ---------------------------------------------------------------------------------------------
# The exercise YAML: sitebuild.markdown.exercises (line numbers) + scorer.exercises (validation)

ROOT = Path(__file__).resolve().parents[2]
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FIELD_NAMES = (
    "id",
    "title",
    "form",
    "vignette",
    "responses",
    "seed",
    "profile",
    "compute",
    "attempts",
    "level",
    "pair",
    "notes",
)
YAML_TOKENS = st.sampled_from(
    [
        *FIELD_NAMES,
        ": ",
        ":",
        "\n",
        "\n",
        "\n  ",
        "  ",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "wai-s",
        "wai-t",
        "wai",
        "wai-sr",
        "knee-1",
        "4",
        "7",
        "8",
        "-1",
        "null",
        "~",
        "true",
        "1.5",
        ".nan",
        ".inf",
        "&a ",
        "*a",
        "!!int ",
        "!!str ",
        "!!binary ",
        "!!python/object:os.system ",
        "!!set ",
        "!!timestamp ",
        "'",
        '"',
        "#",
        "---",
        "...",
        "\t",
        "\x00",
        "\x07",
        "\x85",
        "\ufeff",
        "é",
        "? ",
        "<<: ",
        "|\n  ",
        ">\n  ",
        "2020-01-01",
        "goal_sum",
        "9" * 5000,
        "[4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]",
        "[1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5]",
        "[" * 200,
        "id: knee-1\nform: wai-s\nvignette: A knee.\n",
        "&x [*x]",
        "\udcff",
    ]
)


def _fence_outcome(text: str) -> Any:
    """``parse_body``'s answer: an Exercise, or (line, reason) of a clean error. Anything else fails."""
    try:
        return exercise_fence.parse_body(text)
    except exercise_fence.LocatedError as exc:
        assert isinstance(exc.line, int) and 0 <= exc.line <= text.count("\n"), (exc.line, text.count("\n"))
        assert exc.reason.strip() and "\n" not in exc.reason and "Traceback" not in exc.reason, exc.reason
        return exc.line, exc.reason


def _check_exercise(exercise: Any) -> None:
    assert SLUG.fullmatch(exercise.id) and exercise.vignette.strip()
    for sheet in (exercise.sheet, exercise.pair):
        if sheet is None:
            continue
        key = KEYS[sheet.form_id]
        values = tuple(sheet.responses)
        assert len(values) == key.n and all(v is None or key.lo <= v <= key.hi for v in values)
        expected = oracle_score(key, values)
        for name, value in sheet.expected().items():
            part, kind = name.split("_")
            assert value is not None and close(value, getattr(expected[part], kind)), (name, value)
    json.dumps(exercise.to_dict(), allow_nan=False)


@fuzz_settings(300)
@given(
    st.lists(
        st.one_of(YAML_TOKENS, st.text(st.characters(blacklist_characters="`~"), max_size=6)), max_size=30
    )
)
def test_random_yaml_text_gives_a_valid_exercise_or_file_line_and_reason(tokens: list[str]) -> None:
    COUNTS["exercise-yaml-text"] += 1
    body = "".join(tokens)
    outcome = _fence_outcome(body)
    if not isinstance(outcome, tuple):
        _check_exercise(outcome)
    # The same body in a page: the build error names the file and the line inside the fence.
    if "```" in body or "~~~" in body:
        return
    markdown = "# Page\n\nSome text.\n\n```wai-exercise\n" + body + "\n```\n"
    start = 6  # the body's first line in the page
    lines = body.replace("\r\n", "\n").replace("\r", "\n").count("\n")  # as a text-mode read splits them
    try:
        options = {"sitebuild.markdown": {"page": "fuzz.md"}}
        Markdown(extensions=["sitebuild.markdown"], extension_configs=options).convert(markdown)
    except PageError as exc:
        match = re.fullmatch(r"docs/fuzz\.md:(\d+): (\S.*)", str(exc))
        assert match, str(exc)
        assert start <= int(match.group(1)) <= start + lines, (str(exc), body)
    else:
        assert not isinstance(outcome, tuple)


def _yaml_junk() -> st.SearchStrategy[Any]:
    text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10)
    scalar = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([10**400, -1, 0, 11, 2**64]),
        st.floats(allow_nan=True, allow_infinity=True),
        text,
    )
    return st.recursive(
        scalar,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.one_of(text, st.integers()), inner, max_size=3)
        ),
        max_leaves=10,
    )


@st.composite
def exercise_maps(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """An exercise mapping, all valid (the flag) or with junk in some fields."""

    def sheet(form_id: str, compute: list[str] | None) -> dict[str, Any]:
        key = KEYS[form_id]
        out: dict[str, Any] = {"form": form_id}
        if draw(st.booleans()):
            values = draw(st.lists(answer(key), min_size=key.n, max_size=key.n))
            values = [None if v is None else int(v) for v in values]
            if all(v is None for v in values):
                values[0] = key.lo
            out["responses"] = values
        else:
            out["seed"] = draw(st.integers(0, 10**6))
            if draw(st.booleans()):
                out["profile"] = draw(st.sampled_from(PROFILES))
        if compute is not None:
            out["compute"] = compute
        return out

    form_id = draw(FORMS)
    compute = draw(
        st.one_of(st.none(), st.lists(st.sampled_from(ANSWER_KEYS), min_size=1, max_size=8, unique=True))
    )
    data: dict[str, Any] = {
        "id": draw(st.from_regex(SLUG, fullmatch=True).filter(lambda s: len(s) < 30)),
        "vignette": draw(st.sampled_from(["A knee.", "Low back pain, week 6.", "x"])),
    }
    data.update(sheet(form_id, compute))
    if draw(st.booleans()):
        data["title"] = draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20))
    if draw(st.booleans()):
        data["attempts"] = draw(st.integers(1, 10))
    if draw(st.booleans()):
        data["level"] = draw(st.sampled_from(["clear-cut", "reverse-keyed", "missing-answers"]))
    if RESPONDENT[form_id] == "patient" and draw(st.integers(0, 3)) == 0:
        data["pair"] = sheet("wai-t", None)
        if draw(st.booleans()):
            data["level"] = "pair"
    valid = True
    for _ in range(draw(st.integers(0, 2))):  # now and then, junk in a field (or an unknown field)
        valid = False
        name = draw(st.sampled_from([*FIELD_NAMES, "colour"]))
        data[name] = draw(_yaml_junk())
    if draw(st.booleans()):
        data = dict(draw(st.permutations(list(data.items()))))
    return data, valid


def _key_lines(text: str) -> dict[str, tuple[int, int]]:
    """Top-level key -> (first line, line after its block) in block-style YAML."""
    starts = [(m.group(1), text[: m.start()].count("\n")) for m in re.finditer(r"(?m)^([a-z]+):", text)]
    end = text.count("\n") + 1
    return {
        name: (line, starts[i + 1][1] if i + 1 < len(starts) else end)
        for i, (name, line) in enumerate(starts)
    }


@fuzz_settings(250)
@given(exercise_maps())
def test_random_exercise_mappings_validate_or_point_at_the_offending_line(
    case: tuple[dict[str, Any], bool],
) -> None:
    COUNTS["exercise-yaml-mapping"] += 1
    data, valid = case
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
    note(text)
    outcome = _fence_outcome(text)
    if isinstance(outcome, tuple):
        line, reason = outcome
        head = reason.split(":", 1)[0]
        top = re.split(r"[.\[]", head, maxsplit=1)[0]
        blocks = _key_lines(text)
        if top in blocks and top in data and re.fullmatch(r"[a-z_]+(\[\d+\]|\.[a-z_]+)*", head):
            first, after = blocks[top]
            assert first <= line < after, (reason, line, blocks[top])
    else:
        _check_exercise(outcome)
    # The validity of an all-valid exercise: only an unscorable value it asks for may refuse it.
    if valid:

        def unscorable(sheet: dict[str, Any], compute: Any) -> bool:
            key = KEYS[sheet["form"]]
            if "responses" not in sheet:
                return False  # generated cases are complete
            parts = oracle_score(key, tuple(sheet["responses"]))
            return any(getattr(parts[k.split("_")[0]], k.split("_")[1]) is None for k in compute)

        compute = data.get("compute") or ANSWER_KEYS
        refuse = unscorable(data, compute) or ("pair" in data and unscorable(data["pair"], compute))
        assert isinstance(outcome, tuple) == refuse, outcome


@fuzz_settings(200)
@given(junk())
def test_parse_exercise_on_arbitrary_python_values_is_clean(value: Any) -> None:
    COUNTS["exercise-objects"] += 1
    try:
        exercise = parse_exercise(value)
    except ScorerError as exc:
        refused(exc)
        assert isinstance(exc, ExerciseError)
    else:
        _check_exercise(exercise)
    try:
        parse_exercises(value)
    except ScorerError as exc:
        refused(exc)


# ---------------------------------------------------------------------------------------------
# Import of exported files: scorer.web (results) and scorer.web_selfassessment (history)


def _mutations() -> st.SearchStrategy[list[tuple[str, int, str]]]:
    edit = st.tuples(
        st.sampled_from(["insert", "delete", "replace"]),
        st.integers(0, 10**6),
        st.sampled_from(
            [
                '"',
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "0",
                "9",
                "-",
                "null",
                "true",
                "1e999",
                "\\u0000",
                "\\ud800",
                " ",
                "x",
                "9" * 5000,
                "[" * 3000,
            ]
        ),
    )
    return st.lists(edit, min_size=1, max_size=4)


def _mutate(text: str, edits: list[tuple[str, int, str]]) -> str:
    for kind, where, piece in edits:
        i = where % (len(text) + 1)
        if kind == "insert":
            text = text[:i] + piece + text[i:]
        elif kind == "delete":
            text = text[:i] + text[i + len(piece) :]
        else:
            text = text[:i] + piece + text[i + len(piece) :]
    return text


@fuzz_settings(200)
@given(FORMS.flatmap(lambda f: st.tuples(st.just(f), valid_values(KEYS[f]))), st.booleans(), _mutations())
def test_exported_results_round_trip_and_mutated_files_are_refused_cleanly(
    case: tuple[str, tuple], with_therapist: bool, edits: list[tuple[str, int, str]]
) -> None:
    COUNTS["import-results"] += 1
    form_id, values = case
    assume(any(v is not None for v in values))
    web_values = ["" if v is None else str(v) for v in values]
    if with_therapist and RESPONDENT[form_id] == "patient":
        exported = web.export_json(form_id, web_values, "wai-t", ["4"] * 36)
    else:
        exported = web.export_json(form_id, web_values)
    restored = web.validate_saved(exported["text"])
    assert restored["form"] == form_id and restored["responses"] == list(values)
    assert json.loads(exported["text"])["result"] == scorer.score(form_id, list(values)).to_dict()
    damaged = _mutate(exported["text"], edits)
    try:
        again = web.validate_saved(damaged)
    except ScorerError as exc:
        refused(exc)
        return
    key = KEYS[again["form"]]
    if "responses" in again:
        assert tuple(again["responses"]) == oracle_responses(key, again["responses"])


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A history recorded through sa_record (the page's own path), and the sessions' inputs."""
    from scorer.web import selfassessment as sa

    history: Any = None
    sessions = []
    for n in range(draw(st.integers(1, 4))):
        therapist = draw(st.lists(st.integers(1, 7), min_size=36, max_size=36))
        patient_form = draw(st.sampled_from([None, "wai-s", "wai", "wai-sr"]))
        patient = None
        if patient_form:
            key = KEYS[patient_form]
            patient = draw(st.lists(st.integers(key.lo, key.hi), min_size=key.n, max_size=key.n))
        label = draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
        date = f"2026-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
        reply = sa.sa_record(
            history,
            [str(v) for v in therapist],
            date,
            f"2026-02-01T09:{n:02d}:00Z",
            patient_label=label,
            patient_form=patient_form,
            patient_responses=None if patient is None else [str(v) for v in patient],
        )
        history = reply["history"]
        sessions.append({"therapist": therapist, "patient_form": patient_form, "patient": patient})
    return history, sessions


@fuzz_settings(100)
@given(histories(), _mutations())
def test_self_assessment_export_import_round_trips_and_mutations_are_refused_cleanly(
    recorded: tuple[dict[str, Any], list[dict[str, Any]]], edits: list[tuple[str, int, str]]
) -> None:
    from scorer.web import selfassessment as sa

    COUNTS["import-self-assessment"] += 1
    history, sessions = recorded
    # The stored means are the scorer's means of what was recorded (the oracle's numbers).
    for session in sessions:
        t = oracle_score(KEYS["wai-t"], tuple(session["therapist"]))
        assert any(
            all(close(e["therapist_means"][p], t[p].mean) for p in (*PARTS, "total"))
            for e in history["entries"]
        )
    exported = sa.sa_export_json(history)["text"]
    imported = sa.sa_import(exported, None)
    assert imported["history"]["entries"] == history["entries"]
    assert imported["added"] == len(history["entries"])
    again = sa.sa_import(exported, history)  # the same file twice adds nothing
    assert again["added"] == 0 and again["history"]["entries"] == history["entries"]
    damaged = _mutate(exported, edits)
    try:
        merged = sa.sa_import(damaged, history)
    except ScorerError as exc:
        refused(exc)
        return
    for entry in merged["history"]["entries"]:
        assert sa.validate_entry(entry) == entry


@fuzz_settings(200)
@given(json_junk())
def test_random_json_values_are_restored_or_refused_cleanly(value: Any) -> None:
    from scorer.web import selfassessment as sa

    COUNTS["import-random-json"] += 1
    text = json.dumps(value)
    for blob in (value, text):
        for function in (
            web.validate_saved,
            sa.sa_history,
            sa.sa_validate_draft,
            lambda b: sa.sa_import(b if isinstance(b, str) else json.dumps(b)),
        ):
            try:
                out = function(blob)
            except ScorerError as exc:
                refused(exc)
            else:
                json.dumps(out, allow_nan=False)


# ---------------------------------------------------------------------------------------------
# The browser worker: every function, junk arguments, never an unexpected error


def _signatures() -> dict[str, list[str]]:
    return {name: list(inspect.signature(fn).parameters) for name, fn in web.functions().items()}


@fuzz_settings(400)
@given(st.data())
def test_worker_dispatch_answers_every_call_with_a_value_or_a_clean_error(data: st.DataObject) -> None:
    COUNTS["worker-dispatch"] += 1
    signatures = _signatures()
    fn = data.draw(st.one_of(st.sampled_from(sorted(signatures)), st.text(max_size=8)), label="fn")
    names = signatures.get(fn, ["x"])
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)), label="args")
    args = {}
    for name in chosen:
        args[name] = data.draw(
            st.one_of(
                json_junk(),
                FORMS,
                st.sampled_from(PROFILES),
                st.integers(0, 50),
                st.lists(st.sampled_from(["", "1", "4", "7"]), min_size=12, max_size=12),
                st.lists(st.sampled_from(["", "1", "4", "7"]), min_size=36, max_size=36),
                st.dictionaries(
                    st.sampled_from(ANSWER_KEYS), st.sampled_from(["", "4", "4.5", "x", None]), max_size=3
                ),
            ),
            label=name,
        )
    raw = data.draw(
        st.one_of(st.just(json.dumps(args)), st.sampled_from(["", "[]", "{", "null", "[" * 5000])),
        label="args_json",
    )
    reply = json.loads(web.dispatch(fn, raw))
    assert isinstance(reply, dict) and isinstance(reply.get("ok"), bool)
    if not reply["ok"]:
        assert isinstance(reply["error"], str) and reply["error"].strip()
        assert not reply["error"].startswith("Unexpected error"), reply["error"]
    else:
        json.dumps(reply["value"], allow_nan=False)


# ---------------------------------------------------------------------------------------------
# Regression tests for the bugs the fuzzing found (values hypothesis cannot even print)

HUGE = 10**5000  # past Python's 4300-digit limit: repr() and str() raise ValueError


@pytest.mark.parametrize(
    "call",
    [
        lambda: scorer.score("wai-s", [HUGE] * 12),
        lambda: scorer.score("wai-s", {HUGE: 1}),
        lambda: scorer.score("wai-s", [[HUGE]] + [1] * 11),
        lambda: scorer.score("wai-s", [1] * 12, max_missing=HUGE),
        lambda: scorer.check("wai-s", [4] * 12, {"goal_sum": 10**400}),
        lambda: scorer.check("wai-s", [4] * 12, {"goal_mean": -(10**400)}),
        lambda: scorer.check("wai-s", [4] * 12, {HUGE: 1}),
        lambda: scorer.compare(
            scorer.score("wai-s", [4] * 12), scorer.score("wai-t", [4] * 36), threshold=10**400
        ),
        lambda: scorer.compare(
            scorer.score("wai-s", [4] * 12), scorer.score("wai-t", [4] * 36), threshold=math.inf
        ),
        lambda: cases.generate("wai", HUGE),
        lambda: cases.generate("wai", 1, [HUGE]),
        lambda: scorer.get_form([HUGE]),
    ],
    ids=[
        "score-value",
        "score-key",
        "score-nested",
        "max-missing",
        "check-int-sum",
        "check-int-mean",
        "check-key",
        "compare-int-threshold",
        "compare-inf-threshold",
        "generate-seed",
        "generate-profile",
        "get-form",
    ],
)
def test_huge_numbers_get_a_clean_error(call: Any) -> None:
    with pytest.raises(ScorerError) as info:
        call()
    refused(info.value)
    assert len(str(info.value)) < 400


def test_a_non_whole_answer_is_not_called_out_of_range() -> None:
    with pytest.raises(ScorerError, match=r"1\.5 is not a whole number"):
        scorer.get_form("wai-s").keyed(1, 1.5)


@pytest.mark.parametrize(
    ("fn", "args"),
    [
        ("score", {"form_id": "wai-s", "responses": ["9" * 5000] + [""] * 11}),
        ("score", {"form_id": "wai-s", "responses": {"9" * 5000: "1"}}),
        ("new_case", {"form_id": "wai-s", "seed": "9" * 5000}),
        ("validate_saved", {"blob": "[" * 100_000}),
        ("validate_saved", {"blob": '{"v": 1, "seed": ' + "9" * 5000 + "}"}),
        ("sa_import", {"text": "[" * 100_000}),
        ("sa_import", {"text": '{"v": 1, "entries": ' + "9" * 5000 + "}"}),
        ("sa_validate_draft", {"draft": "[" * 100_000}),
    ],
)
def test_worker_refuses_oversized_numbers_and_nesting_cleanly(fn: str, args: dict[str, Any]) -> None:
    reply = json.loads(web.dispatch(fn, json.dumps(args)))
    assert reply["ok"] is False and not reply["error"].startswith("Unexpected error"), reply


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("id: a\nform: wai-s\x01\n", 1, "U+0001"),
        ("id: a\n\x00", 1, "U+0000"),
        ("id: !!int abc\n", 0, "invalid YAML value"),
        ("id: a\nseed: " + "9" * 5000 + "\n", 1, "invalid YAML value"),
        ("&a [*a]\n", 0, "nests too deeply"),
        ("[" * 5000 + "]" * 5000, 0, "nests too deeply"),
    ],
)
def test_exercise_yaml_that_broke_the_loader_gives_line_and_reason(body: str, line: int, reason: str) -> None:
    with pytest.raises(exercise_fence.LocatedError) as info:
        exercise_fence.parse_body(body)
    assert info.value.line == line and reason in info.value.reason


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["grade", "--form", "wai-s", "-"], b"\xff\xfe"),
        (["grade", "--form", "wai-s", "-"], b'student,seed,goal_sum\n"' + b"x" * 140_000 + b'",1,2\nb,1,3\n'),
        (["grade", "--form", "wai-s", "-"], "student,seed,goal_sum\na,²,3\n".encode()),
        (["grade", "--form", "wai-s", "-"], b"student,seed,goal_sum\na," + b"9" * 5000 + b",3\n"),
        (["assign", "--form", "wai-s", "--students", "-"], b"\xff\xfe"),
        (["assign", "--form", "wai-s", "--students", "-"], b'"' + b"x" * 140_000 + b'"\n'),
    ],
)
def test_grade_and_assign_refuse_bad_stdin_without_a_traceback(argv: list[str], stdin: bytes) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scorer", *argv], input=stdin, capture_output=True, cwd=ROOT, timeout=120
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    assert all(re.fullmatch(r"wai-score: \S.*", line) for line in err.splitlines()), err
