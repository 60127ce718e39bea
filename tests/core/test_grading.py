"""scorer.grading and ``wai-score grade``: an assign -> answer -> grade round trip with known mistakes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scorer.cli import main
from scorer.core.assign import assign, assignments_csv
from scorer.core.cases import generate
from scorer.core.check import ANSWER_KEYS
from scorer.core.errors import ScorerError
from scorer.core.forms import get_form
from scorer.core.grading import CSV_COLUMNS, grade, grade_csv
from scorer.text.grading import format_report

ROOT = Path(__file__).resolve().parents[2]
FORM = "wai-s"
PROFILE = "strong"  # strong alliance: reverse-keyed items answered low, so forgetting them shows
BEHAVIOURS = ("correct", "reverse_forgotten", "wrong_subscale", "sum_mean_confused")


def _simulate(behaviour: str, seed: int) -> dict[str, float | int]:
    """A student's eight values, worked out by hand with one known mistake (or none)."""
    form = get_form(FORM)
    raw = generate(FORM, seed, PROFILE).responses
    keyed = {i: form.keyed(i, raw[i - 1]) for i in range(1, form.n_items + 1)}
    scored = dict(keyed)
    groups = {name: list(items) for name, items in form.subscales.items()}
    if behaviour == "reverse_forgotten":
        scored = {i: raw[i - 1] for i in keyed}
    if behaviour == "wrong_subscale":  # Task item 1 counted in Goal
        groups["task"].remove(1)
        groups["goal"].append(1)
    sums = {name: sum(scored[i] for i in items) for name, items in groups.items()}
    values: dict[str, float | int] = {}
    for name in ("goal", "task", "bond"):
        values[f"{name}_sum"] = sums[name]
        values[f"{name}_mean"] = round(sums[name] / len(form.subscales[name]), 2)
    total = sum(sums.values())
    values["total_sum"] = total
    values["total_mean"] = round(total / form.n_items, 2)
    if behaviour == "sum_mean_confused":
        for name in ("goal", "task", "bond", "total"):
            values[f"{name}_mean"] = values[f"{name}_sum"]
    return values


@pytest.fixture
def class_files(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Assign 8 students with the CLI's CSV, then write their answers (two per behaviour)."""
    students = [f"s{n:02d}" for n in range(1, 9)]
    assignments = list(
        csv.DictReader(
            io.StringIO(assignments_csv(assign(students, FORM, profile=PROFILE, key="round-trip")))
        )
    )
    behaviour_of: dict[str, str] = {}
    rows = []
    for n, row in enumerate(assignments):
        behaviour = BEHAVIOURS[n % len(BEHAVIOURS)]
        behaviour_of[row["student"]] = behaviour
        rows.append(
            {"student": row["student"], "seed": row["seed"], **_simulate(behaviour, int(row["seed"]))}
        )
    answers = tmp_path / "answers.csv"
    with answers.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["student", "seed", *ANSWER_KEYS])
        writer.writeheader()
        writer.writerows(rows)
    return answers, behaviour_of


def test_round_trip_finds_the_known_mistakes(
    class_files: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    answers, behaviour_of = class_files
    assert main(["grade", "--form", FORM, "--profile", PROFILE, "--format", "json", str(answers)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == []
    by_student = {row["student"]: row for row in report["rows"]}
    assert set(by_student) == set(behaviour_of)
    for student, behaviour in behaviour_of.items():
        verdicts = by_student[student]["checks"]["main"]["verdicts"]
        codes = {k: (v["mistake"] or {}).get("code") for k, v in verdicts.items() if not v["correct"]}
        if behaviour == "correct":
            assert codes == {} and by_student[student]["all_correct"]
        elif behaviour == "reverse_forgotten":  # on the WAI-S only Goal has reverse-keyed items
            assert codes == dict.fromkeys(
                ("goal_sum", "total_sum", "goal_mean", "total_mean"), "reverse_forgotten"
            )
        elif behaviour == "wrong_subscale":
            assert codes["goal_sum"] == "wrong_subscale"
            assert 1 in verdicts["goal_sum"]["mistake"]["items"]
            assert {"bond_sum", "bond_mean"}.isdisjoint(codes)
        else:
            assert codes == dict.fromkeys(
                ("goal_mean", "task_mean", "bond_mean", "total_mean"), "sum_mean_confused"
            )
    summary = report["summary"]
    assert summary["students"] == 8 and summary["all_correct"] == 2
    mistakes = {m["code"]: m for m in summary["mistakes"]}
    assert mistakes["reverse_forgotten"]["students"] == 2
    assert mistakes["reverse_forgotten"]["values"] == 8
    assert mistakes["sum_mean_confused"]["students"] == 2
    assert mistakes["wrong_subscale"]["students"] == 2
    counts = [(m["students"], m["values"]) for m in summary["mistakes"]]
    assert counts == sorted(counts, reverse=True)  # most common first


def test_text_report(class_files: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    answers, behaviour_of = class_files
    assert main(["grade", "--form", FORM, "--profile", PROFILE, str(answers)]) == 0
    out = capsys.readouterr().out
    for student in behaviour_of:
        assert f"\n{student} (seed " in out
    assert "WRONG (expected" in out and "[reverse_forgotten]" in out
    assert "Class summary" in out and "most common mistakes:" in out
    assert "students graded: 8; all values correct: 2 (25%)" in out


def test_csv_report(class_files: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    answers, _ = class_files
    target = tmp_path / "grades.csv"
    assert (
        main(
            [
                "grade",
                "--form",
                FORM,
                "--profile",
                PROFILE,
                "--format",
                "csv",
                "-o",
                str(target),
                str(answers),
            ]
        )
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 8 * 8
    assert {r["mistake"] for r in rows if r["correct"] == "no"} == {
        "reverse_forgotten",
        "wrong_subscale",
        "sum_mean_confused",
    } | ({"other_form_key"} & {r["mistake"] for r in rows})


def test_wrong_profile_is_caught(
    class_files: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    answers, _ = class_files
    assert main(["grade", "--form", FORM, "--format", "json", str(answers)]) == 0  # profile random
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["all_correct"] < 2  # the cases differ, so the answers mostly do not fit


# --- bad input ----------------------------------------------------------------------------------


def _grade_text(text: str, **kwargs: object) -> list[str]:
    return grade_csv(text, FORM, where="a.csv", **kwargs).errors  # type: ignore[arg-type]


def test_bad_rows_have_line_numbers_and_good_rows_are_still_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = assign(["x"], FORM)[0].seed
    text = (
        "student,seed,goal_sum,goal_mean\n"
        f"ok,{seed},20,5\n"
        f",{seed},20,5\n"
        "b,abc,20,5\n"
        f"c,{seed},twenty,5\n"
        f"d,{seed},,\n"
        f"ok,{seed},21,5\n"
        "e,,20,5\n"
    )
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    assert main(["grade", "--form", FORM, str(path)]) == 1
    captured = capsys.readouterr()
    assert "ok (seed" in captured.out
    err = captured.err.splitlines()
    assert [line.split(": ", 1)[1].split(":")[1] for line in err] == ["3", "4", "5", "6", "7", "8"]
    assert "student column is empty" in err[0]
    assert "seed: 'abc'" in err[1]
    assert "goal_sum: 'twenty' is not a number" in err[2]
    assert "no values to grade" in err[3]
    assert "appears twice" in err[4]
    assert "give the case's seed" in err[5]
    assert "Traceback" not in captured.err


def test_file_level_problems() -> None:
    with pytest.raises(ScorerError, match="empty"):
        grade_csv("", FORM)
    with pytest.raises(ScorerError, match="'student' column"):
        grade_csv("name,seed,goal_sum\n", FORM)
    with pytest.raises(ScorerError, match="'seed' or an 'exercise'"):
        grade_csv("student,goal_sum\n", FORM)
    with pytest.raises(ScorerError, match="unknown value column 'goal_summ'"):
        grade_csv("student,seed,goal_summ\n", FORM)
    with pytest.raises(ScorerError, match="no value columns"):
        grade_csv("student,seed,email\n", FORM)


def test_not_scorable_claims_and_extra_columns() -> None:
    responses = generate(FORM, 1, "random").responses
    assert responses  # the grader regenerates the same case
    report = grade([{"student": "a", "seed": 1, "email": "a@x", "goal_sum": "not scorable"}], FORM)
    verdict = report.rows[0].checks["main"]["verdicts"]["goal_sum"]
    assert verdict["correct"] is False and verdict["mistake"]["code"] == "not_scorable"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("student,seed,goal_sum\na,1,3\n", encoding="utf-8")
    assert main(["grade", "--form", "nope", str(path)]) == 2
    assert main(["grade", "--form", FORM, str(tmp_path / "missing.csv")]) == 2
    assert main(["grade", "--form", FORM, "--format", "xml", str(path)]) == 2
    assert main(["grade", str(path)]) == 2
    assert main(["grade", "--form", FORM, "--exercises", str(tmp_path / "none.json"), str(path)]) == 2


def test_exercise_rows_use_the_exercises_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    patient = [7, 7, 7, 2, 6, 7, 6, 5, 7, 2, 6, 5]
    therapist = [4] * 36
    exercises = {
        "exercises": [
            {
                "id": "lbp",
                "form": FORM,
                "vignette": "v",
                "responses": patient,
                "pair": {"form": "wai-t", "responses": therapist},
            },
        ]
    }
    ex_path = tmp_path / "exercises.json"
    ex_path.write_text(json.dumps(exercises), encoding="utf-8")
    answers = tmp_path / "a.csv"
    answers.write_text(
        "student,exercise,goal_sum,pair_goal_mean\n"
        "a,lbp,25,4\n"  # both right (items 4 and 10 reversed: 6+7+6+6)
        "b,lbp,17,4.5\n"  # reversal forgotten; wrong therapist mean
        "c,nope,1,1\n",
        encoding="utf-8",
    )
    assert main(["grade", "--form", FORM, "--exercises", str(ex_path), "--format", "json", str(answers)]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    rows = {r["student"]: r for r in report["rows"]}
    assert rows["a"]["all_correct"]
    assert rows["b"]["checks"]["main"]["verdicts"]["goal_sum"]["mistake"]["code"] == "reverse_forgotten"
    assert rows["b"]["checks"]["pair"]["verdicts"]["goal_mean"]["correct"] is False
    assert "a.csv:4: exercise: unknown exercise id 'nope'" in captured.err
    # without the exercises file, exercise rows are bad rows
    assert main(["grade", "--form", FORM, str(answers)]) == 1
    assert "--exercises" in capsys.readouterr().err


def test_bad_exercises_file_is_bad_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ex_path = tmp_path / "exercises.json"
    ex_path.write_text('{"exercises": [{"id": "x", "form": "wai-s"}]}', encoding="utf-8")
    answers = tmp_path / "a.csv"
    answers.write_text("student,exercise,goal_sum\na,x,3\n", encoding="utf-8")
    assert main(["grade", "--form", FORM, "--exercises", str(ex_path), str(answers)]) == 1
    assert "vignette" in capsys.readouterr().err


def test_format_report_rejects_unknown_format() -> None:
    report = grade_csv("student,seed,goal_sum\n", FORM)
    with pytest.raises(ScorerError):
        format_report(report, "xml")


def test_command_line_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("student,seed,goal_sum\na,-4,3\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "scorer", "grade", "--form", FORM, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith("seed: '-4' is not a whole number 0 or more")
    assert "Traceback" not in proc.stderr


def test_line_numbers_are_physical_lines() -> None:
    text = 'student,seed,goal_sum\n"a\nb",1,3\nc,x,3\n'
    errors = grade_csv(text, FORM, where="a.csv").errors
    assert errors == ["a.csv:4: seed: 'x' is not a whole number 0 or more"]


def test_the_educators_page_report_is_this_commands_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/educators/index.md shows a typed-in, abridged ``wai-score grade`` report on its sample
    answers: every line it shows must be a line the command prints, in the same order."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "educators" / "index.md").read_text("utf-8")
    answers = page.split("with a header row, for example:\n\n```text\n", 1)[1].split("```", 1)[0]
    report = page.split("most common mistakes first (abridged):\n\n```text\n", 1)[1].split("```", 1)[0]
    (tmp_path / "answers.csv").write_text(answers, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["grade", "--form", "wai-s", "--profile", "strong", "answers.csv"]) == 0
    printed = iter(capsys.readouterr().out.splitlines())
    shown = [line for line in report.splitlines() if line.strip() != "..."]
    assert len(shown) > 10
    for line in shown:
        assert line in printed, f"not printed (in this order) by wai-score grade: {line!r}"
