"""cases.generate(): reproducible, realistic teaching cases whose answers show their profile.

This module also runs inside Pyodide (tests/test_in_pyodide.py), so it uses only pytest and the
scorer: no hypothesis. ``tests/data/case_fingerprints.json`` was written by CPython with
``python tests/test_cases.py --write-fingerprints``; the same cases must come out on every runtime.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import scorer
from scorer import cases
from scorer.core.forms import FORM_IDS, SUBSCALES

FINGERPRINTS = Path(__file__).parents[1] / "data" / "case_fingerprints.json"
FINGERPRINT_SEEDS = (0, 1, 42, 2**40 + 3)
SEEDS = range(60)  # enough to exercise the redraw loop on every form and profile


def fingerprint(form_id: str, seed: int, profile: str) -> dict:
    case = cases.generate(form_id, seed, profile)
    return {
        "form": form_id,
        "seed": seed,
        "profile": profile,
        "responses": list(case.responses),
        "vignette": case.vignette,
        "total_sum": case.result.total.sum,
    }


def all_fingerprints() -> list[dict]:
    return [fingerprint(f, s, p) for f in FORM_IDS for p in cases.PROFILES for s in FINGERPRINT_SEEDS]


def test_same_cases_as_recorded_by_cpython() -> None:
    recorded = json.loads(FINGERPRINTS.read_text(encoding="utf-8"))
    assert len(recorded) == len(FORM_IDS) * len(cases.PROFILES) * len(FINGERPRINT_SEEDS)
    for entry in recorded:
        assert fingerprint(entry["form"], entry["seed"], entry["profile"]) == entry


def test_profiles_are_the_public_ids() -> None:
    assert cases.PROFILES == ("strong", "weak-bond", "goal-disagreement", "acquiescent", "random")


@pytest.mark.parametrize("form_id", FORM_IDS)
@pytest.mark.parametrize("profile", cases.PROFILES)
def test_generate_is_deterministic_and_scored(form_id: str, profile: str) -> None:
    form = scorer.get_form(form_id)
    for seed in (0, 7, 123456789):
        a, b = cases.generate(form_id, seed, profile), cases.generate(form_id, seed, profile)
        assert a == b and a.to_dict() == b.to_dict()
        assert len(a.responses) == form.n_items
        assert all(form.scale.min <= v <= form.scale.max for v in a.responses)
        assert a.result == scorer.score(form_id, a.responses)
        d = a.to_dict()
        assert json.loads(json.dumps(d)) == d
        assert d["result"] == scorer.score(form_id, a.responses).to_dict()
        assert (d["form"], d["seed"], d["profile"]) == (form_id, seed, profile)


def test_different_seeds_give_different_cases() -> None:
    for form_id in FORM_IDS:
        for profile in cases.PROFILES:
            distinct = {cases.generate(form_id, s, profile).responses for s in range(10)}
            assert len(distinct) >= 8, (form_id, profile)


def _means(case: cases.Case) -> dict[str, float]:
    return {name: case.result.subscales[name].mean for name in SUBSCALES}


def _point(form_id: str) -> float:
    """One point of the 1–7 scale on this form's scale."""
    scale = scorer.get_form(form_id).scale
    return (scale.max - scale.min) / 6


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_strong_profile_is_high_everywhere(form_id: str) -> None:
    scale = scorer.get_form(form_id).scale
    for seed in SEEDS:
        means = _means(cases.generate(form_id, seed, "strong"))
        assert all(m >= scale.min + 0.65 * (scale.max - scale.min) for m in means.values()), (seed, means)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_weak_bond_profile_has_bond_clearly_lowest(form_id: str) -> None:
    for seed in SEEDS:
        means = _means(cases.generate(form_id, seed, "weak-bond"))
        assert means["bond"] <= min(means["goal"], means["task"]) - _point(form_id), (seed, means)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_goal_disagreement_profile_has_goal_clearly_lowest(form_id: str) -> None:
    for seed in SEEDS:
        means = _means(cases.generate(form_id, seed, "goal-disagreement"))
        assert means["goal"] <= min(means["task"], means["bond"]) - _point(form_id), (seed, means)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_acquiescent_profile_agrees_with_everything(form_id: str) -> None:
    form = scorer.get_form(form_id)
    for seed in SEEDS:
        case = cases.generate(form_id, seed, "acquiescent")
        # High raw answers everywhere, negatively worded (reverse-keyed) items included ...
        assert all(v >= form.scale.max - 1 for v in case.responses), (seed, case.responses)
        # ... so every reverse-keyed item scores low once keyed.
        for item in form.reverse:
            assert case.result.keyed[item - 1] <= form.scale.min + 1


def test_acquiescence_pulls_reverse_heavy_subscales_down() -> None:
    """Goal has the most reverse-keyed items on the WAI, so an acquiescent Goal mean sits lowest."""
    for seed in SEEDS:
        means = _means(cases.generate("wai", seed, "acquiescent"))
        assert means["goal"] < means["bond"], (seed, means)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_random_profile_uses_the_whole_scale(form_id: str) -> None:
    form = scorer.get_form(form_id)
    seen = set()
    for seed in range(20):
        seen.update(cases.generate(form_id, seed, "random").responses)
    assert seen == set(range(form.scale.min, form.scale.max + 1))


def test_vignettes_fit_respondent_and_profile() -> None:
    for form_id in FORM_IDS:
        therapist = scorer.get_form(form_id).respondent == "therapist"
        for profile in cases.PROFILES:
            for seed in range(8):
                text = cases.generate(form_id, seed, profile).vignette
                assert text.startswith("Your patient is" if therapist else "You are"), text
                assert len(text.split()) >= 20
    # A story from each profile's own set.
    assert "hard to warm to" in cases.generate("wai-t", 3, "weak-bond").vignette or "barely know" in (
        cases.generate("wai-t", 3, "weak-bond").vignette
    )


def test_vignettes_cover_varied_pt_settings() -> None:
    texts = " ".join(cases.generate("wai", s, "random").vignette for s in range(80))
    for word in ("low back pain", "knee", "ankle", "neck", "shoulder", "stroke", "multiple sclerosis"):
        assert word in texts, word


@pytest.mark.parametrize("seed", [-1, 1.0, True, "3", None, 2**64])
def test_bad_seed(seed: object) -> None:
    with pytest.raises(scorer.ScorerError, match="seed"):
        cases.generate("wai", seed, "strong")


@pytest.mark.parametrize("profile", ["Strong", "weak_bond", "", None])
def test_bad_profile(profile: object) -> None:
    with pytest.raises(scorer.ScorerError, match=r"unknown profile .* known profiles: strong"):
        cases.generate("wai", 1, profile)


def test_bad_form() -> None:
    with pytest.raises(scorer.ScorerError, match="unknown form"):
        cases.generate("wai-s-t", 1)


def test_default_profile_is_random() -> None:
    assert cases.generate("wai-s", 5).profile == "random"
    assert cases.generate("wai-s", 5) == cases.generate("wai-s", 5, "random")


if __name__ == "__main__":  # pragma: no cover - regenerates the fingerprints (CPython only)
    if sys.argv[1:] == ["--write-fingerprints"]:
        lines = [json.dumps(entry, ensure_ascii=False) for entry in all_fingerprints()]
        FINGERPRINTS.write_text("[\n" + ",\n".join(lines) + "\n]\n", "utf-8")
        print(f"wrote {FINGERPRINTS}")
    else:
        print("usage: python tests/test_cases.py --write-fingerprints")
