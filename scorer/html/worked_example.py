"""A worked example (the ``wai-example`` fence): the answers, the scorer's own steps and its results."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.forms import Form
from ..core.scoring import Result
from . import render
from .markup import escape

__all__ = ["example_html"]


def example_html(form: Form, responses: Sequence[int | None], result: Result, vignette: str = "") -> str:
    """The example's markup; ``vignette`` (plain text) is shown first when the example is a case."""
    story = f'<p class="wai-vignette">{escape(vignette)}</p>' if vignette else ""
    encoded = ",".join("-" if v is None else str(v) for v in responses)
    html = (
        f'<div class="wai-example-data" data-responses="{encoded}" '
        f'data-max-missing="{result.max_missing}">{story}'
        f"{render.responses_html(form, responses)}"
        f'<p class="wai-example-heading"><strong>The scorer\'s steps</strong></p>'
        f"{render.steps_html(result)}"
        f"{render.results_table_html(result, caption=f'Worked example: {form.short_name} scores')}</div>"
    )
    return html
