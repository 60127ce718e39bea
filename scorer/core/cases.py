"""Reproducible teaching cases: a physical-therapy vignette and a completed form that fits it.

Each profile sets where a respondent sits on each subscale (as a keyed level). Item answers scatter
around that level with a small integer noise table, then reverse-keyed items are turned back into
raw answers, as a real respondent would give them. The acquiescent responder is the exception: they
agree with everything, negatively worded items included, which is what makes reverse-keying matter.
A draw that does not show its profile's defining pattern clearly is redrawn from the same stream,
so every case is a clean teaching example and the same seed always gives the same case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

# A respondent and setting; the first text is the patient's view, the second the therapist's.
_SETTINGS: tuple[tuple[str, str], ...] = (
    ("You are a 46-year-old warehouse worker with low back pain that has lasted five months, "
     "now in your sixth outpatient physical therapy session.",
     "Your patient is a 46-year-old warehouse worker with five months of low back pain, now in "
     "the sixth outpatient session."),
    ("You are a 62-year-old retired teacher, eight weeks after a total knee replacement.",
     "Your patient is a 62-year-old retired teacher, eight weeks after a total knee replacement."),
    ("You are a 29-year-old amateur footballer recovering from a bad ankle sprain.",
     "Your patient is a 29-year-old amateur footballer recovering from a bad ankle sprain."),
    ("You are a 54-year-old accountant with neck pain that flares up after long days at a screen.",
     "Your patient is a 54-year-old accountant whose neck pain flares up after long days at a "
     "screen."),
    ("You are a 38-year-old house painter with shoulder pain when you reach overhead.",
     "Your patient is a 38-year-old house painter with shoulder pain on overhead reaching."),
    ("You are 71 and relearning to walk after a stroke, on an inpatient rehabilitation ward.",
     "Your patient is 71 and relearning to walk after a stroke, on an inpatient rehabilitation "
     "ward."),
    ("You are a 45-year-old with multiple sclerosis, working on balance and fatigue in a "
     "neurological rehabilitation programme.",
     "Your patient is a 45-year-old with multiple sclerosis, working on balance and fatigue in a "
     "neurological rehabilitation programme."),
    ("You are a 33-year-old runner, four months after anterior cruciate ligament reconstruction.",
     "Your patient is a 33-year-old runner, four months after anterior cruciate ligament "
     "reconstruction."),
    ("You are a 67-year-old with hip osteoarthritis who hopes exercise will put off surgery.",
     "Your patient is a 67-year-old with hip osteoarthritis who hopes exercise will put off "
     "surgery."),
    ("You are a 50-year-old nurse, ten weeks after a rotator cuff repair, keen to get back to work.",
     "Your patient is a 50-year-old nurse, ten weeks after a rotator cuff repair, keen to get "
     "back to work."),
    ("You are a 58-year-old with Parkinson's disease in a community exercise group.",
     "Your patient is a 58-year-old with Parkinson's disease in a community exercise group."),
    ("You are a 41-year-old with chronic low back pain, seen by video call because you live far "
     "from the clinic.",
     "Your patient is a 41-year-old with chronic low back pain, seen by video call because they "
     "live far from the clinic."),
)

# What the relationship is like, per profile; patient's view, then therapist's view.
_STORIES: dict[str, tuple[tuple[str, str], ...]] = {
    "strong": (
        ("At the first visit you and your physical therapist set the goals together. The home "
         "exercises make sense to you, you trust your therapist, and you look forward to the "
         "sessions.",
         "At the first visit you set the goals together. The patient understands the home "
         "exercises, does them, and you enjoy working with each other."),
        ("Your therapist explained what is going on and asked what matters most to you. You agree "
         "on the plan and feel they are on your side.",
         "You explained the condition and asked what matters most to the patient. You agree on "
         "the plan and the sessions feel easy and warm."),
    ),
    "weak-bond": (
        ("You agree with the goals and follow the exercise plan, but your therapist seems rushed "
         "and distant, and you do not feel listened to.",
         "You agree on the goals and the exercise plan, but you find the patient hard to warm to, "
         "and the sessions feel tense and formal."),
        ("The plan is clear and you can see why it should help, but you have seen a different "
         "therapist almost every week and feel you hardly know any of them.",
         "The plan is clear and the patient follows it, but staffing changes mean you barely know "
         "each other and you are unsure the patient trusts you."),
    ),
    "goal-disagreement": (
        ("You like your therapist, but you want the pain taken away with hands-on treatment, "
         "while they keep steering you towards exercise and getting back to activity.",
         "You get on well, but the patient wants hands-on treatment to take the pain away, while "
         "you aim for a return to activity through graded exercise."),
        ("You get on well with your therapist, but you want to be back to your usual activities "
         "within weeks, while they talk about a slow, staged return that you do not see the "
         "point of.",
         "You get on well, but the patient wants to be back to their usual activities within "
         "weeks, while you are planning a slow, staged return, and neither of you has moved."),
    ),
    "acquiescent": (
        ("You are keen to please and filled in the questionnaire quickly, choosing one of the two "
         "highest answers on every line without reading the negatively worded statements closely.",
         "You filled in the form at the end of a long day, choosing one of the two highest answers "
         "on every line without noticing which statements were negatively worded."),
        ("You did not want to seem critical, so you agreed strongly with every statement, "
         "including the ones that say something is wrong.",
         "You rated every statement as applying strongly, including the negatively worded ones, "
         "without reading them closely."),
    ),
    "random": (
        ("You filled in the questionnaire in a hurry in the waiting room; the answers follow no "
         "clear pattern. Use this case to practise the scoring steps.",
         "You filled in the form in a hurry between patients; the answers follow no clear "
         "pattern. Use this case to practise the scoring steps."),
    ),
}


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
    view = 1 if form.respondent == "therapist" else 0
    setting = rng.choice(_SETTINGS)[view]
    story = rng.choice(_STORIES[profile])[view]
    for _ in range(_MAX_DRAWS):
        responses = tuple(_draw(form, profile, rng))
        result = score(form, responses)
        if _shows_profile(form, profile, result):
            break
    else:  # pragma: no cover - the thresholds leave a wide margin
        raise ScorerError(f"could not generate a clear {profile} case for {form.id} with seed {seed}")
    return Case(form.id, seed, profile, f"{setting} {story}", responses, result)
