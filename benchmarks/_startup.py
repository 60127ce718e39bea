"""Measuring one page load in Chromium: ready time, start-up phases, imports, long tasks, bytes.

Helper of ``benchmarks/browser.py`` (a leading underscore keeps ``make bench`` from running it).
The scorer's worker posts its phase times; ``docs/js/scorer-client.js`` turns them into User Timing
marks ``wai-scorer:<phase>`` on the page's clock, which is what is read here. The bare Pyodide page
(written into the temporary copy of the site, never shipped) marks the same runtime phases as
``bare:<phase>``, so both are measured the same way.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIMEOUT_MS = 180_000
BARE_PAGE = "__bench_bare__/"

# Runs before any page script: long tasks; the moment every widget (or the bare page's <html>)
# reaches data-state="ready" (or "error"); the load event; all in ms since navigation start.
PROBE_JS = """(() => {
  const b = window.__bench = {longtasks: [], readyAt: null, errorAt: null, error: null, loadAt: null,
                              loadWall: null};
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) { b.error = 'no longtask observer: ' + e; }
  window.addEventListener('load', () => { b.loadAt = performance.now(); b.loadWall = Date.now(); });
  const check = () => {
    if (b.readyAt === null && document.querySelector('[data-state=ready]')
        && !document.querySelector('[data-state=loading]')) b.readyAt = performance.now();
    if (b.errorAt === null && document.querySelector('[data-state=error]')) {
      b.errorAt = performance.now();
      const s = document.querySelector('.wai-status, #status');
      b.error = s ? s.textContent : 'error';
    }
  };
  new MutationObserver(check).observe(document,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['data-state']});
})();"""

MARKS_JS = """prefix => performance.getEntriesByType('mark').filter(m => m.name.startsWith(prefix))
  .map(m => [m.name.slice(prefix.length), m.startTime, m.detail])"""

BARE_HTML = """<!doctype html>
<html lang="en" data-state="loading"><head><meta charset="utf-8"><title>Bare Pyodide boot</title></head>
<body><p id="status">Booting Pyodide in a worker...</p>
<script type="module">
const worker = new Worker(new URL("./worker.js", import.meta.url), {type: "module"});
worker.onmessage = (event) => {
  const {type, origin, marks} = event.data;
  for (const [phase, at] of Object.entries(marks || {})) {
    performance.mark("bare:" + phase, {startTime: at + origin - performance.timeOrigin});
  }
  document.getElementById("status").textContent = JSON.stringify(event.data);
  document.documentElement.dataset.state = type === "ready" ? "ready" : "error";
};
</script></body></html>
"""
BARE_WORKER = """const marks = {start: performance.now()};
const PYODIDE = new URL("../pyodide/", import.meta.url);
try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE).href);
  marks.loader = performance.now();
  const fsInit = async () => { marks.instantiated = performance.now(); };
  await loadPyodide({ indexURL: PYODIDE.href, fsInit });
  marks.booted = marks.ready = performance.now();
  const wasm = performance.getEntriesByName(new URL("pyodide.asm.wasm", PYODIDE).href, "resource").at(-1);
  if (wasm) marks.wasm_fetched = wasm.responseEnd;
  postMessage({ type: "ready", origin: performance.timeOrigin, marks });
} catch (err) {
  postMessage({ type: "error", error: String(err) });
}
"""


def write_bare_page(site: Path) -> None:
    bare = site / BARE_PAGE
    bare.mkdir()
    (bare / "index.html").write_text(BARE_HTML, encoding="utf-8")
    (bare / "worker.js").write_text(BARE_WORKER, encoding="utf-8")


@dataclass
class Load:
    ready_ms: float | None
    longtask_total_ms: float
    longtask_max_ms: float
    phases: dict[str, float] = field(default_factory=dict)  # phase -> ms since navigation
    imports: dict[str, Any] | None = None  # {entry, ms, modules} from the worker's ready message
    error: str | None = None
    load_wall: float | None = None  # Date.now() of the load event, ms


def measure_load(page: Any, url: str, *, reading: bool = False) -> Load:
    """Load ``url`` and wait for ready (a widget or the bare page) or, for a reading page, load."""
    page.goto(url)
    done = "b.loadAt !== null" if reading else "(b.readyAt !== null || b.errorAt !== null)"
    page.wait_for_function(f"() => {{ const b = window.__bench; return b && {done}; }}", timeout=TIMEOUT_MS)
    if reading:
        page.wait_for_timeout(1000)  # the theme's and the service worker's work right after load
    else:
        with contextlib.suppress(Exception):  # the warm-up call's mark comes right after ready
            page.wait_for_function(
                "() => performance.getEntriesByName('wai-scorer:first_call').length > 0"
                " || performance.getEntriesByName('bare:ready').length > 0"
                " || window.__bench.errorAt !== null", timeout=15_000)
    b = page.evaluate("() => window.__bench")
    if reading:
        ready, error = b["loadAt"], None
    else:
        ready = b["readyAt"] if b["errorAt"] is None else None
        error = b["error"] if ready is None else None
    until = ready if ready is not None else (b["errorAt"] or b["loadAt"] or 0)
    if reading:
        until += 1000
    tasks = [d for start, d in b["longtasks"] if start < until]
    phases: dict[str, float] = {}
    imports = None
    for prefix in ("wai-scorer:", "bare:"):
        for name, at, detail in page.evaluate(MARKS_JS, prefix):
            phases[name] = at
            if name == "ready" and detail:
                imports = detail
    return Load(ready, sum(tasks), max(tasks, default=0.0), phases, imports, error, b["loadWall"])


def server_log(log: Path, start: int = 0) -> list[dict[str, Any]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()[start:]]


def byte_counts(entries: list[dict[str, Any]]) -> dict[str, int]:
    return {
        "requests": len(entries),
        "total": sum(e["bytes"] for e in entries),
        "pyodide": sum(e["bytes"] for e in entries if e["path"].startswith(("/pyodide/", "/wheels/"))),
    }


# Start-up phases as durations (ms) from the marks, named as in issue 13. The worker starts the
# wheel's download and Pyodide's own fetches together, so "wheel fetch" runs alongside the runtime.
PHASES: tuple[tuple[str, str, str], ...] = (
    ("worker started (from navigation)", "", "start"),
    ("runtime download (wasm, others alongside)", "start", "wasm_fetched"),
    ("runtime instantiate (compile)", "wasm_fetched", "instantiated"),
    ("stdlib ready (Python boots)", "instantiated", "booted"),
    ("wheel fetch (in parallel)", "start", "wheel_fetched"),
    ("unpack", "booted", "unpacked"),
    ("import", "unpacked", "imported"),
    ("ready message to the page", "imported", "ready"),
    ("first call (warm-up score)", "ready", "first_call"),
)


def phase_durations(phases: dict[str, float], ready_ms: float | None) -> dict[str, float]:
    out: dict[str, float] = {}
    for label, begin, end in PHASES:
        if end in phases and (begin == "" or begin in phases):
            out[label] = phases[end] - (phases[begin] if begin else 0.0)
    if ready_ms is not None and "ready" in phases:
        out["worker ready -> widgets ready"] = ready_ms - phases["ready"]
    return out
