"""The built site's exercise section: at least 12 valid exercises, every form and level, and the
exercises file that ``wai-score grade --exercises`` reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

from scorer.core.exercises import LEVELS, parse_exercise, parse_exercises

_DATA = re.compile(r'<script type="application/json" class="wai-exercise-data">(.*?)</script>', re.S)


def test_exercise_section_has_at_least_12_valid_exercises(html_pages: dict[str, str]) -> None:
    found = []
    for path, html in html_pages.items():
        if not path.startswith("exercises/"):
            continue
        assert html.count('data-widget="exercise"') == len(_DATA.findall(html)), path
        found += [parse_exercise(json.loads(block)) for block in _DATA.findall(html)]
    assert len(found) >= 12
    assert len({e.id for e in found}) == len(found)
    forms = {e.form_id for e in found} | {e.pair.form_id for e in found if e.pair}
    assert forms == {"wai", "wai-t", "wai-s", "wai-sr"}
    assert {e.level for e in found} == set(LEVELS)


def test_every_exercise_page_script_is_inert_data(html_pages: dict[str, str]) -> None:
    for path, html in html_pages.items():
        for attrs in re.findall(r"<script([^>]*)>", html):
            if "wai-exercise-data" in attrs:
                assert 'type="application/json"' in attrs, path


def test_exercises_file_lists_every_exercise(built_site: Path, html_pages: dict[str, str]) -> None:
    data = json.loads((built_site / "exercises" / "exercises.json").read_text(encoding="utf-8"))
    exercises = parse_exercises(data)
    on_pages = {json.loads(b)["id"] for html in html_pages.values() for b in _DATA.findall(html)}
    assert set(exercises) == on_pages
    for exercise_id, url in data["pages"].items():
        assert f'data-exercise="{exercise_id}"' in html_pages[url + "index.html"]
