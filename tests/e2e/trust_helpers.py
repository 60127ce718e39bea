"""Shared pieces of the trust tests (issue 6): site pages, axe-core, CSP violation recording.

- ``site_paths``: every built page (each ``index.html`` plus ``404.html``) as a URL path;
- ``run_axe``: inject axe-core into a page and return its serious/critical violations;
- ``CSP_RECORDER_JS``: an init script that records ``securitypolicyviolation`` events on
  ``window.__cspViolations`` (init scripts are not subject to the page's CSP);
- ``set_palette``: Material's light (``default``) or dark (``slate``) scheme before a page loads.

Ports: ``WAI_E2E_PORTS=8600-8700`` moves every server of the session into that range (for running
these tests next to other suites on one machine); without it the harness default applies.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import harness


def ensure_port_range() -> None:
    """Apply ``WAI_E2E_PORTS=LOW-HIGH`` (if set) to every server the session starts."""
    if os.environ.get("WAI_E2E_PORTS"):
        low, high = (int(part) for part in os.environ["WAI_E2E_PORTS"].split("-"))
        harness.PORTS = range(low, high)


ensure_port_range()

AXE = harness.REPO / "node_modules" / "axe-core" / "axe.min.js"
#: Only these impacts fail the audit (issue 6: "zero serious or critical violations").
FAILING_IMPACTS = ("serious", "critical")
PALETTES = ("default", "slate")

CSP_RECORDER_JS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample});
});
"""


def site_paths(site: Path) -> list[str]:
    """URL paths of every built page, '' for the home page; 404.html included."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith(("pyodide", "wheels", "assets")):
            continue
        paths.append("" if rel == "." else rel + "/")
    if (site / "404.html").is_file():
        paths.append("404.html")
    return paths


def axe_source() -> str:
    if not AXE.is_file():
        raise FileNotFoundError(f"{AXE} missing: run `npm ci` (axe-core is a pinned dev dependency)")
    return AXE.read_text(encoding="utf-8")


def run_axe(page: Any, *, context: str | None = None) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now.

    The page's CSP forbids inline scripts, so axe is evaluated through the DevTools protocol
    (``page.evaluate``), which the CSP does not govern, instead of a ``<script>`` tag.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """async (ctx) => {
          const r = await axe.run(ctx ? document.querySelector(ctx) : document,
                                  {resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
        }""",
        context,
    )
    return [v for v in result if v["impact"] in FAILING_IMPACTS]


def describe(violations_by_page: dict[str, list[dict[str, Any]]]) -> str:
    """Rule id, impact, targets and the failure summary per page, for the assertion message."""
    lines = []
    for where, violations in violations_by_page.items():
        for v in violations:
            lines.append(f"{where}: [{v['impact']}] {v['id']} ({v['help']})")
            for node in v["nodes"][:8]:
                summary = " ".join((node["summary"] or "").split())[:300]
                lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def set_palette(context: Any, scheme: str) -> None:
    """Material keeps the chosen palette in localStorage `__palette` (key prefixed with the
    site's path, scope ``/``); an init script puts it there before the page's scripts run."""
    assert scheme in PALETTES
    index = PALETTES.index(scheme)
    value = json.dumps({"index": index, "color": {"media": "", "scheme": scheme,
                                                  "primary": "teal", "accent": "indigo"}})
    stored = json.dumps(value)
    context.add_init_script(
        f"try {{ for (const k of ['/.__palette', '__palette']) localStorage.setItem(k, {stored}); }}"
        " catch (e) {}"
    )


def csp_violations(page: Any) -> list[dict[str, Any]]:
    return page.evaluate("() => window.__cspViolations || []")
