"""The real ``wai-score`` (``python -m scorer`` in a subprocess) fed random bytes and random argv.

What every run must do (CONTRIBUTING: one line, no traceback, exit 2 for usage, 1 for bad data):

* never print ``Traceback``; exit with 0, 1 or 2 only;
* exit 0 only with an empty stderr (for ``case``: exactly when the arguments are valid);
* exit 2 (usage): exactly one stderr line, ``wai-score...: error: <reason>``;
* exit 1 (bad data): for ``score``, one ``line N: <reason>`` per bad row and then one
  ``wai-score: K bad row(s) were not scored`` with K the number of those lines, or, when the input
  cannot be read as a table at all (no header, bad header, empty), exactly one ``wai-score: <reason>``
  line and no output; for the other commands every stderr line is ``wai-score: <reason>``.

The number of subprocesses is modest (about 40); ``FUZZ_SUBPROCESS=400`` runs ten times as many.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from fuzz_strategies import FORM_IDS, PROFILES, SEED_MAX, fuzz_settings, report_counts
from hypothesis import given, note
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
COUNTS: Counter[str] = Counter()
USAGE_LINE = re.compile(r"wai-score( \w+)?: error: \S.*")
DATA_LINE = re.compile(r"wai-score: \S.*")
ROW_LINE = re.compile(r"line (\d+): \S.*")


def share(default: int) -> int:
    """This test's part of the subprocess budget (``FUZZ_SUBPROCESS``, default 40 in all)."""
    total = int(os.environ.get("FUZZ_SUBPROCESS") or 40)
    return max(1, round(default * total / 40))


@pytest.fixture(scope="module", autouse=True)
def _report_fuzz_counts(request: pytest.FixtureRequest):
    yield
    report_counts(request, "test_cli_random_bytes", COUNTS)


def wai_score(argv: list[str], stdin: bytes = b"", cwd: Path = ROOT) -> tuple[int, bytes, str]:
    # PYTHONIOENCODING=utf-8 makes stdout strict, as in most UTF-8 locales (C.UTF-8 is lenient).
    proc = subprocess.run(
        [sys.executable, "-m", "scorer", *argv],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)},
    )
    err = proc.stderr.decode("utf-8", "backslashreplace")
    note(f"argv {argv!r}\nexit {proc.returncode}\nstderr:\n{err}")
    assert "Traceback" not in err
    assert proc.returncode in (0, 1, 2), proc.returncode
    return proc.returncode, proc.stdout, err


def assert_score_streams(status: int, out: bytes, err: str, data: bytes) -> None:
    """The stderr contract of ``score`` for any input (see the module docstring)."""
    assert status in (0, 1)
    lines = err.splitlines()
    if status == 0:
        assert lines == []
        return
    rows = [int(m.group(1)) for line in lines if (m := ROW_LINE.fullmatch(line))]
    closing = [line for line in lines if DATA_LINE.fullmatch(line)]
    assert len(rows) + len(closing) == len(lines), lines
    assert len(closing) == 1, lines
    if rows:
        assert closing[0] == f"wai-score: {len(rows)} bad row(s) were not scored"
        assert rows == sorted(rows) and all(1 <= n <= len(data.splitlines()) for n in rows), rows
    else:  # the input is not a table: one line, nothing scored
        assert len(lines) == 1 and out == b""


HEADER = b"id," + b",".join(b"item%d" % i for i in range(1, 13)) + b"\n"
CSV_PIECES = st.sampled_from(
    [
        HEADER,
        HEADER,
        b"a,1,2,3,4,5,6,7,1,2,3,4,5\n",
        b"b,4,4,4,4,4,4,4,4,4,4,4,4\r\n",
        b"c,,,,,,,,,,,,\n",
        b"d,8,2,3,4,5,6,7,1,2,3,4,5\n",
        b'"e,1",1,2,3,4,5,6,7,1,2,3,4,5\n',
        b"f,1,2\n",
        b"\xff\xfe",
        b"\x00",
        b"\xef\xbb\xbf",
        b'"',
        b",",
        b"\n",
        b"\r",
        b"item1",
        b"x" * 140_000,
        b'"' + b"y" * 140_000 + b'"\n',
    ]
)
RANDOM_INPUT = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(CSV_PIECES, st.binary(max_size=12)), max_size=12).map(b"".join),
)


@fuzz_settings(share(12))
@given(st.sampled_from(FORM_IDS), RANDOM_INPUT)
def test_score_on_random_stdin(form_id: str, data: bytes) -> None:
    COUNTS["score-stdin"] += 1
    status, out, err = wai_score(["score", "--form", form_id], data)
    assert_score_streams(status, out, err, data)


@fuzz_settings(share(8))
@given(
    st.sampled_from(FORM_IDS), RANDOM_INPUT, st.sampled_from([[], ["--format", "jsonl"], ["--summary-file"]])
)
def test_score_on_a_random_file(
    tmp_path_factory: pytest.TempPathFactory, form_id: str, data: bytes, extra: list[str]
) -> None:
    COUNTS["score-file"] += 1
    folder = tmp_path_factory.mktemp("random-bytes")
    path = folder / "input.csv"
    path.write_bytes(data)
    if extra == ["--summary-file"]:
        extra = ["--summary-file", str(folder / "summary.json")]
    status, out, err = wai_score(["score", "--form", form_id, *extra, str(path)])
    assert_score_streams(status, out, err, data)


ARG_TOKENS = st.sampled_from(
    [
        "score",
        "case",
        "forms",
        "grade",
        "assign",
        "--form",
        "wai",
        "wai-s",
        "wai-x",
        "--seed",
        "7",
        "-1",
        str(SEED_MAX + 1),
        "--profile",
        "strong",
        "nope",
        "--format",
        "json",
        "csv",
        "jsonl",
        "text",
        "--count",
        "3",
        "0",
        "--students",
        "-",
        "--max-missing",
        "0.5",
        "2",
        "nan",
        "--help",
        "-h",
        "--exercises",
        "/nonexistent",
        "/",
        "-o",
        "--summary-file",
        "--key",
        "",
        " ",
        "é",
        "\udcff",
        "--",
        "---",
        "-x",
    ]
)


@fuzz_settings(share(12))
@given(
    st.lists(
        st.one_of(
            ARG_TOKENS,
            st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=6),
        ),
        max_size=7,
    ),
    st.binary(max_size=60),
)
def test_random_argv(tmp_path_factory: pytest.TempPathFactory, argv: list[str], stdin: bytes) -> None:
    COUNTS["argv"] += 1
    # In a scratch folder: "-o" or "--summary-file" followed by a random word writes that file.
    status, _out, err = wai_score(argv, stdin, cwd=tmp_path_factory.mktemp("argv"))
    lines = err.splitlines()
    if status == 2:
        assert len(lines) == 1 and USAGE_LINE.fullmatch(lines[0]), lines
    elif status == 1:
        assert lines and all(DATA_LINE.fullmatch(x) or ROW_LINE.fullmatch(x) for x in lines), lines
    else:
        assert lines == [] or "--summary" in argv or "-h" in argv or "--help" in argv, lines


SEED_TEXT = st.one_of(
    st.integers(0, SEED_MAX).map(str), st.sampled_from(["-1", str(SEED_MAX + 1), "abc", "", "4.5"])
)


@fuzz_settings(share(5))
@given(st.sampled_from([*FORM_IDS, "wai-x", "WAI"]), SEED_TEXT, st.sampled_from([*PROFILES, "nope"]))
def test_case_exits_0_exactly_for_valid_arguments(form_id: str, seed: str, profile: str) -> None:
    COUNTS["case"] += 1
    valid = form_id in FORM_IDS and seed.isdigit() and int(seed) <= SEED_MAX and profile in PROFILES
    status, out, err = wai_score(
        ["case", "--form", form_id, "--seed", seed, "--profile", profile, "--format", "json"]
    )
    if valid:
        assert status == 0 and err == "" and out.startswith(b"{")
    else:
        assert status in (1, 2) and len(err.splitlines()) == 1 and out == b""


@fuzz_settings(share(3))
@given(
    st.sampled_from([["grade", "--form", "wai-s", "-"], ["assign", "--form", "wai-s", "--students", "-"]]),
    RANDOM_INPUT,
)
def test_grade_and_assign_on_random_stdin(argv: list[str], data: bytes) -> None:
    COUNTS["grade-assign-stdin"] += 1
    status, _out, err = wai_score(argv, data)
    lines = err.splitlines()
    if status == 0:
        assert lines == []
    else:
        assert status == 1 and lines and all(DATA_LINE.fullmatch(x) for x in lines), lines
