"""sitebuild.markdown.exercises: YAML line numbers, fence discovery, the widget HTML, a real build,
and the shipped exercise set (at least 12 valid exercises across the forms and levels)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_kit import convert, error, write_page

from scorer.core.exercises import LEVELS, Exercise
from sitebuild.markdown.exercises import FENCE, exercise_html, parse_body
from sitebuild.markdown.scan import scan
from sitebuild.postbuild import exercises as exercises_step

ROOT = Path(__file__).resolve().parents[3]
EXERCISES = ROOT / "docs" / "exercises"

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
    return error(markdown, "exercises/x.md")


def page_exercises(markdown: str) -> list[Exercise]:
    """Every exercise of a page, as the page build reads them (a bad one raises)."""
    return [parse_body(fence.body) for fence in scan(markdown.split("\n")) if fence.name == FENCE]


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


def test_front_matter_and_indentation_do_not_shift_lines(tmp_path: Path) -> None:
    before = "---\ntitle: T\n---\n\n# Title\n\n- a list item\n\n"
    body = textwrap.indent(GOOD.replace("form: wai-s", "form: bad"), "    ")
    markdown = before + "    ```wai-exercise\n" + body + "    ```\n"
    docs = tmp_path / "docs"
    message = error(write_page(docs, "exercises/x.md", markdown), "exercises/x.md", docs_dir=docs)
    assert message.startswith(f"docs/exercises/x.md:{line_of(markdown, 'form: bad')}: ")


def test_quoted_exercise_inside_another_fence_is_not_an_exercise() -> None:
    markdown = "````markdown\n```wai-exercise\nid: nope\n```\n````\n"
    assert page_exercises(markdown) == []
    html = convert(markdown)
    assert "data-widget" not in html and "id: nope" in html


def test_find_fences_variants() -> None:
    for opener in ("```wai-exercise", "~~~wai-exercise", "```{.wai-exercise}", "``` wai-exercise"):
        found = scan(f"text\n\n{opener}\nid: a\n{opener[:3]}\n".split("\n"))
        assert [(f.name, f.start, f.body) for f in found] == [(FENCE, 2, "id: a")], opener
    assert [f.name for f in scan(["```wai-exercises", "id: a", "```", ""])] == ["wai-exercises"]
    assert "unknown fence 'wai-exercises'" in fail("```wai-exercises\nid: a\n```\n")


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
    exercise = parse_body(GOOD + 'notes: "a </script><b>note</b>"\n')
    html = exercise_html(exercise)
    parsed = _Collect()
    parsed.feed(html)
    root_tag, root = parsed.tags[0]
    assert root_tag == "div" and root["data-widget"] == "exercise" and root["data-state"] == "loading"
    assert root["data-exercise"] == "knee-1" and root["data-form"] == "wai-s" and root["data-attempts"] == "2"
    inputs = [a for t, a in parsed.tags if t == "input"]
    answers = [a for a in inputs if "data-sheet" in a]
    assert [a["data-key"] for a in answers] == ["goal_sum", "total_mean"]
    labels = {a["for"] for t, a in parsed.tags if t == "label"}
    assert {a["id"] for a in inputs} <= labels
    # The student's hand-in follows the exercise and names it; its only input is the student id.
    handins = [a for t, a in parsed.tags if a.get("data-widget") == "handin"]
    assert [(h["data-for"], h["data-state"]) for h in handins] == [("knee-1", "loading")]
    assert [a["data-role"] for a in inputs if "data-sheet" not in a] == ["student"]
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
    html = exercise_html(parse_body(body))
    assert html.count('class="wai-exercise-sheet"') == 2
    assert 'data-sheet="pair"' in html and 'name="pair-goal_sum"' in html


# --- a real build -------------------------------------------------------------------------------


def _mini_site(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    docs = tmp_path / "docs" / "exercises"
    docs.mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "x.md").write_text(page(body), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nhooks:\n  - " + str(ROOT / "hooks" / "markdown_page.py") + "\n"
        "markdown_extensions:\n  - pymdownx.superfences\n  - sitebuild.markdown\n",
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
    exercises_step.run(tmp_path / "site")  # the post-build step reads exercises.json off the pages
    exported = json.loads((tmp_path / "site" / "exercises" / "exercises.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in exported["exercises"]] == ["knee-1"]
    assert exported["pages"] == {"knee-1": "exercises/x/"}


# --- the shipped exercise set -------------------------------------------------------------------


def test_shipped_exercises_are_valid_and_cover_forms_and_levels() -> None:
    found = []
    for path in sorted(EXERCISES.glob("*.md")):
        found += page_exercises(path.read_text(encoding="utf-8"))
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
    from scorer.core.forms import get_form

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
        produced.append(error(variant, "exercises/knee.md"))
    assert shown == produced


# The teaching notes of the shipped exercises state facts about their own numbers (which items are
# reversed, what they become, how many are missing, ...). Notes are exercise data, not prose the
# placeholders reach, so each claim is rebuilt here from the scorer and must appear word for word.

_NUMBER_WORDS = """zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen"""
_WORDS = dict(enumerate(_NUMBER_WORDS.split()))


def _and(values) -> str:
    words = [str(v) for v in values]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _says(exercise, phrase: str) -> None:
    notes = " ".join((exercise.notes or "").split())
    assert " ".join(phrase.split()) in notes, f"{exercise.id}: notes no longer match the key: {phrase!r}"


def _reversed_answers(exercise, items):
    from scorer.core.forms import get_form

    form = get_form(exercise.sheet.form_id)
    raws = [exercise.sheet.responses[i - 1] for i in items]
    return raws, [form.keyed(i, r) for i, r in zip(items, raws, strict=True)]


def _claims_reverse_items_clear(ex) -> None:  # shoulder-wai-s-clear
    from scorer.core.forms import get_form

    form = get_form(ex.sheet.form_id)
    rev = sorted(form.reverse)
    raws, keyed = _reversed_answers(ex, rev)
    lo_hi = form.scale.min + form.scale.max
    turned = " and ".join(f"{r} becomes {k}" for r, k in zip(raws, keyed, strict=True))
    _says(ex, f"Items {_and(rev)} of the WAI-S are worded negatively and reverse-keyed: {turned}")
    _says(ex, f"(min + max − raw = {lo_hi} − raw)")
    assert set(rev) <= set(form.subscales["goal"])  # "lowers the Goal sum"
    goal = ex.sheet.result.subscales["goal"].sum
    as_given = sum(ex.sheet.responses[i - 1] for i in form.subscales["goal"])
    _says(ex, f"Forgetting this lowers the Goal sum by {goal - as_given}.")


def _claims_knee(ex) -> None:  # educators-knee-oa
    from scorer.core.forms import get_form

    rev = sorted(get_form(ex.sheet.form_id).reverse)
    raws, keyed = _reversed_answers(ex, rev)
    assert len(set(raws)) == 1  # "both answers of ..."
    _says(ex, f"Items {_and(rev)} are reverse-keyed: both answers of {raws[0]} count as {keyed[0]}.")


def _claims_no_reverse(ex) -> None:  # lbp-wai-sr-clear
    from scorer.core.forms import get_form

    form = get_form(ex.sheet.form_id)
    assert not form.reverse
    _says(ex, f"each sum is simply the {_WORDS[len(form.subscales['goal'])]} answers of its subscale")
    means = {n: s.mean for n, s in ex.sheet.result.subscales.items()}
    assert means["task"] < min(means["goal"], means["bond"])  # "The lower Task mean"


def _claims_scale(ex) -> None:  # acl-wai-sr-clear
    from scorer.core.forms import get_form

    form = get_form(ex.sheet.form_id)
    lo, hi = form.scale.min, form.scale.max
    sizes = {len(m) for m in form.subscales.values()}
    assert len(sizes) == 1
    _says(ex, f"scale runs from {lo} to {hi}, not 1 to 7: a mean of {_num((lo + hi) / 2)} here is the middle")
    _says(ex, f"each subscale has {_WORDS[sizes.pop()]} items and the total {_WORDS[form.n_items]}")
    _says(ex, f"the same {lo} to {hi} footing")


def _claims_count(ex) -> None:  # stroke-wai-reverse
    from scorer.core.forms import get_form

    form = get_form(ex.sheet.form_id)
    _says(ex, f"{_WORDS[len(form.reverse)].capitalize()} of the {form.n_items} answers are reversed")


def _claims_bond_items(ex) -> None:  # neck-wai-reverse
    from scorer.core.forms import get_form

    form = get_form(ex.sheet.form_id)
    means = {n: s.mean for n, s in ex.sheet.result.subscales.items()}
    assert round(means["goal"]) == round(means["task"])
    _says(ex, f"Goal and Task are around {round(means['goal'])} while Bond is {round(means['bond'])}")
    items = [i for i in form.subscales["bond"] if i in form.reverse]
    raws, keyed = _reversed_answers(ex, items)
    _says(ex, f"The raw answers {_and(raws)} on items {_and(items)} look positive")
    _says(ex, f"they are reverse-keyed Bond items and count as {_and(keyed)}.")


def _claims_same_key(ex) -> None:  # parkinson-wai-t-reverse
    from scorer.core.forms import get_form

    therapist, client = get_form("wai-t"), get_form("wai")
    assert therapist.subscales == client.subscales and therapist.reverse == client.reverse
    _says(ex, f"Reverse the same {_WORDS[len(therapist.reverse)]} items.")


def _claims_high_answers(ex) -> None:  # achilles-wai-s-reverse
    from scorer.core.forms import get_form

    form = get_form(ex.sheet.form_id)
    rev = sorted(form.reverse)
    raws, keyed = _reversed_answers(ex, rev)
    assert all(r > (form.scale.min + form.scale.max) / 2 for r in raws)  # "answered high"
    goal = ex.sheet.result.subscales["goal"].mean
    _says(ex, f"the reverse-keyed items ({_and(rev)}) are answered *high*: {_and(raws)} become {_and(keyed)}")
    _says(ex, f"and the Goal mean is {_num(goal)}.")


def _missing_by_subscale(ex) -> dict[str, list[int]]:
    from scorer.core.forms import get_form

    form = get_form(ex.sheet.form_id)
    missing = [i for i, v in enumerate(ex.sheet.responses, 1) if v is None]
    return {name: [i for i in missing if i in members] for name, members in form.subscales.items()}


def _claims_prorated(ex) -> None:  # hip-wai-s-missing
    from scorer.core.forms import get_form

    form = get_form(ex.sheet.form_id)
    by = _missing_by_subscale(ex)
    assert not by["goal"] and not by["task"] and by["bond"]
    bond = ex.sheet.result.subscales["bond"]
    kept = [form.keyed(i, ex.sheet.responses[i - 1]) for i in form.subscales["bond"] if i not in by["bond"]]
    adds = " + ".join(map(str, kept))
    n, k = bond.items, bond.answered
    _says(ex, f"Bond has {_WORDS[k]} of its {_WORDS[n]} items: the mean is ({adds}) ÷ {k} = {bond.mean:.2f}")
    _says(ex, f"the pro-rated sum is ({adds}) × {n} ÷ {k} = {bond.sum:.2f}")
    _says(ex, f"the rounded mean gives {bond.mean:.2f} × {n} = {round(bond.mean, 2) * n:.2f}")
    _says(ex, f"the total mean divides it by {form.n_items}.")


def _claims_within_limit(ex) -> None:  # ms-wai-missing
    from scorer.core.forms import get_form
    from scorer.core.scoring import DEFAULT_MAX_MISSING, allowed_missing

    form = get_form(ex.sheet.form_id)
    by = _missing_by_subscale(ex)
    assert not by["task"]  # "Task is complete"
    parts = ex.sheet.result.subscales
    limit = allowed_missing(len(form.subscales["goal"]), DEFAULT_MAX_MISSING)
    _says(ex, f"Items {_and(by['goal'])} are Goal items and item {_and(by['bond'])} is a Bond item")
    _says(ex, f"Goal has {parts['goal'].answered} of {parts['goal'].items} answers")
    _says(ex, f"Bond {parts['bond'].answered} of {parts['bond'].items}; both are within the limit of {limit}")


def _claims_not_scorable(ex) -> None:  # pelvic-wai-sr-missing
    from scorer.core.forms import get_form
    from scorer.core.scoring import DEFAULT_MAX_MISSING, allowed_missing

    form = get_form(ex.sheet.form_id)
    by = _missing_by_subscale(ex)
    n = len(form.subscales["bond"])
    assert not by["goal"] and not by["task"] and not ex.sheet.result.subscales["bond"].scorable
    limit = _WORDS[allowed_missing(n, DEFAULT_MAX_MISSING)]
    _says(ex, f"Items {_and(by['bond'])} are both Bond items: {_WORDS[len(by['bond'])]} of {_WORDS[n]} are")
    _says(ex, f"more than the {limit} allowed")


def _pair_means(ex):
    from scorer.core.compare import compare

    return compare(ex.sheet.result, ex.pair.result)


def _claims_gap(ex) -> None:  # lbp-pair-wai-s
    c = _pair_means(ex)
    p, t = c.parts["total"].patient_mean, c.parts["total"].therapist_mean
    goal, task = c.parts["goal"].difference, c.parts["task"].difference
    assert round(goal) == round(task)
    _says(ex, f"The patient's means are around {round(p)}, the therapist's around {round(t)}")
    _says(ex, f"a difference of about {_WORDS[round(goal)]} points on Goal and Task")


def _claims_agreement(ex) -> None:  # tka-pair-wai
    from scorer.core.forms import get_form

    client, therapist = get_form(ex.sheet.form_id), get_form(ex.pair.form_id)
    assert client.reverse == therapist.reverse
    _says(ex, f"Both forms have the same {_WORDS[len(client.reverse)]} reverse-keyed items.")
    c = _pair_means(ex)
    assert abs(c.parts["goal"].difference) < 0.5 and abs(c.parts["task"].difference) < 0.5
    assert c.parts["bond"].difference > 0  # "the patient rates the bond higher"
    _says(ex, "Goal and Task agree closely; the patient rates the bond higher")


def _claims_rescale(ex) -> None:  # concussion-pair-wai-sr
    from scorer.core.forms import get_form

    p, t = ex.sheet.result.subscales["goal"].mean, ex.pair.result.subscales["goal"].mean
    ps, ts = get_form(ex.sheet.form_id).scale, get_form(ex.pair.form_id).scale
    _says(ex, f"Tom's Goal mean is {_num(p)} on a {ps.min}–{ps.max} scale")
    _says(ex, f"the physiotherapist's is {_num(t)} on a {ts.min}–{ts.max} scale")
    assert "goal" in _pair_means(ex).flagged  # "they disagree about goals"


NOTE_CLAIMS = {
    "shoulder-wai-s-clear": _claims_reverse_items_clear,
    "educators-knee-oa": _claims_knee,
    "lbp-wai-sr-clear": _claims_no_reverse,
    "acl-wai-sr-clear": _claims_scale,
    "stroke-wai-reverse": _claims_count,
    "neck-wai-reverse": _claims_bond_items,
    "parkinson-wai-t-reverse": _claims_same_key,
    "achilles-wai-s-reverse": _claims_high_answers,
    "hip-wai-s-missing": _claims_prorated,
    "ms-wai-missing": _claims_within_limit,
    "pelvic-wai-sr-missing": _claims_not_scorable,
    "lbp-pair-wai-s": _claims_gap,
    "tka-pair-wai": _claims_agreement,
    "concussion-pair-wai-sr": _claims_rescale,
}


def _shipped_exercises() -> dict:
    found = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for exercise in page_exercises(path.read_text(encoding="utf-8")):
            assert exercise.id not in found, f"{path}: {exercise.id} is used twice"
            found[exercise.id] = exercise
    return found


def test_every_exercise_note_is_checked_against_the_scorer() -> None:
    with_notes = {i for i, e in _shipped_exercises().items() if e.notes}
    assert with_notes == set(NOTE_CLAIMS), "add (or drop) a claim check for the exercise notes"


@pytest.mark.parametrize("exercise_id", sorted(NOTE_CLAIMS))
def test_exercise_notes_agree_with_the_scorer(exercise_id: str) -> None:
    NOTE_CLAIMS[exercise_id](_shipped_exercises()[exercise_id])


def test_the_educators_page_source_sample_is_the_exercise_it_renders() -> None:
    """The page quotes an exercise's source, then renders it: the two copies must not drift apart
    (the rendered one's notes are checked against the key above)."""
    page = (ROOT / "docs" / "educators" / "index.md").read_text(encoding="utf-8")
    quoted = page.split("This source:\n\n````markdown\n", 1)[1].split("````", 1)[0]
    rendered = page.split("renders as:\n\n", 1)[1]
    assert rendered.startswith(quoted)
