"""The "Grade a class" page and the students' hand-in: the page shows what `wai-score grade` prints for
the same text, the gradebook download has the documented columns, a hand-in line pasted bare grades as
the command grades it, and grading leaves the educator's saved practice answers alone."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from grade_report import cli_parts, page_parts  # tests/ is on sys.path (tests/conftest.py)
from pages import WidgetPage
from trust_helpers import run_axe

from scorer.cli import main
from scorer.core.handin import HANDIN_COLUMNS
from scorer.text.gradebook import GRADEBOOK_COLUMNS, PAIR_COLUMNS

CLASS = Path(__file__).resolve().parents[1] / "data" / "grade_class.csv"
PAIR = "lbp-pair-wai-s"  # an exercise of the site with a therapist form


def class_text() -> str:
    return CLASS.read_text(encoding="utf-8").replace("test-pair", PAIR)


def cli_report(tmp_path: Path, site: Path, text: str, form: str, profile: str, fmt: str = "text") -> str:
    path = tmp_path / "answers.csv"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    main(["grade", "--form", form, "--profile", profile, "--format", fmt,
          "--exercises", str(site / "exercises" / "exercises.json"), "-o", str(out), str(path)])
    return out.read_text(encoding="utf-8")


def grade_on_page(widget_page: WidgetPage, text: str, form: str, profile: str) -> Any:
    widget_page.open("educators/grade/")
    widget = widget_page.page.locator('[data-widget="grade"]')
    widget.get_by_label("Class answers (CSV)").fill(text)
    widget.get_by_label("Form").select_option(form)
    widget.get_by_label("Kind of case (profile)").select_option(profile)
    widget.get_by_role("button", name="Grade").click()
    widget.locator(".wai-grade-report").wait_for()
    return widget


def test_grading_page_shows_what_the_command_prints(
    widget_page: WidgetPage, e2e_site: Path, tmp_path: Path, recorder: Any
) -> None:
    text = class_text()
    widget = grade_on_page(widget_page, text, "wai-s", "strong")
    page = page_parts(widget.locator(".wai-results").inner_html())
    cli = cli_parts(cli_report(tmp_path, e2e_site, text, "wai-s", "strong"))
    assert len(cli[0]) == 6, cli[0]  # gus's bad seed is left out, by both
    assert page == cli
    errors = widget.locator(".wai-grade-errors li").all_inner_texts()
    assert errors == ["pasted answers:8: seed: 'abc' is not a whole number 0 or more"]
    status = widget.locator(".wai-status").inner_text()
    assert status == f"Graded {len(cli[0])} students; 1 row could not be graded (listed below)."
    recorder.assert_clean()


def test_gradebook_download_has_the_documented_columns(
    widget_page: WidgetPage, e2e_site: Path, tmp_path: Path
) -> None:
    text = class_text()
    widget = grade_on_page(widget_page, text, "wai-s", "strong")
    with widget_page.page.expect_download() as info:
        widget.get_by_role("button", name="Download grades").click()
    saved = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(saved)))
    assert tuple(rows[0]) == GRADEBOOK_COLUMNS + PAIR_COLUMNS
    report = json.loads(cli_report(tmp_path, e2e_site, text, "wai-s", "strong", "json"))
    by_student = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert list(by_student) == [r["student"] for r in report["rows"]]
    for row in report["rows"]:
        verdicts = [v for c in row["checks"].values() for v in c["verdicts"].values()]
        assert by_student[row["student"]]["grade"] == str(sum(v["correct"] for v in verdicts))
        assert by_student[row["student"]]["out_of"] == str(len(verdicts))


def test_a_handed_in_line_grades_as_the_command_grades_it(
    widget_page: WidgetPage, e2e_site: Path, tmp_path: Path, recorder: Any
) -> None:
    page = widget_page.page
    widget_page.open("practice/cases/?form=wai-s&seed=801853&profile=strong")
    case = page.locator('[data-widget="case"]')
    for key, value in {"goal_sum": "16", "task_sum": "25", "bond_sum": "22", "goal_mean": "4.00"}.items():
        case.locator(f'input[data-answer="{key}"]').fill(value)
    handin = page.locator('[data-widget="handin"]')
    handin.get_by_label("Your student id").fill("ben")
    handin.get_by_role("button", name="Hand in").click()
    line_box = handin.get_by_label("Your hand-in line")
    line_box.wait_for()
    line = line_box.input_value()
    assert len(next(csv.reader(io.StringIO(line)))) == len(HANDIN_COLUMNS)
    assert line.startswith("ben,wai-s,801853,,strong,16,25,22,,4.00,")
    with page.expect_download() as info:
        handin.get_by_role("button", name="Download").click()
    assert Path(info.value.path()).read_text(encoding="utf-8") == line + "\n"
    assert info.value.suggested_filename == "handin-ben-case-801853.csv"
    handin.get_by_role("button", name="Copy").click()
    copied = handin.locator(".wai-handin-copied")
    copied.filter(has_text="Cop").wait_for()  # "Copied." or, without clipboard access, how to copy

    # The id is remembered for the next hand-in, on an exercise this time.
    widget_page.open("exercises/pairs/")
    exercise = page.locator(f'[data-widget="exercise"][data-exercise="{PAIR}"]')
    exercise.locator('input[data-sheet="main"][data-key="goal_mean"]').fill("6.5")
    exercise.locator('input[data-sheet="pair"][data-key="total_mean"]').fill("4.1")
    own = page.locator(f'[data-widget="handin"][data-for="{PAIR}"]')
    assert own.get_by_label("Your student id").input_value() == "ben"
    own.get_by_label("Your student id").fill("cy")
    own.get_by_role("button", name="Hand in").click()
    own.get_by_label("Your hand-in line").wait_for()
    second = own.get_by_label("Your hand-in line").input_value()
    assert second.startswith(f"cy,wai-s,,{PAIR},,")

    pasted = f"{line}\n{second}\n"
    widget = grade_on_page(widget_page, pasted, "wai", "random")  # the lines' own form and profile win
    header = ",".join(HANDIN_COLUMNS)
    cli = cli_parts(cli_report(tmp_path, e2e_site, f"{header}\n{pasted}", "wai", "random"))
    assert page_parts(widget.locator(".wai-results").inner_html()) == cli
    assert cli[0][0].startswith("ben (seed 801853, profile strong, form wai-s): ")
    recorder.assert_clean()


def test_grading_leaves_saved_practice_answers_alone(widget_page: WidgetPage) -> None:
    page = widget_page.page
    widget_page.open("practice/cases/?form=wai-s&seed=145562&profile=strong")
    page.locator('[data-widget="case"] input[data-answer="goal_sum"]').fill("27")
    before = page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
    assert "wai-training:v1:case:wai-s" in before
    grade_on_page(widget_page, class_text(), "wai-s", "strong")
    after = page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
    assert after == before


def test_graded_report_and_handin_pass_axe(widget_page: WidgetPage) -> None:
    """The report and the shown hand-in line are accessible too, not only the empty forms."""
    widget = grade_on_page(widget_page, class_text(), "wai-s", "strong")
    assert run_axe(widget_page.page, context='[data-widget="grade"]') == []
    assert widget.locator(".wai-grade-student").count() > 0
    widget_page.open("exercises/clear-cut/")
    handin = widget_page.page.locator('[data-widget="handin"]').first
    handin.get_by_label("Your student id").fill("ava")
    target = handin.get_attribute("data-for")
    exercise = widget_page.page.locator(f'[data-widget="exercise"][data-exercise="{target}"]')
    exercise.locator("input[data-key]").first.fill("12")
    handin.get_by_role("button", name="Hand in").click()
    handin.get_by_label("Your hand-in line").wait_for()
    assert run_axe(widget_page.page, context='[data-widget="handin"]') == []
