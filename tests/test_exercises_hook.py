"""hooks/exercises.py: YAML line numbers, fence discovery, the widget HTML, a real failing build, and
the shipped exercise set (at least 12 valid exercises across the forms and levels)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from scorer.exercises import LEVELS

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "docs" / "exercises"


def _load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("exercises_hook", ROOT / "hooks" / "exercises.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the hook loads
    spec.loader.exec_module(module)
    return module


hook = _load_hook()

GOOD = textwrap.dedent(
    """\
    id: knee-1
    title: Knee
    form: wai-s
    level: clear-cut
    vignette: |
      A runner after knee surgery.
    responses: [5, 6, 5, 2, 6, 6, 7, 5, 6, 3, 5, 6]
    compute: [goal_sum, total_mean]
    """
)


def page(body: str, before: str = "# Title\n\nSome text.\n\n") -> str:
    return f"{before}```wai-exercise\n{body}```\n"


def fail(markdown: str) -> str:
    hook._ids.clear()
    with pytest.raises(PluginError) as info:
        hook.validate_markdown(markdown, "docs/exercises/x.md")
    return str(info.value)


def line_of(markdown: str, needle: str) -> int:
    return next(n for n, text in enumerate(markdown.split("\n"), start=1) if needle in text)


# --- line numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("replace", "by", "needle", "reason"),
    [
        ("form: wai-s", "form: wai-q", "form: wai-q", "unknown form 'wai-q'"),
        ("level: clear-cut", "level: clear-cut\ncolour: red", "colour: red", "unknown field 'colour'"),
        (
            "compute: [goal_sum, total_mean]",
            "compute: [goal_sum, total]",
            "compute:",
            "bad compute key 'total'",
        ),
        ("level: clear-cut", "level: clear-cut\nattempts: 0", "attempts: 0", "attempts: must be"),
    ],
)
def test_error_points_at_the_offending_key(replace: str, by: str, needle: str, reason: str) -> None:
    markdown = page(GOOD.replace(replace, by))
    message = fail(markdown)
    assert message.startswith(f"docs/exercises/x.md:{line_of(markdown, needle)}: ")
    assert reason in message


def test_wrong_number_of_responses_points_at_responses() -> None:
    markdown = page(GOOD.replace("[5, 6, 5, 2,", "[5, 6, 5,"))
    message = fail(markdown)
    assert message.startswith(f"docs/exercises/x.md:{line_of(markdown, 'responses:')}: responses: ")
    assert "12 items, but 11 answers" in message


def test_out_of_range_value_in_a_block_list_points_at_its_own_line() -> None:
    body = GOOD.replace(
        "responses: [5, 6, 5, 2, 6, 6, 7, 5, 6, 3, 5, 6]",
        "responses:\n" + "".join(f"  - {v}\n" for v in [5, 6, 5, 2, 6, 6, 7, 5, 9, 3, 5, 6]).rstrip("\n"),
    )
    markdown = page(body)
    message = fail(markdown)
    assert message.startswith(f"docs/exercises/x.md:{line_of(markdown, '  - 9')}: responses[9]: item 9")
    assert "out of range" in message


def test_missing_vignette_points_at_the_fence() -> None:
    body = GOOD.replace("vignette: |\n  A runner after knee surgery.\n", "")
    markdown = page(body)
    message = fail(markdown)
    # a missing field has no line of its own: the first line of the exercise
    assert message.startswith(f"docs/exercises/x.md:{line_of(markdown, 'id: knee-1')}: vignette: ")


def test_yaml_syntax_error_has_a_line() -> None:
    markdown = page(GOOD.replace("title: Knee", "title: [Knee"))
    message = fail(markdown)
    assert re.match(r"docs/exercises/x\.md:\d+: invalid YAML", message)
    number = int(message.split(":")[1])
    closing = len(markdown.split("\n")) - 1  # the closing ``` line
    assert line_of(markdown, "title: [Knee") <= number < closing


def test_duplicate_key_is_refused() -> None:
    markdown = page(GOOD + "form: wai\n")
    message = fail(markdown)
    second = markdown.split("\n").index("form: wai") + 1
    assert message.startswith(f"docs/exercises/x.md:{second}: form: field given twice")


def test_empty_exercise() -> None:
    assert "empty" in fail(page(""))


def test_duplicate_id_across_fences() -> None:
    markdown = page(GOOD) + "\n" + page(GOOD, before="")
    message = fail(markdown)
    assert "duplicate exercise id 'knee-1'" in message
    second = [n for n, t in enumerate(markdown.split("\n"), start=1) if t == "id: knee-1"][1]
    assert message.startswith(f"docs/exercises/x.md:{second}:")


def test_front_matter_and_indentation_do_not_shift_lines() -> None:
    before = "---\ntitle: T\n---\n\n# Title\n\n- a list item\n\n"
    body = textwrap.indent(GOOD.replace("form: wai-s", "form: bad"), "    ")
    markdown = before + "    ```wai-exercise\n" + body + "    ```\n"
    message = fail(markdown)
    assert message.startswith(f"docs/exercises/x.md:{line_of(markdown, 'form: bad')}: ")


def test_quoted_exercise_inside_another_fence_is_not_an_exercise() -> None:
    markdown = "````markdown\n```wai-exercise\nid: nope\n```\n````\n"
    assert hook.find_fences(markdown) == []
    hook._ids.clear()
    assert hook.validate_markdown(markdown, "docs/x.md") == []


def test_find_fences_variants() -> None:
    for opener in ("```wai-exercise", "~~~wai-exercise", "```{.wai-exercise}", "``` wai-exercise"):
        found = hook.find_fences(f"text\n\n{opener}\nid: a\n{opener[:3]}\n")
        assert found == [(4, "id: a")], opener
    assert hook.find_fences("```wai-exercises\nid: a\n```\n") == []


# --- rendering ----------------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: dict[str, str] = {}
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_json = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.data["json"] = self.data.get("json", "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json = False


def test_widget_html_contract() -> None:
    exercise = hook.parse_body(GOOD + 'notes: "a </script><b>note</b>"\n')
    html = hook.render_exercise(exercise)
    parsed = _Collect()
    parsed.feed(html)
    root_tag, root = parsed.tags[0]
    assert root_tag == "div" and root["data-widget"] == "exercise" and root["data-state"] == "loading"
    assert root["data-exercise"] == "knee-1" and root["data-form"] == "wai-s" and root["data-attempts"] == "2"
    inputs = [a for t, a in parsed.tags if t == "input"]
    assert [a["data-key"] for a in inputs] == ["goal_sum", "total_mean"]
    labels = {a["for"] for t, a in parsed.tags if t == "label"}
    assert {a["id"] for a in inputs} <= labels
    buttons = {a.get("data-action") for t, a in parsed.tags if t == "button"}
    assert {"check", "solution"} <= buttons
    assert any(
        a.get("aria-live") == "polite" and "wai-results" in (a.get("class") or "") for _, a in parsed.tags
    )
    assert any(a.get("role") == "status" for _, a in parsed.tags)
    scripts = [a for t, a in parsed.tags if t == "script"]
    assert scripts == [{"type": "application/json", "class": "wai-exercise-data"}]
    data = json.loads(parsed.data["json"])
    assert data["responses"] == [5, 6, 5, 2, 6, 6, 7, 5, 6, 3, 5, 6] and data["compute"] == [
        "goal_sum",
        "total_mean",
    ]
    assert data["notes"] == "a </script><b>note</b>"
    assert html.count("</script>") == 1  # the note cannot close the data block
    assert "A runner after knee surgery." in html


def test_pair_renders_two_sheets_and_two_answer_groups() -> None:
    therapist = [4] * 36
    body = (
        GOOD.replace("level: clear-cut", "level: pair") + f"pair:\n  form: wai-t\n  responses: {therapist}\n"
    )
    html = hook.render_exercise(hook.parse_body(body))
    assert html.count('class="wai-exercise-sheet"') == 2
    assert 'data-sheet="pair"' in html and 'name="pair-goal_sum"' in html


def test_on_config_appends_without_overwriting() -> None:
    other = {"name": "other", "format": None}
    config = SimpleNamespace(mdx_configs={"pymdownx.superfences": {"custom_fences": [other]}})
    hook.on_config(config)
    hook.on_config(config)
    names = [f["name"] for f in config.mdx_configs["pymdownx.superfences"]["custom_fences"]]
    assert names == ["other", "wai-exercise"]

    empty = SimpleNamespace(mdx_configs={})
    hook.on_config(empty)
    assert empty.mdx_configs["pymdownx.superfences"]["custom_fences"][0]["name"] == "wai-exercise"


# --- a real build -------------------------------------------------------------------------------


def _mini_site(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    docs = tmp_path / "docs" / "exercises"
    docs.mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "x.md").write_text(page(body), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nhooks:\n  - " + str(ROOT / "hooks" / "exercises.py") + "\n"
        "markdown_extensions:\n  - pymdownx.superfences\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_build_fails_with_file_line_and_reason(tmp_path: Path) -> None:
    proc = _mini_site(tmp_path, GOOD.replace("form: wai-s", "form: wai-z"))
    assert proc.returncode != 0
    markdown = page(GOOD.replace("form: wai-s", "form: wai-z"))
    assert (
        f"docs/exercises/x.md:{line_of(markdown, 'form: wai-z')}: form: unknown form 'wai-z'" in proc.stderr
    )
    assert "Traceback" not in proc.stderr


def test_build_renders_a_valid_exercise_and_exports_it(tmp_path: Path) -> None:
    proc = _mini_site(tmp_path, GOOD)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "exercises" / "x" / "index.html").read_text(encoding="utf-8")
    assert 'data-widget="exercise"' in html and 'data-exercise="knee-1"' in html
    exported = json.loads((tmp_path / "site" / "exercises" / "exercises.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in exported["exercises"]] == ["knee-1"]
    assert exported["pages"] == {"knee-1": "exercises/x/"}


# --- the shipped exercise set -------------------------------------------------------------------


def test_shipped_exercises_are_valid_and_cover_forms_and_levels() -> None:
    hook._ids.clear()
    found = []
    for path in sorted(EXERCISES.glob("*.md")):
        found += hook.validate_markdown(path.read_text(encoding="utf-8"), f"docs/exercises/{path.name}")
    assert len(found) >= 12
    assert len({e.id for e in found}) == len(found)
    forms = {e.form_id for e in found} | {e.pair.form_id for e in found if e.pair}
    assert forms == {"wai", "wai-t", "wai-s", "wai-sr"}
    assert {e.level for e in found} == set(LEVELS)
    assert sum(e.pair is not None for e in found) >= 3
    assert any(None in e.sheet.responses for e in found)  # missing answers
    assert all(len(e.vignette) > 80 for e in found)


def test_exercise_pages_are_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for path in EXERCISES.glob("*.md"):
        assert f"exercises/{path.name}" in nav


# --- typed text on the pages that the code must still produce -----------------------------------

KNEE = """\
# Knee osteoarthritis

```wai-exercise
id: knee-1
title: Knee
form: wai-s
vignette: |
  A runner.
responses: [6, 5, 6, 2, 6, 6, 7, 5, 6, 2, 6, 6]
compute: [goal_sum]
```
"""


def _knee_variants() -> list[str]:
    """The broken versions of ``KNEE`` behind the educators page's sample errors, in page order."""
    from scorer.forms import get_form

    task = get_form("wai-s").subscales["task"]
    with_gaps = [None if i in task[:2] else v for i, v in enumerate([6, 5, 6, 2, 6, 6, 7, 5, 6, 2, 6, 6], 1)]
    gaps = "[" + ", ".join("null" if v is None else str(v) for v in with_gaps) + "]"
    responses = "[6, 5, 6, 2, 6, 6, 7, 5, 6, 2, 6, 6]"

    def swap(old: str, new: str) -> str:
        assert old in KNEE
        return KNEE.replace(old, new)

    return [
        swap("form: wai-s", "form: wai-q"),
        swap(responses, "[6, 5, 6, 2, 6, 6, 7, 5, 6, 2, 6]"),
        swap(responses, "[6, 5, 6, 2, 6, 6, 9, 5, 6, 2, 6, 6]"),
        swap("compute: [goal_sum]", "colour: red"),
        swap("vignette: |\n  A runner.\n", ""),
        swap("compute: [goal_sum]", "compute: [goal_sum, total]"),
        swap("compute: [goal_sum]", "seed: 4"),
        swap(responses, gaps).replace("compute: [goal_sum]", "compute: [task_mean]"),
    ]


def test_the_educators_page_sample_errors_are_the_validators_own() -> None:
    """docs/educators/index.md shows typed-in build errors: each must be what the build says."""
    text = (ROOT / "docs" / "educators" / "index.md").read_text(encoding="utf-8")
    block = text.split("A bad\none stops the build with the file, the line and the reason", 1)[1]
    shown = block.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    produced = []
    for variant in _knee_variants():
        hook._ids.clear()
        with pytest.raises(PluginError) as info:
            hook.validate_markdown(variant, "docs/exercises/knee.md")
        produced.append(str(info.value))
    assert shown == produced
