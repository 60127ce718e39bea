"""The rapport self-audit: the practices data against the Building rapport page, ratings, summary, HTML."""

from __future__ import annotations

import copy
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.core import selfaudit
from scorer.core.errors import ScorerError

RAPPORT = Path(__file__).resolve().parents[2] / "docs" / "rapport.md"
HOSTILE = '<img src=x onerror=alert(1)>"\'&'


def raw_data() -> dict:
    return json.loads(resources.files("scorer.core").joinpath("practices.json").read_text(encoding="utf-8"))


def rapport_headings() -> dict[str, str]:
    """{anchor: heading title} for every ``### Title {#anchor}`` on the rapport page."""
    found = re.findall(r"^###\s+(.+?)\s+\{#([a-z0-9-]+)\}\s*$", RAPPORT.read_text(encoding="utf-8"), re.M)
    return {anchor: title for title, anchor in found}


def rapport_levels() -> dict[str, str]:
    """{anchor: evidence text} from the summary table at the top of the rapport page."""
    rows = re.findall(r"^\| \[.+?\]\(#([a-z0-9-]+)\) \| (.+?) \|$", RAPPORT.read_text(encoding="utf-8"), re.M)
    return dict(rows)


# --- the data matches the Building rapport page ---------------------------------------------------


def test_every_practice_on_the_rapport_page_is_audited_in_page_order() -> None:
    headings = rapport_headings()
    assert [p.anchor for p in selfaudit.practices()] == list(headings)


def test_titles_match_the_rapport_headings() -> None:
    headings = rapport_headings()
    for practice in selfaudit.practices():
        assert practice.title == headings[practice.anchor]


def test_evidence_levels_match_the_rapport_summary_table() -> None:
    levels = rapport_levels()
    assert levels, "the summary table on rapport.md was not found"
    for practice in selfaudit.practices():
        assert levels[practice.anchor].startswith(practice.evidence), practice.id
        if practice.evidence_detail:
            assert practice.evidence_detail in levels[practice.anchor], practice.id


def test_every_practice_has_its_own_prompt_as_a_question() -> None:
    prompts = [p.prompt for p in selfaudit.practices()]
    assert len(set(prompts)) == len(prompts)
    assert all(p.endswith("?") for p in prompts)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(v=2), '"v": 1'),
        (lambda d: d["practices"][0].update(evidence="strong"), "evidence 'strong'"),
        (lambda d: d["practices"][1].update(id="use-name"), "unique"),
        (lambda d: d["practices"][0].update(prompt=" "), "'prompt'"),
        (lambda d: d["practices"][0].update(colour="red"), "unknown field(s) colour"),
        (lambda d: d["practices"][0].update(anchor="Not An Id"), "not a heading id"),
        (lambda d: d["rating"].update(anchors=["a", "b"]), "one anchor text per value"),
        (lambda d: d["evidence_levels"].pop("mixed"), "evidence_levels"),
        (lambda d: d.update(practices=[]), "non-empty list"),
    ],
)
def test_a_bad_practices_file_is_refused_with_the_reason(change, message) -> None:
    data = copy.deepcopy(raw_data())
    change(data)
    with pytest.raises(ScorerError, match=re.escape(message)):
        selfaudit.load_practices(data)


def test_shipped_in_the_wheel() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"practices.json"' in pyproject


# --- ratings and reflections ----------------------------------------------------------------------


def test_ratings_accept_numbers_strings_and_not_relevant_and_drop_unanswered() -> None:
    clean = selfaudit.clean_ratings(
        {"empathy": "4", "use-name": 2, "greeting": "na", "warmth": "", "hobbies": None}
    )
    assert clean == {"use-name": 2, "greeting": "na", "empathy": 4}
    assert list(clean) == ["use-name", "greeting", "empathy"]  # page order


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ({"empathy": 6}, "outside 1-5"),
        ({"empathy": 0}, "outside 1-5"),
        ({"empathy": "often"}, "not a rating"),
        ({"empathy": True}, "not a rating"),
        ({"empathy": 2.5}, "not a rating"),
        ({"bedside-manner": 3}, "unknown rapport practice"),
        (["empathy", 3], "must be an object"),
    ],
)
def test_bad_ratings_are_refused(ratings, message) -> None:
    with pytest.raises(ScorerError, match=re.escape(message)):
        selfaudit.clean_ratings(ratings)


def test_reflections_are_trimmed_and_capped() -> None:
    assert selfaudit.clean_reflections({"empathy": "  noticed her fear  ", "warmth": "   "}) == {
        "empathy": "noticed her fear"
    }
    with pytest.raises(ScorerError, match="keep it under"):
        selfaudit.clean_reflections({"empathy": "x" * (selfaudit.MAX_REFLECTION + 1)})
    with pytest.raises(ScorerError, match="must be text"):
        selfaudit.clean_reflections({"empathy": 5})


def test_summary_mean_leaves_out_not_relevant_and_names_strengths_and_gaps() -> None:
    summary = selfaudit.summarize({"empathy": 5, "use-name": 1, "greeting": "na", "warmth": 2, "hobbies": 4})
    assert summary["rated"] == 4
    assert summary["not_relevant"] == 1
    assert summary["mean"] == pytest.approx((5 + 1 + 2 + 4) / 4)
    assert summary["strengths"] == ["empathy"]
    assert summary["to_work_on"] == ["use-name", "warmth"]


def test_summary_of_nothing_rated_has_no_mean() -> None:
    summary = selfaudit.summarize({}, {})
    assert summary["mean"] is None and summary["rated"] == 0


@given(st.dictionaries(st.sampled_from([p.id for p in selfaudit.practices()]),
                       st.one_of(st.integers(1, 5), st.just("na"))))
def test_summary_mean_is_within_the_scale(ratings) -> None:
    summary = selfaudit.summarize(ratings)
    numbers = [v for v in ratings.values() if v != "na"]
    assert summary["rated"] == len(numbers)
    if numbers:
        assert 1 <= summary["mean"] <= 5
        assert summary["mean"] == pytest.approx(sum(numbers) / len(numbers))
    else:
        assert summary["mean"] is None
