"""MkDocs hook: the ``wai-exercise`` fence, an educator-written scoring exercise.

The fence body is YAML. Every exercise on the site is validated by ``scorer.core.exercises`` while the
page's Markdown is read, and a bad one stops the build with ``docs/<page>.md:LINE: reason``: the line
is found by composing the YAML node tree (which keeps each key's position) instead of loading plain
data. A valid exercise becomes a self-check widget (``data-widget="exercise"``); the browser checks the
student's answers with the same scorer in Pyodide, reading the exercise from an inert JSON block.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

import yaml
from fence_kit import BodyError, register_fences
from mkdocs.exceptions import PluginError

from scorer.core.exercises import COMPUTE_KEYS, Exercise, ExerciseError, parse_exercise
from scorer.html.exercise_widget import exercise_html as render_exercise

FENCE = "wai-exercise"
_ANY_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_INFO = re.compile(r"^[ \t]*\{?[ \t]*\.?" + re.escape(FENCE) + r"(?![\w-])")

# Exercises seen in this build: body text -> Exercise (for the formatter), id -> "file:line".
_by_body: dict[str, Exercise] = {}
_ids: dict[str, str] = {}


# ---------------------------------------------------------------------------------------------
# YAML with positions


@dataclass
class Located:
    """A loaded YAML document and its node tree, to map a field path back to a line."""

    data: Any
    node: yaml.Node | None


#: A bad exercise, located relative to the fence body. Here ``line`` counts from 0 at the body's
#: first line (``find_fences`` gives that line's number), which is the same place as fence_kit's
#: 1-based line counted from the opening fence.
FenceError = BodyError


def load_located(text: str) -> Located:
    """Load YAML with the SafeLoader, keeping the node tree; duplicate keys are refused."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character: it has a position, not a mark
        line = len(_YAML_BREAK.findall(text, 0, exc.position))  # YAML's count; parse_body maps it
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise FenceError(line, f"invalid YAML: the character U+{ord(char):04X} is not allowed") from None
    node = None
    try:
        node = loader.get_single_node()
        _no_duplicates(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise FenceError(mark.line if mark else 0, f"invalid YAML: {exc.problem or exc}") from None
    except (ValueError, TypeError, AttributeError, LookupError, ArithmeticError) as exc:
        # A scalar that does not fit its tag: !!int abc, a 5000-digit int, an empty !!int, !!bool x.
        detail = f" ({str(exc).split(';')[0][:100]})" if type(exc) is ValueError else ""
        line = _bad_scalar_line(loader, node)
        raise FenceError(line, f"invalid YAML value: a value does not fit its type or tag{detail}") from None
    except RecursionError:  # an alias inside itself (&a [*a]) or thousands of nested brackets
        raise FenceError(0, "invalid YAML: the data nests too deeply (or an alias contains itself)") from None
    finally:
        loader.dispose()
    return Located(data, node)


def _bad_scalar_line(loader: yaml.SafeLoader, node: yaml.Node | None) -> int:
    """The line of the first scalar that cannot be constructed (0 if none is found)."""
    loader = yaml.SafeLoader("")  # a fresh one: the failed construction left state behind
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode):
            try:
                loader.construct_object(current)
            except (ValueError, TypeError, AttributeError, LookupError, ArithmeticError, yaml.YAMLError):
                return current.start_mark.line
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)
    return 0


def _no_duplicates(node: yaml.Node | None) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise FenceError(key.start_mark.line, f"{key.value}: field given twice")
                seen.add(key.value)
            _no_duplicates(value)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _no_duplicates(child)


def line_of(node: yaml.Node | None, path: tuple[str | int, ...]) -> int:
    """The 0-based line of the deepest node on ``path`` (a key's own line for a mapping field)."""
    if node is None:
        return 0
    line = node.start_mark.line
    current: yaml.Node | None = node
    for part in path:
        if isinstance(part, int) and isinstance(current, yaml.SequenceNode) and part < len(current.value):
            current = current.value[part]
            line = current.start_mark.line
        elif isinstance(part, str) and isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    line = key.start_mark.line
                    current = value
                    break
            else:
                return line
        else:
            return line
    return line


def parse_body(text: str) -> Exercise:
    """Parse and validate one fence body; ``FenceError`` carries the line within the body."""
    try:
        located = load_located(text)
        if located.data is None:
            raise FenceError(0, "the exercise is empty: write its fields as YAML (id, form, vignette, ...)")
        try:
            return parse_exercise(located.data)
        except ExerciseError as exc:
            raise FenceError(line_of(located.node, exc.field), str(exc)) from None
    except FenceError as exc:
        if _YAML_ONLY_BREAK.search(text):  # YAML counted more line breaks than the Markdown file has
            raise FenceError(_physical_line(text, exc.line), exc.reason) from None
        raise


# YAML also breaks lines at a lone CR, NEL, LS and PS; the Markdown source only at LF.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_YAML_ONLY_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _physical_line(text: str, yaml_line: int) -> int:
    """The 0-based LF-counted line of the text where YAML's line ``yaml_line`` starts."""
    if yaml_line <= 0:
        return 0
    for number, match in enumerate(_YAML_BREAK.finditer(text), start=1):
        if number == yaml_line:
            return text.count("\n", 0, match.end())
    return text.count("\n")


# ---------------------------------------------------------------------------------------------
# Finding the fences in a Markdown source (with their line numbers)


def find_fences(markdown: str) -> list[tuple[int, str]]:
    """``(line, body)`` for every ``wai-exercise`` fence; ``line`` is the 1-based line of the body.

    Other fences are skipped whole, so an exercise quoted inside a ```` ```markdown ```` example is
    documentation, not an exercise.
    """
    lines = markdown.split("\n")
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        match = _ANY_OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, info = match.group("indent"), match.group("fence"), match.group("info")
        closing = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        if _INFO.match(info):
            found.append((i + 2, "\n".join(body)))
        i = j + 1
    return found


def _key(body: str) -> str:
    return "\n".join(line.rstrip() for line in body.strip("\n").split("\n"))


def validate_markdown(markdown: str, where: str) -> list[Exercise]:
    """Validate every exercise in a page; raise ``PluginError('file:line: reason')`` on the first bad one."""
    exercises = []
    for start, body in find_fences(markdown):
        try:
            exercise = parse_body(body)
        except FenceError as exc:
            raise PluginError(f"{where}:{start + exc.line}: {exc.reason}") from None
        here = f"{where}:{start}"
        if exercise.id in _ids and _ids[exercise.id] != here:
            raise PluginError(
                f"{where}:{start + line_of(load_located(body).node, ('id',))}: id: duplicate exercise id "
                f"{exercise.id!r} (first used at {_ids[exercise.id]})"
            )
        _ids[exercise.id] = here
        _by_body[_key(body)] = exercise
        exercises.append(exercise)
    return exercises


# ---------------------------------------------------------------------------------------------
# Rendering


def _format(source: str, language: str, class_name: str, options: dict, md: Any, **kwargs: Any) -> str:
    exercise = _by_body.get(_key(source))
    if exercise is None:  # a fence the page scan did not see (e.g. inside another construct)
        try:
            exercise = parse_body(source)
        except FenceError as exc:
            from pymdownx.superfences import SuperFencesException

            raise SuperFencesException(f"wai-exercise: {exc.reason}") from None
    return render_exercise(exercise)


# ---------------------------------------------------------------------------------------------
# MkDocs events


def on_config(config: Any, **kwargs: Any) -> Any:
    _by_body.clear()
    _ids.clear()
    register_fences(config, [FENCE], _format)
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    if FENCE not in markdown:
        return markdown
    path = page.file.abs_src_path
    with open(path, encoding="utf-8-sig") as handle:
        source = handle.read()
    root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    where = os.path.relpath(path, root).replace(os.sep, "/")
    validate_markdown(source, where)  # exercises/exercises.json is written by sitebuild.postbuild
    return markdown


__all__ = [
    "COMPUTE_KEYS", "find_fences", "line_of", "load_located", "on_config", "on_page_markdown",
    "parse_body", "render_exercise", "validate_markdown",
]
