"""Reproducible teaching cases: a physical-therapy vignette and a completed form that fits it.

Each profile sets where a respondent sits on each subscale (as a keyed level). Item answers scatter
around that level with a small integer noise table, then reverse-keyed items are turned back into
raw answers, as a real respondent would give them. The acquiescent responder is the exception: they
agree with everything, negatively worded items included, which is what makes reverse-keying matter.
A draw that does not show its profile's defining pattern clearly is redrawn from the same stream,
so every case is a clean teaching example and the same seed always gives the same case. The
vignettes (our own text) are data: ``vignettes.json`` beside this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from .datafiles import read_text
from .errors import ScorerError, shown
from .forms import SUBSCALES, Form, get_form
from .rng import MASK64, SplitMix64, stable_hash
from .scoring import Result, score

__all__ = ["PROFILES", "PROFILE_DESCRIPTIONS", "Case", "generate"]

PROFILES: tuple[str, ...] = ("strong", "weak-bond", "goal-disagreement", "acquiescent", "random")

PROFILE_DESCRIPTIONS: dict[str, str] = {
    "strong": "a strong alliance: agreement on goals and tasks and a warm bond",
    "weak-bond": "agreement on goals and tasks, but a weak personal bond",
    "goal-disagreement": "a good bond, but patient and therapist want different things from treatment",
    "acquiescent": "a respondent who agrees with every statement, negatively worded ones included",
    "random": "answers with no pattern (for practising the arithmetic)",
}

# Keyed level of each subscale, in tenths of the way from the scale's minimum to its maximum.
_LEVELS: dict[str, dict[str, int]] = {
    "strong": {"goal": 9, "task": 9, "bond": 9},
    "weak-bond": {"goal": 8, "task": 8, "bond": 3},
    "goal-disagreement": {"goal": 3, "task": 6, "bond": 8},
}
# Offsets -2..+2 around the level: most answers on the level, a few one step off, rarely two.
_NOISE = (1, 3, 6, 3, 1)
# Redraws before giving up (never reached in practice; a test covers many seeds).
_MAX_DRAWS = 1000


# What the relationship is like, per profile; patient's view, then therapist's view.


@cache
def _vignettes() -> dict[str, Any]:
    """``vignettes.json``: the settings and, per profile, the stories (patient's and therapist's view)."""
    text = read_text("vignettes.json")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True)
class Case:
    """A generated teaching case and its answer key (``result``)."""

    form_id: str
    seed: int
    profile: str
    vignette: str
    responses: tuple[int | None, ...]
    result: Result

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form_id,
            "seed": self.seed,
            "profile": self.profile,
            "profile_description": PROFILE_DESCRIPTIONS[self.profile],
            "vignette": self.vignette,
            "responses": list(self.responses),
            "result": self.result.to_dict(),
        }


def _check_args(form_id: Any, seed: Any, profile: Any) -> Form:
    form = get_form(form_id)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MASK64:
        raise ScorerError(f"seed must be a whole number from 0 to {MASK64}, not {shown(seed)}")
    if profile not in PROFILES:
        raise ScorerError(f"unknown profile {shown(profile)}; known profiles: {', '.join(PROFILES)}")
    return form


def _level(form: Form, tenths: int) -> int:
    span = form.scale.max - form.scale.min
    return form.scale.min + (tenths * span + 5) // 10


def _draw(form: Form, profile: str, rng: SplitMix64) -> list[int]:
    lo, hi = form.scale.min, form.scale.max
    if profile == "random":
        return [rng.between(lo, hi) for _ in form.items]
    if profile == "acquiescent":
        # Agrees with every statement as worded: top or next-to-top raw answer everywhere.
        return [hi - rng.weighted((1, 2)) for _ in form.items]
    shift = rng.weighted((1, 2, 1)) - 1  # the whole person sits a little higher or lower
    levels = {name: _level(form, t) + shift for name, t in _LEVELS[profile].items()}
    answers = []
    for item in form.items:
        keyed = min(hi, max(lo, levels[item.subscale] + rng.weighted(_NOISE) - 2))
        answers.append(form.keyed(item.number, keyed))  # keying is its own inverse
    return answers


def _shows_profile(form: Form, profile: str, result: Result) -> bool:
    """Whether a draw shows its profile's pattern clearly (thresholds in 1–7-scale points)."""
    span = form.scale.max - form.scale.min
    means = {name: result.subscales[name].mean for name in SUBSCALES}
    point = span / 6  # one point on the 1–7 scale, rescaled

    def at_least(value: float | None, fraction: float) -> bool:
        return value is not None and value >= form.scale.min + fraction * span

    if profile == "strong":
        return all(at_least(means[name], 0.75) for name in SUBSCALES)
    if profile == "weak-bond":
        return all(means[name] - means["bond"] >= 1.5 * point for name in ("goal", "task"))  # type: ignore[operator]
    if profile == "goal-disagreement":
        return all(means[name] - means["goal"] >= 1.5 * point for name in ("task", "bond"))  # type: ignore[operator]
    return True


def generate(form_id: str, seed: int, profile: str = "random") -> Case:
    """A reproducible case: the same form, seed and profile give the same case on every runtime."""
    form = _check_args(form_id, seed, profile)
    rng = SplitMix64(seed ^ stable_hash(f"{form.id}/{profile}"))
    view = form.respondent  # "patient" or "therapist"
    vignettes = _vignettes()
    setting = rng.choice(vignettes["settings"])[view]
    story = rng.choice(vignettes["stories"][profile])[view]
    for _ in range(_MAX_DRAWS):
        responses = tuple(_draw(form, profile, rng))
        result = score(form, responses)
        if _shows_profile(form, profile, result):
            break
    else:  # pragma: no cover - the thresholds leave a wide margin
        raise ScorerError(f"could not generate a clear {profile} case for {form.id} with seed {seed}")
    return Case(form.id, seed, profile, f"{setting} {story}", responses, result)
