"""Patient–therapist discrepancy on the item-mean metric.

The default threshold of 1.0 point on the 1–7 scale is our teaching convention, not a published
cut-off (none was found in the reference sheets). One point is one whole response step (e.g.
"Often" against "Very Often") on every item of the subscale on average, a gap large enough to be
worth talking about with the patient, and it is about a sixth of the scale's range. Forms on
different scales are first rescaled linearly to 1–7, so the threshold means the same thing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from .answers import PARTS
from .errors import ScorerError, shown
from .forms import SUBSCALES
from .numbers import mean
from .scoring import Result

_FLOAT_MAX = sys.float_info.max

__all__ = ["DEFAULT_THRESHOLD", "Comparison", "PartComparison", "compare", "rescale"]

DEFAULT_THRESHOLD = 1.0
COMMON_MIN, COMMON_MAX = 1, 7


def rescale(mean: float, lo: int, hi: int) -> float:
    """Map an item mean from the ``lo``–``hi`` scale linearly onto 1–7."""
    return COMMON_MIN + (mean - lo) * (COMMON_MAX - COMMON_MIN) / (hi - lo)


@dataclass(frozen=True)
class PartComparison:
    """One subscale (or the total); ``None`` where either side could not be scored."""

    patient_mean: float | None
    therapist_mean: float | None
    difference: float | None
    flagged: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "patient_mean": self.patient_mean,
            "therapist_mean": self.therapist_mean,
            "difference": self.difference,
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class Comparison:
    patient_form: str
    therapist_form: str
    threshold: float
    rescaled: bool
    parts: dict[str, PartComparison]

    def __hash__(self) -> int:
        return hash((self.patient_form, self.therapist_form, self.threshold))

    @property
    def flagged(self) -> tuple[str, ...]:
        return tuple(name for name in PARTS if self.parts[name].flagged)

    @property
    def summary(self) -> str:
        if not self.flagged:
            return (
                f"No subscale differs by {self.threshold:g} point or more: patient and therapist "
                f"see the alliance in much the same way."
            )
        lines = []
        for name in self.flagged:
            p = self.parts[name]
            who = "patient" if p.difference > 0 else "therapist"  # type: ignore[operator]
            gap = abs(p.difference)  # type: ignore[arg-type]
            lines.append(f"{name.capitalize()} (the {who} rates it {mean(gap)} higher)")
        return "Worth discussing: " + "; ".join(lines) + "."

    def to_dict(self) -> dict[str, Any]:
        return {
            "patient_form": self.patient_form,
            "therapist_form": self.therapist_form,
            "metric": "item mean, 1–7" if self.rescaled else "item mean",
            "rescaled": self.rescaled,
            "threshold": self.threshold,
            "subscales": {name: self.parts[name].to_dict() for name in SUBSCALES},
            "total": self.parts["total"].to_dict(),
            "flagged": list(self.flagged),
            "summary": self.summary,
        }


def compare(
    patient_result: Result, therapist_result: Result, *, threshold: float = DEFAULT_THRESHOLD
) -> Comparison:
    """Difference (patient − therapist) of the item means per subscale and total; see the module doc."""
    for label, res, role in (("patient_result", patient_result, "patient"),
                             ("therapist_result", therapist_result, "therapist")):
        if not isinstance(res, Result):
            raise ScorerError(f"{label} must be a scored Result, not {type(res).__name__}")
        if res.form.respondent != role:
            raise ScorerError(
                f"{label} is a {res.form.short_name} ({res.form.id}) result, which is a "
                f"{res.form.respondent} form; a {role} form is needed"
            )
    # A finite float: an infinite or huge threshold would overflow float() or make invalid JSON.
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) \
            or not 0 < threshold <= _FLOAT_MAX:
        raise ScorerError(f"threshold must be a positive number of points, not {shown(threshold)}")

    p_scale, t_scale = patient_result.form.scale, therapist_result.form.scale
    rescaled = (p_scale.min, p_scale.max) != (t_scale.min, t_scale.max)

    def on_metric(mean: float | None, lo: int, hi: int) -> float | None:
        if mean is None:
            return None
        if not rescaled or (lo, hi) == (COMMON_MIN, COMMON_MAX):
            return mean
        return rescale(mean, lo, hi)

    parts: dict[str, PartComparison] = {}
    for name in PARTS:
        p_part = patient_result.total if name == "total" else patient_result.subscales[name]
        t_part = therapist_result.total if name == "total" else therapist_result.subscales[name]
        pm = on_metric(p_part.mean, p_scale.min, p_scale.max)
        tm = on_metric(t_part.mean, t_scale.min, t_scale.max)
        if pm is None or tm is None:
            parts[name] = PartComparison(pm, tm, None, False)
            continue
        diff = pm - tm
        parts[name] = PartComparison(pm, tm, diff, abs(diff) >= threshold - 1e-9)
    return Comparison(patient_result.form.id, therapist_result.form.id, float(threshold), rescaled, parts)
