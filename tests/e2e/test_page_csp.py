"""The Content-Security-Policy: on every built page, enforced, and Pyodide still works under it.

(The unit tests of the CSP step are tests/sitebuild/test_csp_step.py.)
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from expect import assert_table_matches, expected_rows, random_responses
from pages import WidgetPage
from trust_helpers import CSP_RECORDER_JS, csp_violations, site_paths

WIDGET_PAGES = [
    "practice/score/?form=wai-s",
    "practice/cases/",
    "practice/compare/",
    "practice/self-assessment/",
    "exercises/clear-cut/",
    "educators/",
    "educators/assign/",
]
REQUIRED = {
    "default-src": {"'self'"},
    "script-src": {"'self'", "'wasm-unsafe-eval'"},
    "worker-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
}
FORBIDDEN = ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:")


class _Head(HTMLParser):
    """The CSP meta (and where it sits) plus every executable inline script of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[tuple[int, str]] = []
        self.first_element_seen: list[str] = []
        self.inline: list[str] = []
        self._in_script = False
        self._body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.first_element_seen.append(tag)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append((len(self.first_element_seen), a.get("content") or ""))
        if tag == "script" and "src" not in a and (a.get("type") or "") in ("", "module", "text/javascript"):
            self._in_script, self._body = True, []

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            self._in_script = False
            self.inline.append("".join(self._body))


def parse_policy(text: str) -> dict[str, list[str]]:
    out = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def html_files(site: Path) -> list[Path]:
    files = [site / (p + "index.html" if not p.endswith(".html") else p) for p in site_paths(site)]
    return [f for f in files if f.is_file()]


def test_every_page_carries_a_strict_policy_that_hashes_its_inline_scripts(e2e_site: Path) -> None:
    problems = []
    files = html_files(e2e_site)
    assert len(files) > 10
    for file in files:
        where = file.relative_to(e2e_site).as_posix()
        head = _Head()
        head.feed(file.read_text(encoding="utf-8"))
        if len(head.policies) != 1:
            problems.append(f"{where}: {len(head.policies)} CSP meta elements")
            continue
        position, text = head.policies[0]
        # Before any script or stylesheet: html, head, [meta charset], then the policy.
        if position > 4 or {"script", "link", "style"} & set(head.first_element_seen[:position]):
            problems.append(f"{where}: the CSP meta comes after {head.first_element_seen[:position]}")
        policy = parse_policy(text)
        for directive, needed in REQUIRED.items():
            if not needed <= set(policy.get(directive, [])):
                problems.append(f"{where}: {directive} is {policy.get(directive)}, needs {sorted(needed)}")
        for directive, values in policy.items():
            bad = [v for v in values if v in FORBIDDEN]
            if bad:
                problems.append(f"{where}: {directive} allows {bad}")
        for body in head.inline:
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            if f"'sha256-{digest}'" not in policy.get("script-src", []):
                problems.append(f"{where}: inline script not allowed by hash: {body[:60]!r}")
    assert not problems, "\n".join(problems)


@pytest.fixture
def csp_context(browser: Any, recorder: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.add_init_script(CSP_RECORDER_JS)
    recorder.attach(context)
    try:
        yield context
    finally:
        context.close()


def csp_console(recorder: Any) -> list[str]:
    return [m for m in recorder.console_errors if re.search(r"Content[- ]Security[- ]Policy", m, re.I)]


@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_widget_page_starts_without_a_violation(csp_context: Any, recorder: Any, site_url: str,
                                                path: str) -> None:
    page = csp_context.new_page()
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if "Content Security Policy" in m.text else None)
    widget_page = WidgetPage(page, site_url).open(path)
    assert set(widget_page.states()) == {"ready"}
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []
    assert csp_console(recorder) == [] and warnings == []
    recorder.assert_clean()


def test_pyodide_scores_under_the_policy(csp_context: Any, recorder: Any, site_url: str) -> None:
    page = csp_context.new_page()
    widget_page = WidgetPage(page, site_url).open("practice/score/?form=wai")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-eval'" not in policy and "'wasm-unsafe-eval'" in policy
    responses = random_responses("wai", seed=61)
    widget_page.fill(responses)
    assert_table_matches(widget_page.score(), expected_rows("wai", responses))
    assert csp_violations(page) == []
    assert csp_console(recorder) == []
    recorder.assert_clean()


def test_the_policy_is_enforced_and_the_recorder_sees_it(csp_context: Any, site_url: str) -> None:
    """An injected inline script must not run; the violation is what the tests above listen for."""
    page = csp_context.new_page()
    page.goto(site_url + "evidence/")
    ran = page.evaluate("""() => {
        window.__ran = false;
        const s = document.createElement('script');
        s.textContent = 'window.__ran = true';
        document.head.append(s);
        const st = document.createElement('style');
        st.textContent = 'body { display: none }';
        document.head.append(st);
        return window.__ran;
    }""")
    assert ran is False
    page.wait_for_function("() => window.__cspViolations.length >= 2")
    directives = {v["directive"] for v in csp_violations(page)}
    assert {"script-src-elem", "style-src-elem"} <= directives, directives
    assert page.locator("body").is_visible()


def test_results_with_charts_cause_no_violation(csp_context: Any, recorder: Any, site_url: str) -> None:
    """Results are HTML (and SVG charts) made in Python and put into the page: no inline style or
    script may come with them."""
    page = csp_context.new_page()
    WidgetPage(page, site_url).open("practice/compare/?patient=wai-s&therapist=wai-t")
    for side, form_id in (("patient", "wai-s"), ("therapist", "wai-t")):
        scope = page.locator(f'.wai-compare-side[data-side="{side}"] '
                             f'.wai-form-panel[data-form-id="{form_id}"]')
        for number, value in enumerate(random_responses(form_id, seed=77), start=1):
            scope.locator(f'fieldset[data-item="{number}"] input[value="{value}"]').check()
    page.get_by_role("button", name="Compare").click()
    page.locator(".wai-results table").first.wait_for()
    assert page.locator(".wai-results svg").count() >= 1, "the comparison drew no chart"
    assert csp_violations(page) == []

    page.goto(site_url + "practice/self-assessment/")
    WidgetPage(page, site_url).wait_settled()
    therapist = page.locator('.wai-form-panel[data-form-id="wai-t"]')
    for i in range(2):  # two saved sessions draw a trend chart
        for number, value in enumerate(random_responses("wai-t", seed=78 + i), start=1):
            therapist.locator(f'fieldset[data-item="{number}"] input[value="{value}"]').check()
        page.get_by_role("button", name="Score", exact=True).click()
        page.locator(".wai-results table").first.wait_for()
        page.get_by_role("button", name="Save to history").click()
        page.locator(f'.wai-widget[data-entries="{i + 1}"]').wait_for()
    assert csp_violations(page) == []
    assert csp_console(recorder) == []
    recorder.assert_clean()
