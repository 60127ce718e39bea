"""The ``wai-exercise`` fence: an educator-written scoring exercise, as YAML.

``scorer.core.exercises`` validates it; a bad one names the line of the offending field (found in the
YAML node tree), without the fence's name, as the educators' page quotes these errors. A valid one
becomes a self-check widget (``scorer.html.exercise_widget``) that carries the exercise as an inert
JSON block, which the browser checks answers against and ``sitebuild.postbuild`` collects into
``exercises/exercises.json``. An exercise id may be used once on the site.
"""

from __future__ import annotations

from scorer.core.exercises import Exercise, ExerciseError, parse_exercise
from scorer.html.exercise_widget import exercise_html

from .errors import BodyError
from .located_yaml import Located, LocatedError, line_of, load_located, physical_line
from .page import Page
from .scan import Fence

FENCE = "wai-exercise"

__all__ = ["FENCE", "LocatedError", "exercise_html", "parse_body", "render"]


def _parse(text: str) -> tuple[Exercise, Located]:
    located = load_located(text)
    if located.data is None:
        raise LocatedError(0, "the exercise is empty: write its fields as YAML (id, form, vignette, ...)")
    try:
        return parse_exercise(located.data), located
    except ExerciseError as exc:
        raise LocatedError(line_of(located.node, exc.field), str(exc)) from None


def parse_body(text: str) -> Exercise:
    """Parse and validate one fence body; ``LocatedError`` carries the 0-based line in the body."""
    return _parsed(text)[0]


def _parsed(text: str) -> tuple[Exercise, Located]:
    try:
        return _parse(text)
    except LocatedError as exc:  # YAML may count more line breaks than the Markdown file has
        raise LocatedError(physical_line(text, exc.line), exc.reason) from None


def render(fence: Fence, page: Page) -> str:
    """The exercise widget; the exercise's id must be new to the site (as far as ``page`` knows)."""
    try:
        exercise, located = _parsed(fence.body)
    except LocatedError as exc:
        raise BodyError(exc.line + 1, exc.reason, named=False) from None
    here = f"{page.where}:{page.file_line(fence.start + 1)}"
    first = page.exercise_ids.setdefault(exercise.id, here)
    if first != here:
        line = physical_line(fence.body, line_of(located.node, ("id",)))
        raise BodyError(
            line + 1, f"id: duplicate exercise id {exercise.id!r} (first used at {first})", named=False
        )
    return exercise_html(exercise)
