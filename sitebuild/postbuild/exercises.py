"""Write ``exercises/exercises.json``: every exercise on the site, for ``wai-score grade --exercises``.

It is read from the built pages, so it needs no state from the page build: each exercise widget
carries its exercise as inert JSON (``Exercise.to_dict()``, a seeded case written out as its
responses), which is what the grader parses. Pages are read in path order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .errors import PostBuildError
from .pages import html_pages, page_path, page_url

TARGET = "exercises/exercises.json"
_DATA = re.compile(r'<script type="application/json" class="wai-exercise-data">(.*?)</script>', re.S)


def collect(site_dir: Path) -> dict[str, Any]:
    """``{"exercises": [...], "pages": {id: page url}}`` from the widgets of every page."""
    exercises: list[dict[str, Any]] = []
    pages: dict[str, str] = {}
    for page in html_pages(site_dir):
        path = page_path(site_dir, page)
        for block in _DATA.findall(page.read_text(encoding="utf-8")):
            try:
                exercise = json.loads(block)
                exercise_id = exercise["id"]
            except (ValueError, KeyError, TypeError):
                raise PostBuildError(f"{path}: an exercise's data block is not an exercise") from None
            if exercise_id in pages:
                raise PostBuildError(f"{path}: exercise id {exercise_id!r} is also on {pages[exercise_id]}")
            exercises.append(exercise)
            pages[exercise_id] = page_url(path)
    return {"exercises": exercises, "pages": pages}


def run(site_dir: Path) -> None:
    target = site_dir / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collect(site_dir), ensure_ascii=False, indent=1) + "\n"
    target.write_text(text, encoding="utf-8")
