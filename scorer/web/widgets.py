"""Worker functions of the score, case and compare widgets (JSON in, JSON out; HTML from ``scorer.html``).

The page only moves data: it sends what the DOM holds and puts the returned HTML into the page.
Every decision, every number and every piece of HTML is made in Python, with the same markup
producers the build uses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..core.compare import compare as compare_results
from ..core.errors import ScorerError
from ..core.forms import Form, get_form
from ..core.scoring import score as score_responses
from ..html.feedback import case_card_html, compare_html, feedback_html, result_html, solution_html
from ..text.notes import teaching_notes
from .inputs import answer_of, answers_of, form_of, profile_of, responses_from_web, seed_of

if TYPE_CHECKING:
    from ..core.cases import Case

__all__ = ["check_case", "compare", "new_case", "parse_row", "score", "solution"]

_SEPARATORS = re.compile(r"[,;\s]+")


def score(form_id: str, responses: Any) -> dict[str, Any]:
    """Score one form filled in on the page: the result, its table, its steps and its profile chart."""
    form = form_of(form_id)
    values = responses_from_web(form, responses)
    if all(v is None for v in values):
        raise ScorerError(f"{form.short_name} ({form.id}): no answers yet; choose an answer for each item")
    result = score_responses(form, values)
    return {"result": result.to_dict(), "html": result_html(result, f"wai-profile-{form.id}")}


def parse_row(form_id: str, text: Any) -> dict[str, Any]:
    """A pasted row (commas, semicolons, spaces or tabs between the numbers) as answers in item order."""
    form = form_of(form_id)
    if not isinstance(text, str) or not text.strip():
        raise ScorerError(f"paste {form.n_items} numbers separated by commas, spaces or tabs")
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t != ""]
    if len(tokens) != form.n_items:
        raise ScorerError(
            f"{form.short_name} ({form.id}) has {form.n_items} items, but {len(tokens)} numbers were "
            f"pasted; paste one row with one number per item (NA or . for an unanswered item)"
        )
    return {"form": form.id, "responses": [answer_of(form, i, t) for i, t in enumerate(tokens, start=1)]}


def _case(form_id: Any, seed: Any, profile: Any) -> Case:
    # Imported here, not above: the score page's first call should not load case generation.
    from ..core.cases import generate

    return generate(form_of(form_id).id, seed_of(seed), profile_of(profile))


def new_case(form_id: str, seed: Any, profile: str = "random") -> dict[str, Any]:
    """A practice case without its answer key: vignette, profile and the completed response sheet."""
    case = _case(form_id, seed, profile)
    data = case.to_dict()
    data.pop("result")
    return {"case": data, "html": case_card_html(case, get_form(case.form_id))}


def check_case(form_id: str, seed: Any, profile: str, answers: Any) -> dict[str, Any]:
    """Check a student's sums and means against the case's key; the feedback names the likely mistake."""
    from ..core.check import check  # the self-check, loaded on the practice page's first check

    case = _case(form_id, seed, profile)
    result = check(case.form_id, list(case.responses), answers_of(answers))
    data = result.to_dict()
    return {"check": data, "html": feedback_html(data, answers)}


def solution(form_id: str, seed: Any, profile: str = "random") -> dict[str, Any]:
    """The worked solution: the scorer's steps, then the table of the correct sums and means."""
    case = _case(form_id, seed, profile)
    return {"result": case.result.to_dict(), "html": solution_html(case)}


def _metric_scale(data: Mapping[str, Any], patient: Form) -> dict[str, int]:
    """The scale the means are on: 1–7 after rescaling, else the forms' shared scale."""
    if data.get("rescaled"):
        return {"min": 1, "max": 7}
    return {"min": patient.scale.min, "max": patient.scale.max}


def compare(
    patient_form: str, patient_responses: Any, therapist_form: str, therapist_responses: Any
) -> dict[str, Any]:
    """Score both sides and compare them: the comparison, its chart, both tables and teaching notes."""
    p_form, t_form = form_of(patient_form), form_of(therapist_form)
    p_result = score_responses(p_form, responses_from_web(p_form, patient_responses))
    t_result = score_responses(t_form, responses_from_web(t_form, therapist_responses))
    data = compare_results(p_result, t_result).to_dict()
    notes = teaching_notes(data, p_form, t_form)
    html = compare_html(data, _metric_scale(data, p_form), p_result, t_result, p_form, t_form, notes)
    return {"comparison": data, "html": html}
