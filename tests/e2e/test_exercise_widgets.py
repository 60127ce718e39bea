"""The educator widgets in Chromium: an exercise self-check (attempts, diagnosis, solution gate,
answers kept over a reload) and the roster-to-assignments page (same seeds as the command line)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from pages import WidgetPage

from scorer.core.assign import assign
from scorer.core.exercises import parse_exercise

SHOULDER = "shoulder-wai-s-clear"


def _exercise(widget_page: WidgetPage, exercise_id: str) -> Any:
    return widget_page.page.locator(f'[data-widget="exercise"][data-exercise="{exercise_id}"]')


def test_exercise_check_attempts_solution_and_reload(widget_page: WidgetPage, recorder: Any) -> None:
    widget_page.open("exercises/clear-cut/")
    widget = _exercise(widget_page, SHOULDER)
    data = json.loads(widget.locator("script.wai-exercise-data").text_content())
    exercise = parse_exercise(data)
    expected = exercise.sheet.expected()
    # a student who forgets the reverse-keyed items 4 and 10 (Goal)
    raw_goal = sum(exercise.sheet.responses[i - 1] for i in (4, 6, 10, 11))
    answers = {key: f"{value:.2f}" if key.endswith("mean") else str(value) for key, value in expected.items()}
    answers["goal_sum"] = str(raw_goal)
    for key, value in answers.items():
        widget.locator(f'input[data-key="{key}"]').fill(value)

    widget.get_by_role("button", name="Show solution").click(force=True)  # aria-disabled: refused
    assert "after 2 checked attempts" in widget.locator(".wai-error").inner_text()

    widget.get_by_role("button", name="Check").click()
    wrong = widget.locator('.wai-results li[data-answer="goal_sum"]')
    wrong.wait_for()
    assert wrong.get_attribute("data-mistake") == "reverse_forgotten"
    assert widget.locator('.wai-results li[data-answer="task_sum"]').get_attribute("class") == "wai-correct"
    assert "1" in widget.locator(".wai-attempts").inner_text()

    widget_page.reload()
    widget = _exercise(widget_page, SHOULDER)
    assert widget.locator('input[data-key="goal_sum"]').input_value() == str(raw_goal)  # kept

    widget.get_by_role("button", name="Check").click()
    widget.locator('[data-action="solution"][aria-disabled="false"]').wait_for()
    widget.get_by_role("button", name="Show solution").click()
    solution = widget.locator(".wai-solution")
    solution.locator("table").first.wait_for()
    goal = solution.locator('tr[data-row="goal"] td').first.inner_text()
    assert goal.strip() == str(expected["goal_sum"])
    recorder.assert_clean()


def test_assignments_page_matches_the_command_line(widget_page: WidgetPage, recorder: Any) -> None:
    widget_page.open("educators/assign/")
    widget = widget_page.page.locator('[data-widget="assign"]')
    widget.get_by_label("Form").select_option("wai")
    widget.get_by_label("Kind of case").select_option("strong")
    widget.get_by_label("Assignment key").fill("pt101-week3")
    widget.get_by_label("Student ids, one per line").fill("student\nana\nben\ncai")
    widget.get_by_role("button", name="Make assignments").click()
    widget.locator(".wai-results table").wait_for()
    with widget_page.page.expect_download() as info:
        widget.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    cli = assign(["ana", "ben", "cai"], "wai", profile="strong", key="pt101-week3")
    assert [(r["student"], int(r["seed"])) for r in rows] == [(a.student, a.seed) for a in cli]
    assert [int(r["goal_sum"]) for r in rows] == [a.key["goal_sum"] for a in cli]
    assert rows[0]["link"].startswith(widget_page.base_url + "practice/cases/?form=wai&seed=")
    recorder.assert_clean()
