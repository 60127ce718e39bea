"""The public API (ARCHITECTURE.md, "Python API") keeps its names whatever the package's layout."""

from __future__ import annotations

import json

import scorer
from scorer.core.answers import ANSWER_KEYS

PUBLIC = ["CheckResult", "Comparison", "Form", "Item", "Result", "Scale", "ScorerError", "cases", "check",
          "compare", "forms", "get_form", "render", "score"]
RENDER = ["changed_items_html", "correspondence_table_html", "form_html", "forms_overview_html",
          "items_table_html", "key_summary_html", "key_table_html", "printable_html", "responses_html",
          "results_table_html", "scale_html", "steps_html"]
WORKER = ["score", "parse_row", "new_case", "check_case", "solution", "compare", "export_csv", "export_json",
          "validate_saved", "check_exercise", "exercise_solution", "assign_roster", "sa_evaluate",
          "sa_record", "sa_history", "sa_delete", "sa_import", "sa_export_json", "sa_export_csv",
          "sa_validate_draft", "grade_class", "handin"]


def test_the_top_level_names() -> None:
    assert sorted(scorer.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(scorer, name) is not None


def test_cases_and_render_are_modules_with_their_functions() -> None:
    assert callable(scorer.cases.generate) and "random" in scorer.cases.PROFILES
    for name in RENDER:
        assert callable(getattr(scorer.render, name)), name


def test_the_worker_functions_keep_their_names() -> None:
    from scorer import web

    assert list(web.TABLE) == WORKER
    for name in WORKER:
        assert callable(getattr(web, name)), name


def test_the_answer_keys_are_json_for_the_page() -> None:
    assert json.loads(json.dumps(ANSWER_KEYS)) == [
        "goal_sum", "task_sum", "bond_sum", "total_sum", "goal_mean", "task_mean", "bond_mean", "total_mean",
    ]
