"""scorer.assign and ``wai-score assign``: reproducible per-student seeds, links, answer keys."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from scorer.cli import main
from scorer.core import assign as assign_module
from scorer.core.assign import (
    CSV_COLUMNS,
    SEED_RANGE,
    assign,
    assignments_csv,
    case_link,
    parse_roster,
    roster_from_count,
    seed_for,
)
from scorer.core.cases import PROFILES, generate
from scorer.core.check import ANSWER_KEYS
from scorer.core.errors import ScorerError

ROSTER = ["ana", "ben", "cai", "dee", "eli", "fay"]


# --- seeds ---------------------------------------------------------------------------------------


def test_fnv1a_matches_published_test_vectors() -> None:
    # FNV-1a 64-bit reference values (Fowler/Noll/Vo test suite)
    assert assign_module._fnv1a("") == 0xCBF29CE484222325
    assert assign_module._fnv1a("a") == 0xAF63DC4C8601EC8C
    assert assign_module._fnv1a("foobar") == 0x85944171F73967E8


def test_seed_formula_is_the_documented_one() -> None:
    expected = assign_module._fnv1a("wai-assign|pt101|wai-s|strong|ana") % SEED_RANGE
    assert seed_for("ana", form_id="wai-s", profile="strong", key="pt101") == expected


def test_same_inputs_same_seeds_and_keys() -> None:
    first = assign(ROSTER, "wai-s", key="pt101-week3")
    again = assign(list(ROSTER), "wai-s", key="pt101-week3")
    assert first == again


def test_seeds_depend_on_key_form_profile_and_student() -> None:
    base = [a.seed for a in assign(ROSTER, "wai-s", key="k1")]
    assert len(set(base)) == len(base)
    assert base != [a.seed for a in assign(ROSTER, "wai-s", key="k2")]
    assert base != [a.seed for a in assign(ROSTER, "wai", key="k1")]
    assert base != [a.seed for a in assign(ROSTER, "wai-s", key="k1", profile="weak-bond")]


def test_a_students_seed_does_not_depend_on_the_rest_of_the_roster() -> None:
    alone = assign(["cai"], "wai", key="k")[0].seed
    in_class = {a.student: a.seed for a in assign(ROSTER, "wai", key="k")}
    assert in_class["cai"] == alone


def test_colliding_seeds_are_re_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    real = assign_module.seed_for

    def colliding(student: str, **kwargs: object) -> int:
        return 7 if not kwargs.get("attempt") else real(student, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assign_module, "seed_for", colliding)
    seeds = [a.seed for a in assign(["a", "b", "c"], "wai-s")]
    assert seeds[0] == 7 and len(set(seeds)) == 3


def test_answer_key_is_the_generated_case_scored() -> None:
    for a in assign(ROSTER, "wai-sr", profile="weak-bond", key="x"):
        result = generate("wai-sr", a.seed, "weak-bond").result
        assert a.key["bond_sum"] == result.subscales["bond"].sum
        assert a.key["total_mean"] == result.total.mean
        assert set(a.key) == set(ANSWER_KEYS)
        assert 0 <= a.seed < SEED_RANGE


def test_link_path() -> None:
    assert case_link("wai-s", 12, "strong") == "practice/cases/?form=wai-s&seed=12&profile=strong"
    a = assign(["ana"], "wai-t", profile="acquiescent")[0]
    assert a.link == f"practice/cases/?form=wai-t&seed={a.seed}&profile=acquiescent"
    assert a.row("https://example.org/site/")["link"] == "https://example.org/site/" + a.link


def test_bad_arguments() -> None:
    with pytest.raises(ScorerError, match="unknown form"):
        assign(ROSTER, "wai-x")
    with pytest.raises(ScorerError, match="unknown profile"):
        assign(ROSTER, "wai", profile="happy")
    with pytest.raises(ScorerError):
        assign(["ok", " "], "wai")


# --- rosters -------------------------------------------------------------------------------------


def test_roster_header_blank_lines_and_extra_columns() -> None:
    text = "\ufeffStudent,email\nana,a@x\n\n ben ,b@x\ncai\n"
    assert parse_roster(text) == ["ana", "ben", "cai"]
    assert parse_roster("ana\nben\n") == ["ana", "ben"]


def test_roster_errors_have_line_numbers() -> None:
    with pytest.raises(ScorerError, match=r"roster\.csv:4: student 'ana' is listed twice \(first on line 2"):
        parse_roster("id\nana\nben\nana\n", where="roster.csv")
    with pytest.raises(ScorerError, match=r"r:2: the first column"):
        parse_roster("ana\n,x\n", where="r")
    with pytest.raises(ScorerError, match="no student ids"):
        parse_roster("student\n\n")


def test_roster_from_count() -> None:
    assert roster_from_count(3) == ["student-01", "student-02", "student-03"]
    assert roster_from_count(120)[0] == "student-001"
    for bad in (0, -2, True, "3"):
        with pytest.raises(ScorerError):
            roster_from_count(bad)  # type: ignore[arg-type]


def test_csv_columns_and_values() -> None:
    text = assignments_csv(assign(ROSTER[:2], "wai", key="k"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["student"] for r in rows] == ROSTER[:2]
    for row in rows:
        result = generate("wai", int(row["seed"]), "random").result
        assert int(row["goal_sum"]) == result.subscales["goal"].sum
        assert float(row["total_mean"]) == round(result.total.mean, 2)


# --- the command ---------------------------------------------------------------------------------


def test_cli_assign_roster(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("student\nana\nben\n", encoding="utf-8")
    assert main(["assign", "--form", "wai-s", "--students", str(roster), "--key", "pt101"]) == 0
    out = capsys.readouterr().out
    assert out == assignments_csv(assign(["ana", "ben"], "wai-s", key="pt101"))
    assert main(["assign", "--form", "wai-s", "--students", str(roster), "--key", "pt101"]) == 0
    assert capsys.readouterr().out == out  # re-running gives the same seeds


def test_cli_assign_count_profile_output(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    argv = ["assign", "--form", "wai-sr", "--count", "4", "--profile", "strong", "-o", str(target)]
    assert main(argv) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["student"] for r in rows] == roster_from_count(4)
    assert {r["profile"] for r in rows} == {"strong"}


def test_cli_assign_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assign", "--form", "wai-x", "--count", "3"]) == 2
    assert main(["assign", "--form", "wai", "--count", "3", "--profile", "nope"]) == 2
    assert main(["assign", "--form", "wai"]) == 2  # neither roster nor count
    assert main(["assign", "--form", "wai", "--count", "0"]) == 2
    assert main(["assign", "--form", "wai", "--students", str(tmp_path / "missing.csv")]) == 2
    dup = tmp_path / "dup.csv"
    dup.write_text("ana\nana\n", encoding="utf-8")
    assert main(["assign", "--form", "wai", "--students", str(dup)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{dup}:2: student 'ana' is listed twice" in err


def test_profiles_all_work() -> None:
    for profile in PROFILES:
        assert len(assign(["a"], "wai-s", profile=profile)) == 1


def test_the_educators_page_example_is_this_commands_output() -> None:
    """docs/educators/index.md shows a typed-in run of ``wai-score assign``: it must not drift."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "educators" / "index.md").read_text("utf-8")
    shown = page.split("student,form,profile,seed,link,", 1)[1].split("```", 1)[0]
    computed = assignments_csv(assign(["ana", "ben"], "wai-s", profile="strong", key="pt101-week3"))
    assert "student,form,profile,seed,link," + shown == computed
