"""``wai-score``: round trips against the API, exit statuses, and bad input without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import scorer
from scorer.cli import COMMANDS, main
from scorer.core.batch import OUTPUT_COLUMNS
from scorer.core.forms import FORM_IDS, SUBSCALES
from scorer.core.stats import SampleStats

ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def cases_csv(path: Path, form_id: str, count: int = 25, *, shuffle: bool = False) -> list[scorer.cases.Case]:
    n = scorer.get_form(form_id).n_items
    cases = [scorer.cases.generate(form_id, seed, scorer.cases.PROFILES[seed % 5]) for seed in range(count)]
    items = [f"item{i}" for i in range(1, n + 1)]
    header = ["note", *reversed(items), "id"] if shuffle else ["id", *items]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for k, case in enumerate(cases):
            answers = dict(zip(items, case.responses, strict=True))
            values = {"id": f"case-{k}", "note": "free text, ignored", **answers}
            writer.writerow([values[name] for name in header])
    return cases


def expected_row(ident: str, result: scorer.Result) -> dict[str, str]:
    parts = [result.subscales[name] for name in SUBSCALES] + [result.total]
    row = {"id": ident}
    for name, part in zip((*SUBSCALES, "total"), parts, strict=True):
        row[f"{name}_sum"] = str(part.sum)
        row[f"{name}_mean"] = f"{part.mean:.4f}"
    return row


# -- forms and the registry ----------------------------------------------------------------------


def test_registry_holds_the_subcommands() -> None:
    assert {"forms", "score", "case"} <= set(COMMANDS)
    for add_arguments, run_command in COMMANDS.values():
        assert callable(add_arguments) and callable(run_command)


def test_forms_lists_every_form(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["forms"], capsys)
    assert status == 0
    for form in scorer.forms():
        line = next(line for line in out.splitlines() if line.startswith(form.id + " "))
        assert str(form.n_items) in line and form.name in line
        assert f"{form.scale.min}-{form.scale.max}" in line and form.confidence["subscales"] in line
    status, out, _ = run(["forms", "--format", "json"], capsys)
    data = json.loads(out)
    assert [d["id"] for d in data] == list(FORM_IDS)
    assert data[0]["confidence"]["reverse"] == scorer.get_form("wai").confidence["reverse"]


# -- score ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("form_id", FORM_IDS)
@pytest.mark.parametrize("shuffle", [False, True])
def test_score_round_trip_equals_the_api(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form_id: str, shuffle: bool
) -> None:
    path = tmp_path / "in.csv"
    cases = cases_csv(path, form_id, shuffle=shuffle)
    status, out, err = run(["score", "--form", form_id, str(path)], capsys)
    assert status == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(OUTPUT_COLUMNS)
    assert rows == [expected_row(f"case-{k}", case.result) for k, case in enumerate(cases)]


def test_score_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.csv"
    cases = cases_csv(path, "wai-sr")
    status, out, _ = run(["score", "--form", "wai-sr", "--format", "jsonl", str(path)], capsys)
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(cases)
    for k, (record, case) in enumerate(zip(records, cases, strict=True)):
        assert list(record) == list(OUTPUT_COLUMNS)
        assert record["id"] == f"case-{k}"
        assert record["total_sum"] == case.result.total.sum
        assert record["goal_mean"] == round(case.result.subscales["goal"].mean, 4)


def test_missing_answers_follow_the_api_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = scorer.get_form("wai-s")
    header = ",".join(f"item{i}" for i in range(1, 13))
    goal = form.subscales["goal"]
    one_missing = ["" if i == goal[0] else "5" for i in range(1, 13)]
    too_many = ["" if i in goal[:2] else "5" for i in range(1, 13)]
    (tmp_path / "in.csv").write_text(f"{header}\n{','.join(one_missing)}\n{','.join(too_many)}\n")
    status, out, _ = run(["score", "--form", "wai-s", str(tmp_path / "in.csv")], capsys)
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    r1 = scorer.score("wai-s", [None if v == "" else int(v) for v in one_missing])
    assert rows[0]["id"] == "2" and rows[0]["goal_mean"] == f"{r1.subscales['goal'].mean:.4f}"
    assert rows[0]["total_sum"] == str(int(r1.total.sum)) or rows[0]["total_sum"] == f"{r1.total.sum:.4f}"
    assert rows[1]["goal_sum"] == "" and rows[1]["total_mean"] == ""  # 2 of 4 missing: not scorable
    argv = ["score", "--form", "wai-s", "--max-missing", "0.5", str(tmp_path / "in.csv")]
    status, out, _ = run(argv, capsys)
    assert status == 0
    assert list(csv.DictReader(io.StringIO(out)))[1]["goal_sum"] != ""


def test_summary_to_stderr_and_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.csv"
    cases = cases_csv(path, "wai", count=30)
    summary = tmp_path / "summary.json"
    status, out, err = run(["score", "--form", "wai", "--summary", "--summary-file", str(summary), str(path)],
                           capsys)
    assert status == 0
    assert len(out.splitlines()) == 31  # stdout stays plain CSV
    assert "alpha" in err and "goal" in err
    data = json.loads(summary.read_text())
    stats = SampleStats(scorer.get_form("wai"))
    for case in cases:
        r = case.result
        scores = {name: (r.subscales[name].sum, r.subscales[name].mean) for name in SUBSCALES}
        scores["total"] = (r.total.sum, r.total.mean)
        stats.add(scores, r.keyed)
    assert data == json.loads(json.dumps(stats.to_dict()))
    assert data["total"]["n"] == 30 and data["goal"]["alpha"] is not None


# -- case -----------------------------------------------------------------------------------------


def test_case_json_equals_generate(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["case", "--form", "wai-s", "--seed", "7", "--profile", "weak-bond", "--format", "json"]
    status, out, _ = run(argv, capsys)
    assert status == 0
    assert json.loads(out) == scorer.cases.generate("wai-s", 7, "weak-bond").to_dict()


def test_case_text_shows_vignette_key_and_steps(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["case", "--form", "wai", "--seed", "3"], capsys)
    assert status == 0
    case = scorer.cases.generate("wai", 3)
    assert case.vignette.split()[0] in out
    assert "Answer key" in out and "Scoring steps" in out
    total = case.result.total
    assert f"{total.mean:.2f}" in out and str(total.sum) in out


# -- bad input ------------------------------------------------------------------------------------


def write(tmp_path: Path, text: str | bytes) -> str:
    path = tmp_path / "bad.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return str(path)


HEADER = ",".join(["id", *(f"item{i}" for i in range(1, 13))])
GOOD = "a," + ",".join(["3"] * 12)


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        (f"{GOOD}\nb,3,3\n{GOOD}\n", 3, "expected 13 columns as in the header, found 3"),
        (f"{GOOD}\nb,{','.join(['3'] * 11)},8\n", 3, "item 12: answer 8 is outside the allowed range 1-7"),
        (f"{GOOD}\nb,{','.join(['3'] * 11)},often\n", 3, "item 12: answer 'often' is not a whole number"),
        (f"{GOOD}\nb,3,{','.join(['3'] * 10)},-1\n", 3, "item 12: answer -1 is outside the allowed range"),
    ],
)
def test_a_bad_row_is_one_line_and_the_rest_are_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, line: int, reason: str
) -> None:
    status, out, err = run(["score", "--form", "wai-s", write(tmp_path, f"{HEADER}\n{body}")], capsys)
    assert status == 1
    assert err.splitlines()[0].startswith(f"line {line}: ") and reason in err.splitlines()[0]
    assert len(err.splitlines()) == 2  # the row, then the count
    good_rows = [r for r in csv.DictReader(io.StringIO(out))]
    assert [r["id"] for r in good_rows] == ["a"] * body.count(GOOD)


@pytest.mark.parametrize(
    ("argv", "content", "status", "message"),
    [
        (["score", "--form", "nope"], "", 2, "unknown form 'nope'"),
        (["score", "--form", "wai-s"], None, 2, "cannot open"),
        (["score", "--form", "wai-s"], "", 1, "the input is empty"),
        (["score", "--form", "wai-s"], "id,name\n1,x\n", 1, "no item columns"),
        (["score", "--form", "wai-s"], "id,item1,item2\n", 1, "lacks item3"),
        (["score", "--form", "wai"], HEADER + "\n", 1, "lacks item13"),
        (["score", "--form", "wai-s", "--format", "xml"], "", 2, "invalid choice"),
        (["score"], "", 2, "--form"),
        (["case", "--form", "wai", "--seed", "-1"], None, 2, "--seed"),
        (["case", "--form", "wai", "--seed", "1", "--profile", "odd"], None, 2, "invalid choice"),
        (["frobnicate"], None, 2, "invalid choice"),
        ([], None, 2, "required"),
    ],
)
def test_bad_invocations_and_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], content: str | None, status: int,
    message: str,
) -> None:
    if argv[:1] == ["score"]:
        argv = [*argv, write(tmp_path, content) if content is not None else str(tmp_path / "missing.csv")]
    got, _, err = run(argv, capsys)
    assert got == status
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_undecodable_bytes_fail_their_row_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (HEADER + "\n" + GOOD + "\n").encode() + b"b\xff," + b",".join([b"3"] * 12) + b"\n" \
        + b"c," + b",".join([b"3"] * 11) + b",\xe9\n" + (GOOD + "\n").encode()
    status, out, err = run(["score", "--form", "wai-s", write(tmp_path, body)], capsys)
    assert status == 1
    lines = err.splitlines()
    assert lines[0].startswith("line 3: ") and "UTF-8" in lines[0]
    assert lines[1].startswith("line 4: ") and "item 12" in lines[1]
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["a", "a"]


def test_a_csv_syntax_error_is_reported_and_reading_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "x" * (csv.field_size_limit() + 10)
    body = f'{HEADER}\n{GOOD}\n"{huge}",3\n{GOOD}\n'
    status, out, err = run(["score", "--form", "wai-s", write(tmp_path, body)], capsys)
    assert status == 1
    assert err.startswith("line 3: not valid CSV")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["a", "a"]


# -- as real processes ----------------------------------------------------------------------------


def subprocess_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_python_dash_m_reads_stdin() -> None:
    text = f"{HEADER}\n{GOOD}\nb,3\n"
    proc = subprocess.run([sys.executable, "-m", "scorer", "score", "--form", "wai-s", "-"], input=text,
                          capture_output=True, text=True, env=subprocess_env(), timeout=60)
    assert proc.returncode == 1
    row = expected_row("a", scorer.score("wai-s", [3] * 12))
    expected = ",".join(row[name] for name in OUTPUT_COLUMNS)
    assert proc.stdout.splitlines() == [",".join(OUTPUT_COLUMNS), expected]
    assert proc.stderr.splitlines()[0] == "line 3: expected 13 columns as in the header, found 2"
    assert "Traceback" not in proc.stderr


def test_broken_pipe_and_interrupt_give_one_line(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text(HEADER + "\n" + "".join(f"{GOOD}\n" for _ in range(50_000)))
    proc = subprocess.Popen([sys.executable, "-m", "scorer", "score", "--form", "wai-s", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_env())
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert "Traceback" not in err and "broken pipe" in err and len(err.strip().splitlines()) == 1

    waiting = subprocess.Popen([sys.executable, "-m", "scorer", "score", "--form", "wai-s", "-"],
                               stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.PIPE,
                               env=subprocess_env())
    assert waiting.stdin is not None and waiting.stderr is not None and waiting.stdout is not None
    waiting.stdin.write((HEADER + "\n").encode())
    waiting.stdin.flush()
    assert waiting.stdout.readline().decode().startswith("id,")  # it is now waiting for rows
    time.sleep(0.2)
    waiting.send_signal(signal.SIGINT)
    err = waiting.stderr.read().decode()
    assert waiting.wait(timeout=60) == 130
    waiting.stdin.close()
    assert "Traceback" not in err and "interrupted" in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_failing_write_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    cases_csv(path, "wai-s", count=3)
    with open("/dev/full", "w") as full:
        cmd = [sys.executable, "-m", "scorer", "score", "--form", "wai-s", str(path)]
        proc = subprocess.run(cmd, stdout=full, stderr=subprocess.PIPE, text=True, env=subprocess_env(),
                              timeout=60)
    assert proc.returncode == 1
    assert "No space left on device" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


TOKENS = [b"id", b"item1", b"item12", b"item99", b"item" + b"9" * 5000, b",", b",", b"\n", b"\r\n", b"\r",
          b'"', b"3", b"7", b"9" * 5000, b"-", b" ", b"\x00", b"\xff", b"\xef\xbb\xbf", b"x" * 140_000]


def test_random_bytes_never_give_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=12)), max_size=40),
           st.sampled_from([[], ["--format", "jsonl"], ["--summary"]]))
    def check(tokens: list[bytes], extra: list[str]) -> None:
        path = tmp_path / "random.csv"
        path.write_bytes(b"".join(tokens))
        status = main(["score", "--form", "wai-s", *extra, str(path)])
        _, err = capsys.readouterr()
        assert status in (0, 1)
        assert "Traceback" not in err
        reports = [line for line in err.splitlines() if line.startswith("line ")]
        assert all(len(line) < 400 for line in reports)  # long cells are cut short

    check()
