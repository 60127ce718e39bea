"""The static HTML of the score, case and compare widgets (the ``wai-widget`` fence).

Everything a student fills in is real HTML rendered at build time from the instrument data, so the
forms work before Python has started in the browser; ``docs/js/widgets.js`` then wires them to
``scorer.web`` in a worker. The HTML follows the contract in ARCHITECTURE.md. The fence body is
parsed and checked by the build; these functions get clean values.
"""

from __future__ import annotations

from ..core.answers import ANSWER_KEYS, ANSWER_LABELS
from ..core.cases import PROFILES, generate
from ..core.forms import Form, forms
from .feedback import case_card_html
from .handin import handin_html
from .widget_kit import button, esc, form_label, form_panel, select

__all__ = ["PROFILE_LABELS", "case_widget_html", "compare_widget_html", "score_widget_html"]


PROFILE_LABELS = {
    "random": "No particular pattern",
    "strong": "Strong alliance",
    "weak-bond": "Weak bond",
    "goal-disagreement": "Disagreement about goals",
    "acquiescent": "Agrees with every statement",
}


def _panels(uid: str, offered: list[Form], selected: Form) -> str:
    return "".join(form_panel(uid, form, form.id != selected.id) for form in offered)


def _open(uid: str, kind: str, form: Form, extra: str = "") -> str:
    return (
        f'<div class="wai-widget wai-widget-{kind}" id="{esc(uid)}" data-widget="{kind}" '
        f'data-form="{esc(form.id)}" data-state="loading"{extra}>'
        '<p class="wai-status" role="status">Loading the scorer… You can start answering now; '
        "the buttons that need it switch on when it is ready.</p>"
        '<p class="wai-notice" role="alert" hidden></p>'
        '<noscript><p class="wai-noscript">The scorer needs JavaScript. You can still print the '
        "form and score it by hand with the scoring guide.</p></noscript>"
    )


_CLOSE_FEEDBACK = '<p class="wai-error" role="alert" hidden></p>'


def _results_end(action: str, label: str) -> str:
    """The end of the score and compare widgets: the main action, clear, export and print, the
    error line and the results region."""
    return (
        '<div class="wai-actions wai-no-print">'
        + button(action, label, primary=True)
        + button("clear", "Clear", python=False)
        + button("export-csv", "Export CSV")
        + button("export-json", "Export JSON")
        + button("print", "Print", python=False)
        + "</div>"
        + _CLOSE_FEEDBACK
        + '<div class="wai-results" aria-live="polite"></div></div>'
    )


def score_widget_html(uid: str, selected: Form, offered: list[Form]) -> str:
    """The score widget: a form selector, paste box, one panel per offered form, actions and results."""
    options = [(f.id, form_label(f)) for f in offered]
    return (
        _open(uid, "score", selected)
        + '<div class="wai-toolbar wai-no-print">'
        + select(f"{uid}-form", "Questionnaire", "form-select", options, selected.id)
        + "</div>"
        + f'<details class="wai-paste wai-no-print"><summary>Paste a row of numbers</summary>'
        f'<label for="{uid}-paste">Answers in item order, separated by commas, spaces or tabs '
        "(NA for an unanswered item)</label>"
        f'<textarea id="{uid}-paste" data-role="paste" rows="2" spellcheck="false" autocomplete="off">'
        "</textarea>" + button("paste", "Fill the form") + "</details>"
        + f'<div class="wai-forms">{_panels(uid, offered, selected)}</div>'
        + _results_end("score", "Score")
    )


def case_widget_html(uid: str, form: Form, seed: int, profile: str) -> str:
    """The case widget: form, pattern and case number controls, the case card and eight answer inputs.

    A hand-in follows it, shown only when the page was opened from an assignment link.
    """
    case_html = case_card_html(generate(form.id, seed, profile), form)
    answers = "".join(
        f'<span class="wai-answer"><label for="{uid}-{key}">{esc(ANSWER_LABELS[key])}</label>'
        f'<input id="{uid}-{key}" name="{key}" type="text" inputmode="decimal" autocomplete="off" '
        f'spellcheck="false" size="8" data-answer="{key}"></span>'
        for key in ANSWER_KEYS
    )
    return (
        _open(uid, "case", form, f' data-seed="{seed}" data-profile="{esc(profile)}"')
        + '<div class="wai-toolbar wai-no-print">'
        + select(f"{uid}-form", "Questionnaire", "form-select",
                  [(f.id, form_label(f)) for f in forms()], form.id)
        + select(f"{uid}-profile", "Pattern", "profile-select",
                  [(p, PROFILE_LABELS.get(p, p)) for p in PROFILES], profile)
        + f'<span class="wai-control"><label for="{uid}-seed">Case number</label>'
        f'<input id="{uid}-seed" type="number" min="0" step="1" inputmode="numeric" data-role="seed" '
        f'value="{seed}"></span>'
        + button("new-case", "New case")
        + "</div>"
        + f'<div class="wai-case">{case_html}</div>'
        + '<fieldset class="wai-answers"><legend>Your answers: sums and item means '
        "(means to two decimals)</legend>"
        + f'<div class="wai-answer-grid">{answers}</div></fieldset>'
        + '<div class="wai-actions wai-no-print">'
        + button("check", "Check answers", primary=True)
        + button("solution", "Show solution")
        + button("clear", "Clear", python=False)
        + button("print", "Print", python=False)
        + "</div>"
        + _CLOSE_FEEDBACK
        + '<div class="wai-feedback" aria-live="polite"></div>'
        + '<div class="wai-solution" hidden></div></div>'
        + handin_html(f"{uid}-handin", uid, assigned_only=True)
    )


def compare_widget_html(uid: str, patient: Form, therapist: Form) -> str:
    """The compare widget: one side per respondent with its form panels, then the shared actions."""
    sides = []
    for side, title, selected in (("patient", "Patient", patient), ("therapist", "Therapist", therapist)):
        offered = [f for f in forms() if f.respondent == side]
        sides.append(
            f'<section class="wai-compare-side" data-side="{side}" aria-labelledby="{uid}-{side}-title">'
            f'<h2 id="{uid}-{side}-title" class="wai-side-title">{title}</h2>'
            + '<div class="wai-toolbar wai-no-print">'
            + select(f"{uid}-{side}-form", f"{title}'s questionnaire", "form-select",
                      [(f.id, form_label(f)) for f in offered], selected.id)
            + "</div>"
            + _panels(f"{uid}-{side}", offered, selected)
            + "</section>"
        )
    return (
        _open(uid, "compare", patient, f' data-therapist-form="{esc(therapist.id)}"')
        + f'<div class="wai-compare-grid">{"".join(sides)}</div>'
        + _results_end("compare", "Compare")
    )
