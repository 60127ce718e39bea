"""MkDocs hook: the ``wai-exercise`` fence, an educator-written scoring exercise.

The fence body is YAML. Every exercise on the site is validated by ``scorer.exercises`` while the
page's Markdown is read, and a bad one stops the build with ``docs/<page>.md:LINE: reason``: the line
is found by composing the YAML node tree (which keeps each key's position) instead of loading plain
data. A valid exercise becomes a self-check widget (``data-widget="exercise"``); the browser checks the
student's answers with the same scorer in Pyodide, reading the exercise from an inert JSON block.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from html import escape
from typing import Any

import yaml
from fence_kit import BodyError, register_fences
from mkdocs.exceptions import PluginError

from scorer.exercises import COMPUTE_KEYS, Exercise, ExerciseError, Sheet, parse_exercise
from scorer.forms import get_form
from scorer.handin import handin_html
from scorer.render import responses_html

FENCE = "wai-exercise"
LABELS = {
    "goal_sum": "Goal sum", "task_sum": "Task sum", "bond_sum": "Bond sum", "total_sum": "Total sum",
    "goal_mean": "Goal mean", "task_mean": "Task mean", "bond_mean": "Bond mean", "total_mean": "Total mean",
}
LEVEL_LABELS = {
    "clear-cut": "Clear-cut", "reverse-keyed": "Many reverse-keyed items",
    "missing-answers": "Missing answers", "pair": "Patient and therapist",
}
_ANY_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_INFO = re.compile(r"^[ \t]*\{?[ \t]*\.?" + re.escape(FENCE) + r"(?![\w-])")

# Exercises seen in this build: body text -> Exercise (for the formatter), id -> "file:line".
_by_body: dict[str, Exercise] = {}
_ids: dict[str, str] = {}
_exported: list[dict[str, Any]] = []
_pages: dict[str, str] = {}


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


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{escape(' '.join(p.split()))}</p>" for p in re.split(r"\n\s*\n", text) if p.strip()
    )


def _inputs(exercise: Exercise, sheet: Sheet, role: str) -> str:
    form = get_form(sheet.form_id)
    who = "therapist" if form.respondent == "therapist" else "patient"
    fields = []
    for key in sheet.compute:
        input_id = f"ex-{exercise.id}-{role}-{key}"
        hint = "whole number or two decimals" if key.endswith("_sum") else "two decimals"
        fields.append(
            f'<div class="wai-exercise-field"><label for="{input_id}">{escape(LABELS[key])}</label> '
            f'<input type="text" inputmode="decimal" autocomplete="off" id="{input_id}" '
            f'name="{role}-{key}" data-sheet="{role}" data-key="{key}" aria-describedby="{input_id}-hint">'
            f' <span class="wai-hint" id="{input_id}-hint">{hint}</span></div>'
        )
    return (
        f'<fieldset class="wai-exercise-answers" data-sheet="{role}"><legend>Your answers: '
        f"{escape(form.short_name)} ({who})</legend>{''.join(fields)}</fieldset>"
    )


def _sheet_html(sheet: Sheet) -> str:
    form = get_form(sheet.form_id)
    who = "therapist" if form.respondent == "therapist" else "patient"
    return (
        f'<div class="wai-exercise-sheet" data-form="{sheet.form_id}">'
        f"<p><strong>{escape(form.name)}</strong>, completed by the {who}: scale "
        f"{escape(form.scale.describe())}.</p>{responses_html(form, sheet.responses)}</div>"
    )


def render_exercise(exercise: Exercise) -> str:
    """The widget's static HTML; the data block is inert JSON (the CSP allows no inline script)."""
    form = get_form(exercise.form_id)
    level = LEVEL_LABELS.get(exercise.level or "", "")
    sheet = exercise.sheet
    seeded = f"generated case {sheet.seed} ({sheet.profile})" if sheet.seed is not None else ""
    meta = " · ".join(x for x in (level, form.short_name, f"{form.n_items} items", seeded) if x)
    data = json.dumps(exercise.to_dict(), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    sheets = _sheet_html(exercise.sheet) + (_sheet_html(exercise.pair) if exercise.pair else "")
    inputs = _inputs(exercise, exercise.sheet, "main")
    if exercise.pair:
        inputs += _inputs(exercise, exercise.pair, "pair")
    attempts = exercise.attempts
    return (
        f'<div class="wai-widget wai-exercise" data-widget="exercise" data-form="{exercise.form_id}" '
        f'data-exercise="{exercise.id}" data-attempts="{attempts}" data-state="loading">'
        f'<p class="wai-exercise-title"><strong>{escape(exercise.title)}</strong> '
        f'<span class="wai-exercise-meta">({escape(meta)})</span></p>'
        f'<div class="wai-vignette">{_paragraphs(exercise.vignette)}</div>'
        f"{sheets}"
        f'<form class="wai-exercise-form" novalidate>{inputs}'
        f'<p class="wai-exercise-rules">Sums exactly; means to two decimals. The solution can be shown '
        f"after {attempts} checked attempt{'s' if attempts != 1 else ''} (or once you are right).</p>"
        f'<div class="wai-buttons"><button type="button" data-action="check" data-needs="python" disabled>'
        f"Check</button> "
        f'<button type="button" data-action="solution" aria-disabled="true">Show solution</button> '
        f'<button type="button" data-action="reset">Start again</button> '
        f'<span class="wai-attempts" data-attempts-left="{attempts}">Attempts left before the solution: '
        f"{attempts}</span></div></form>"
        f'<p class="wai-error" role="alert" hidden></p>'
        f'<div class="wai-results" aria-live="polite"></div>'
        f'<div class="wai-solution" tabindex="-1" hidden></div>'
        f'<p class="wai-status" role="status">The checker starts when the page has loaded (it runs in '
        f"your browser).</p>"
        f'<script type="application/json" class="wai-exercise-data">{data}</script></div>'
    )


def _format(source: str, language: str, class_name: str, options: dict, md: Any, **kwargs: Any) -> str:
    exercise = _by_body.get(_key(source))
    if exercise is None:  # a fence the page scan did not see (e.g. inside another construct)
        try:
            exercise = parse_body(source)
        except FenceError as exc:
            from pymdownx.superfences import SuperFencesException

            raise SuperFencesException(f"wai-exercise: {exc.reason}") from None
    return render_exercise(exercise) + handin_html(f"handin-{exercise.id}", exercise.id)


# ---------------------------------------------------------------------------------------------
# MkDocs events


def on_config(config: Any, **kwargs: Any) -> Any:
    _by_body.clear()
    _ids.clear()
    _exported.clear()
    _pages.clear()
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
    for exercise in validate_markdown(source, where):
        _exported.append(dict(exercise.source))
        _pages[exercise.id] = page.file.url
    return markdown


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Write every exercise, as authored, to ``exercises/exercises.json`` (for ``wai-score grade``)."""
    target = os.path.join(config.site_dir, "exercises", "exercises.json")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump({"exercises": _exported, "pages": _pages}, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


__all__ = [
    "COMPUTE_KEYS", "find_fences", "line_of", "load_located", "on_config", "on_page_markdown",
    "parse_body", "render_exercise", "validate_markdown",
]
