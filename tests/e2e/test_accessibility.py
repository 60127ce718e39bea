"""axe-core on every built page and on each widget while loading, answered and failed, in both palettes.

Zero serious or critical violations (issue 6). Colour contrast depends on the palette, so every
audit runs in Material's light (``default``) and dark (``slate``) scheme. A failure lists the rule
id, the page and the elements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from expect import random_responses
from pages import WidgetPage
from trust_helpers import PALETTES, describe, run_axe, set_palette, site_paths

LOADING = '.wai-widget[data-state="loading"]'


@pytest.fixture(params=PALETTES)
def palette(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def axe_context(browser: Any, palette: str) -> Iterator[Any]:
    # Service workers off: they would answer requests before the routes below could hold them.
    context = browser.new_context(service_workers="block")
    set_palette(context, palette)
    try:
        yield context
    finally:
        context.close()


def assert_scheme(page: Any, palette: str) -> None:
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == palette


def test_every_built_page(axe_context: Any, palette: str, e2e_site: Path, site_url: str) -> None:
    paths = site_paths(e2e_site)
    assert len(paths) > 10, paths
    page = axe_context.new_page()
    widget_page = WidgetPage(page, site_url)
    found: dict[str, list[dict[str, Any]]] = {}
    for path in paths:
        page.goto(site_url + path)
        if page.locator(".wai-widget").count():
            widget_page.wait_settled()
        assert_scheme(page, palette)
        violations = run_axe(page)
        if violations:
            found[f"/{path} ({palette})"] = violations
    summary = f"axe: serious/critical violations on {len(found)} of {len(paths)} pages\n"
    assert not found, summary + describe(found)


# --- each widget in its three states ----------------------------------------------------------


def answer_score(wp: WidgetPage) -> None:
    wp.fill(random_responses("wai", seed=3))
    wp.score()


def answer_case(wp: WidgetPage) -> None:
    root = wp.widget()
    root.locator(".wai-case *").first.wait_for()
    for name in ("goal_sum", "task_sum", "bond_sum", "total_sum"):
        root.locator(f'input[data-answer="{name}"]').fill("40")
    root.get_by_role("button", name="Check answers").click()
    root.locator(".wai-feedback li").first.wait_for()
    root.get_by_role("button", name="Show solution").click()
    root.locator(".wai-solution table").first.wait_for()


def answer_compare(wp: WidgetPage) -> None:
    root = wp.widget()
    for side in ("patient", "therapist"):
        scope = root.locator(f'.wai-compare-side[data-side="{side}"] .wai-form-panel:not([hidden])')
        form_id = scope.get_attribute("data-form-id")
        for number, value in enumerate(random_responses(form_id, seed=5), start=1):
            scope.locator(f'fieldset[data-item="{number}"] input[value="{value}"]').check()
    root.get_by_role("button", name="Compare").click()
    root.locator(".wai-results table").first.wait_for()


def answer_exercise(wp: WidgetPage) -> None:
    root = wp.widget()
    for field in root.locator("input[data-key]").all():
        field.fill("1")
    root.locator('[data-action="check"]').click()
    root.locator(".wai-results > *").first.wait_for()
    # Refused before the last attempt (aria-disabled, still focusable): an inline error.
    root.locator('[data-action="solution"]').press("Enter")
    root.locator(".wai-error:not([hidden])").wait_for()


def answer_assign(wp: WidgetPage) -> None:
    root = wp.widget()
    root.locator('[name="key"]').fill("pt101-week3")
    root.locator('[name="students"]').fill("Ana\nBen")
    root.locator('[data-action="assign"]').click()
    root.locator(".wai-results > *").first.wait_for()


def answer_self_assessment(wp: WidgetPage) -> None:
    root = wp.widget()
    root.locator('input[data-role="patient-label"]').fill("knee 3")
    therapist = root.locator('.wai-form-panel[data-form-id="wai-t"]')
    for number, value in enumerate(random_responses("wai-t", seed=8), start=1):
        therapist.locator(f'fieldset[data-item="{number}"] input[value="{value}"]').check()
    root.get_by_role("button", name="Score", exact=True).click()
    root.locator(".wai-results table").first.wait_for()
    root.get_by_role("button", name="Save to history").click()
    root.locator(".wai-history table").first.wait_for()


WIDGETS: dict[str, tuple[str, Callable[[WidgetPage], None]]] = {
    "score": ("practice/score/?form=wai", answer_score),
    "case": ("practice/cases/", answer_case),
    "compare": ("practice/compare/", answer_compare),
    "exercise": ("exercises/clear-cut/", answer_exercise),
    "assign": ("educators/assign/", answer_assign),
    "self-assessment": ("practice/self-assessment/", answer_self_assessment),
}


def audit(page: Any, label: str, palette: str) -> dict[str, list[dict[str, Any]]]:
    assert_scheme(page, palette)
    violations = run_axe(page)
    return {f"{label} ({palette})": violations} if violations else {}


@pytest.mark.parametrize("kind", list(WIDGETS))
def test_widget_while_loading(axe_context: Any, palette: str, site_url: str, kind: str) -> None:
    held: list[Any] = []
    # Hold the runtime's download: the widget stays in its loading state for the audit.
    axe_context.route("**/pyodide/**", lambda route: held.append(route))
    page = axe_context.new_page()
    path, _ = WIDGETS[kind]
    page.goto(site_url + path)
    page.locator(LOADING).first.wait_for()
    for _ in range(150):  # the worker asks for the runtime (and is held) within a few seconds
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the runtime download was never requested"
    found = audit(page, f"{kind} loading", palette)
    assert page.locator(LOADING).count() >= 1, "the widget left its loading state during the audit"
    for route in held:
        route.abort()
    assert not found, describe(found)


@pytest.mark.parametrize("kind", list(WIDGETS))
def test_widget_answered(axe_context: Any, palette: str, site_url: str, kind: str) -> None:
    page = axe_context.new_page()
    path, answer = WIDGETS[kind]
    widget_page = WidgetPage(page, site_url).open(path)
    answer(widget_page)
    found = audit(page, f"{kind} answered", palette)
    assert not found, describe(found)


@pytest.mark.parametrize("kind", list(WIDGETS))
def test_widget_failed(axe_context: Any, palette: str, site_url: str, kind: str) -> None:
    # A runtime that is not there: the widget must end in its error state, and stay accessible.
    axe_context.route("**/pyodide/pyodide.mjs", lambda route: route.fulfill(status=404, body="gone"))
    page = axe_context.new_page()
    path, _ = WIDGETS[kind]
    widget_page = WidgetPage(page, site_url).open(path, expect_ready=False)
    assert "error" in widget_page.states()
    found = audit(page, f"{kind} error", palette)
    assert not found, describe(found)


def test_score_widget_inline_error(axe_context: Any, palette: str, site_url: str) -> None:
    """A bad pasted row shows an inline error (role=alert) next to the kept answers."""
    page = axe_context.new_page()
    widget_page = WidgetPage(page, site_url).open("practice/score/?form=wai")
    widget_page.choose(1, 4)
    root = widget_page.widget()
    root.locator("details.wai-paste > summary").click()
    root.locator('textarea[data-role="paste"]').fill("1, 2, banana")
    root.locator('[data-action="paste"]').click()
    root.locator(".wai-error:not([hidden])").wait_for()
    assert widget_page.chosen(1) == 4
    found = audit(page, "score inline error", palette)
    assert not found, describe(found)

