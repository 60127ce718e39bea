"""The exercises step: exercises/exercises.json is read back from the widgets of the built pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitebuild.postbuild import exercises
from sitebuild.postbuild.errors import PostBuildError


def block(data: dict | str) -> str:
    text = data if isinstance(data, str) else json.dumps(data).replace("<", "\\u003c")
    return f'<script type="application/json" class="wai-exercise-data">{text}</script>'


def exercise(exercise_id: str) -> dict:
    return {
        "id": exercise_id, "title": "T <b>", "form": "wai-s", "vignette": "V",
        "responses": [5, 6, 5, 2, 6, 6, 7, 5, 6, 3, 5, 6], "compute": ["goal_sum"],
        "attempts": 2, "level": None, "pair": None, "notes": None,
    }


def write(site: Path, path: str, body: str) -> None:
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(f"<html><head></head><body>{body}</body></html>", encoding="utf-8")


def test_every_widget_is_listed_with_its_page_in_path_order(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "<p>home</p>")
    write(tmp_path, "exercises/b/index.html", block(exercise("b-1")) + block(exercise("b-2")))
    write(tmp_path, "exercises/a/index.html", block(exercise("a-1")))
    write(tmp_path, "wheels/not-a-page.html", block(exercise("x-1")))
    exercises.run(tmp_path)
    data = json.loads((tmp_path / "exercises" / "exercises.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in data["exercises"]] == ["a-1", "b-1", "b-2"]
    assert data["pages"] == {"a-1": "exercises/a/", "b-1": "exercises/b/", "b-2": "exercises/b/"}
    assert data["exercises"][0]["title"] == "T <b>"


def test_a_site_without_exercises_gets_an_empty_file(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "")
    exercises.run(tmp_path)
    written = json.loads((tmp_path / exercises.TARGET).read_text(encoding="utf-8"))
    assert written == {"exercises": [], "pages": {}}


@pytest.mark.parametrize("second, message", [
    (block(exercise("a-1")), r"exercises/b/index\.html: exercise id 'a-1' is also on exercises/a/"),
    (block("{not json"), r"exercises/b/index\.html: an exercise's data block is not an exercise"),
    (block({"title": "no id"}), r"exercises/b/index\.html: an exercise's data block is not an exercise"),
])
def test_bad_data_names_the_page(tmp_path: Path, second: str, message: str) -> None:
    write(tmp_path, "exercises/a/index.html", block(exercise("a-1")))
    write(tmp_path, "exercises/b/index.html", second)
    with pytest.raises(PostBuildError, match=message):
        exercises.run(tmp_path)
