"""Browser benchmark for the in-page scorer (issue 4, section 7), measured in ONE run.

    python benchmarks/browser.py [--runs 5]

- cold and warm time to data-state="ready" on practice/score/ (a fresh profile per cold run; the
  warm load is a second page in the same profile), against a bare page that only boots the same
  Pyodide files in a module worker (written to the temporary copy of the site, never shipped);
  the scorer page once more with service workers blocked, to show what the offline worker costs;
- main-thread long tasks (PerformanceObserver "longtask") from navigation to ready;
- bytes the server sent for a reading page and for the scorer page (fresh profile each, service
  worker fetches included), and how many of them were Pyodide's;
- time from clicking Score to the results table appearing in the live region.

Targets: cold ready <= 1.05 x bare boot; long tasks <= 50 ms; reading pages move no Pyodide bytes;
Score -> results <= 50 ms. Prints a table with ratios and PASS/FAIL and exits 0 whatever the
verdicts (a benchmark, not a test); exits 1 only when it cannot measure at all.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "tests"))

from harness import Server, launch_persistent, require_chromium  # noqa: E402
from shared_site import shared_site  # noqa: E402

SCORE_PAGE = "practice/score/?form=wai"
READING_PAGE = "evidence/"
BARE_PAGE = "__bench_bare__/"
TIMEOUT_MS = 90_000

# Runs before any page script: long tasks, and the moment every widget (or the bare page's <html>)
# reaches data-state="ready" (or "error"), in ms since navigation start.
PROBE_JS = """(() => {
  const b = window.__bench = {longtasks: [], readyAt: null, errorAt: null, error: null};
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) { b.error = 'no longtask observer: ' + e; }
  const check = () => {
    if (b.readyAt === null && document.querySelector('[data-state=ready]')
        && !document.querySelector('[data-state=loading]')) b.readyAt = performance.now();
    if (b.errorAt === null && document.querySelector('[data-state=error]')) {
      b.errorAt = performance.now();
      const s = document.querySelector('.wai-status, #status');
      b.error = s ? s.textContent : 'error';
    }
  };
  document.addEventListener('DOMContentLoaded', () => {
    if (!document.querySelector('[data-state]') && b.errorAt === null) {
      b.errorAt = performance.now();
      b.error = 'no element with data-state on ' + location.pathname;
    }
  });
  new MutationObserver(check).observe(document,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['data-state']});
})();"""

BARE_HTML = """<!doctype html>
<html lang="en" data-state="loading"><head><meta charset="utf-8"><title>Bare Pyodide boot</title></head>
<body><p id="status">Booting Pyodide in a worker...</p>
<script type="module">
const worker = new Worker(new URL("./worker.js", import.meta.url), {type: "module"});
worker.onmessage = (event) => {
  document.getElementById("status").textContent = JSON.stringify(event.data);
  document.documentElement.dataset.state = event.data.type === "ready" ? "ready" : "error";
};
</script></body></html>
"""
BARE_WORKER = """const PYODIDE = new URL("../pyodide/", import.meta.url);
try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE).href);
  await loadPyodide({ indexURL: PYODIDE.href });
  postMessage({ type: "ready" });
} catch (err) {
  postMessage({ type: "error", error: String(err) });
}
"""

# Click Score and resolve with the ms until a new results table is in the live region.
SCORE_CLICK_JS = """root => new Promise((resolve, reject) => {
  const region = root.querySelector('.wai-results');
  const button = root.querySelector('button[data-action=score]');
  if (!region || !button) { reject(new Error('no .wai-results or Score button')); return; }
  const old = region.querySelector('table');
  let t0 = 0;
  const done = () => {
    const table = region.querySelector('table');
    if (table && table !== old) { observer.disconnect(); resolve(performance.now() - t0); }
  };
  const observer = new MutationObserver(done);
  observer.observe(region, {childList: true, subtree: true});
  setTimeout(() => { observer.disconnect(); reject(new Error('no results within 10 s')); }, 10000);
  t0 = performance.now();
  button.click();
})"""


@dataclass
class Load:
    ready_ms: float | None
    longtask_total_ms: float
    longtask_max_ms: float
    error: str | None = None


@dataclass
class Figures:
    cold: dict[str, list[Load]] = field(default_factory=lambda: {"site": [], "bare": [], "site-nosw": []})
    warm: dict[str, list[Load]] = field(default_factory=lambda: {"site": [], "bare": [], "site-nosw": []})
    bytes: dict[str, dict[str, int]] = field(default_factory=dict)
    score_ms: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def measure_load(page: Any, url: str) -> Load:
    page.goto(url)
    page.wait_for_function(
        "() => window.__bench && (window.__bench.readyAt !== null || window.__bench.errorAt !== null)",
        timeout=TIMEOUT_MS,
    )
    b = page.evaluate("() => window.__bench")
    ready = b["readyAt"] if b["errorAt"] is None else None
    until = ready if ready is not None else b["errorAt"]
    tasks = [d for start, d in b["longtasks"] if start < until]
    return Load(ready, sum(tasks), max(tasks, default=0.0), b["error"] if ready is None else None)


def cold_and_warm(playwright: Any, url: str, profiles: Path, tag: str,
                  service_workers: str = "allow") -> tuple[Load, Load]:
    profile = Path(tempfile.mkdtemp(prefix=f"{tag}-", dir=profiles))
    context = launch_persistent(playwright, profile, service_workers=service_workers)
    try:
        context.add_init_script(PROBE_JS)
        first = context.new_page()
        cold = measure_load(first, url)
        first.close()
        time.sleep(0.5)
        warm = measure_load(context.new_page(), url)
    finally:
        context.close()
    return cold, warm


def server_bytes(log: Path, start: int) -> dict[str, int]:
    lines = log.read_text(encoding="utf-8").splitlines()[start:] if log.exists() else []
    entries = [json.loads(line) for line in lines]
    return {
        "requests": len(entries),
        "total": sum(e["bytes"] for e in entries),
        "pyodide": sum(e["bytes"] for e in entries if e["path"].startswith(("/pyodide/", "/wheels/"))),
    }


def log_length(log: Path) -> int:
    return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0


def measure_bytes(playwright: Any, url: str, log: Path, profiles: Path, wait: Callable[[Any], None]) -> dict:
    context = launch_persistent(playwright, Path(tempfile.mkdtemp(prefix="bytes-", dir=profiles)))
    try:
        context.add_init_script(PROBE_JS)
        page = context.new_page()
        start = log_length(log)
        page.goto(url)
        wait(page)
        page.wait_for_load_state("networkidle")
        time.sleep(1.5)  # let a service worker finish precaching: its bytes count too
        counts = server_bytes(log, start)
        counts["longtasks_ms"] = round(page.evaluate(
            "() => window.__bench.longtasks.reduce((sum, t) => sum + t[1], 0)"))
        return counts
    finally:
        context.close()


def measure_score_clicks(playwright: Any, url: str, profiles: Path, runs: int) -> list[float]:
    import scorer  # the package under test, for a complete and valid set of answers

    form = scorer.get_form("wai")
    context = launch_persistent(playwright, Path(tempfile.mkdtemp(prefix="score-", dir=profiles)))
    try:
        context.add_init_script(PROBE_JS)
        page = context.new_page()
        load = measure_load(page, url)
        if load.ready_ms is None:
            raise RuntimeError(f"scorer page did not become ready: {load.error}")
        root = page.locator(".wai-widget").first
        for item in form.items:
            value = (item.number * 5) % (form.scale.max - form.scale.min + 1) + form.scale.min
            item_box = root.locator(f'fieldset.wai-item[data-item="{item.number}"]:visible')
            item_box.locator(f'input[value="{value}"]').check()
        page.evaluate(SCORE_CLICK_JS, root.element_handle())  # first call: warm the path, not counted
        return [page.evaluate(SCORE_CLICK_JS, root.element_handle()) for _ in range(runs)]
    finally:
        context.close()


def wait_ready(page: Any) -> None:
    page.wait_for_function("() => window.__bench && window.__bench.readyAt !== null", timeout=TIMEOUT_MS)


def wait_loaded(page: Any) -> None:
    page.wait_for_load_state("load")


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def fmt(value: float | None, unit: str = "ms") -> str:
    return "n/a" if value is None else f"{value:,.0f} {unit}" if unit else f"{value:,.0f}"


def spread(values: list[float]) -> str:
    return f"({min(values):,.0f}-{max(values):,.0f})" if values else ""


def report(fig: Figures, runs: int) -> None:
    def ready(loads: list[Load]) -> list[float]:
        return [x.ready_ms for x in loads if x.ready_ms is not None]

    rows: list[tuple[str, str, str, str, str, str]] = []
    cold_site, cold_bare = ready(fig.cold["site"]), ready(fig.cold["bare"])
    warm_site, warm_bare = ready(fig.warm["site"]), ready(fig.warm["bare"])
    cs, cb, ws, wb = median(cold_site), median(cold_bare), median(warm_site), median(warm_bare)

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("PASS" if ok else "FAIL")

    r_cold, r_warm = ratio(cs, cb), ratio(ws, wb)
    rows.append((
        "cold ready, practice/score/", f"{fmt(cs)} {spread(cold_site)}", f"{fmt(cb)} {spread(cold_bare)}",
        "n/a" if r_cold is None else f"{r_cold:.2f}x", "<= 1.05x bare",
        verdict(None if r_cold is None else r_cold <= 1.05),
    ))
    rows.append((
        "warm ready, practice/score/", f"{fmt(ws)} {spread(warm_site)}", f"{fmt(wb)} {spread(warm_bare)}",
        "n/a" if r_warm is None else f"{r_warm:.2f}x", "(info)", "",
    ))
    nosw_cold, nosw_warm = ready(fig.cold["site-nosw"]), ready(fig.warm["site-nosw"])
    r_nosw = ratio(median(nosw_warm), wb)
    rows.append((
        "  same, service worker blocked (cold / warm)",
        f"{fmt(median(nosw_cold))} / {fmt(median(nosw_warm))}", "",
        "" if r_nosw is None else f"warm {r_nosw:.2f}x bare", "(info)", "",
    ))
    lt = [x.longtask_total_ms for x in fig.cold["site"]]
    lt_bare = [x.longtask_total_ms for x in fig.cold["bare"]]
    lt_max = max((x.longtask_max_ms for x in fig.cold["site"]), default=None)
    lt_med = median(lt)
    rows.append(("main-thread long tasks to ready (cold, sum)", f"{fmt(lt_med)} {spread(lt)}",
                 f"{fmt(median(lt_bare))} {spread(lt_bare)}",
                 f"max single {fmt(lt_max)}", "<= 50 ms", verdict(None if lt_med is None else lt_med <= 50)))
    reading = fig.bytes.get("reading")
    if reading is not None:
        rows.append((f"main-thread long tasks, reading page {READING_PAGE} (reference)",
                     f"{reading['longtasks_ms']:,} ms", "", "theme + page, no Python", "(info)", ""))
    lw = [x.longtask_total_ms for x in fig.warm["site"]]
    rows.append(("main-thread long tasks to ready (warm, sum)", f"{fmt(median(lw))} {spread(lw)}", "", "",
                 "(info)", ""))
    for name, label, target in (("reading", f"bytes, reading page {READING_PAGE}", "0 Pyodide bytes"),
                                ("scorer", "bytes, scorer page (cold)", "(info)")):
        b = fig.bytes.get(name)
        if b is None:
            rows.append((label, "n/a", "", "", target, "n/a"))
            continue
        ok = b["pyodide"] == 0 if name == "reading" else None
        rows.append((label, f"{b['total']:,} B in {b['requests']} requests", "",
                     f"Pyodide+wheel {b['pyodide']:,} B", target, verdict(ok) if name == "reading" else ""))
    sm = median(fig.score_ms)
    shown = "n/a" if sm is None else f"{sm:.1f} ms {spread(fig.score_ms)}"
    rows.append(("Score click -> results table", shown, "", "", "<= 50 ms",
                 verdict(None if sm is None else sm <= 50)))

    head = ("measure", f"site (median of {runs})", "bare Pyodide boot", "ratio / detail", "target", "verdict")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = " | ".join("-" * w for w in widths)
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print(line)
    for r in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    failed = [x.error for loads in (*fig.cold.values(), *fig.warm.values()) for x in loads
              if x.ready_ms is None]
    for err in failed:
        print(f"note: a load ended in error: {err}")
    for note in fig.notes:
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold/warm pairs per page (default 5)")
    args = parser.parse_args(argv)
    try:
        require_chromium()
    except FileNotFoundError as err:
        print(f"benchmarks/browser.py: {err}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    fig = Figures()
    with tempfile.TemporaryDirectory(prefix="wai-bench-") as tmp:
        root = Path(tmp)
        site = root / "site"
        build = shared_site()  # the site `make bench` built (WAI_SITE_DIR), or a build of our own
        if build.returncode != 0:
            print(f"benchmarks/browser.py: mkdocs build --strict failed:\n{build.log}", file=sys.stderr)
            return 1
        shutil.copytree(build.path, site)  # the bare page below is written to this copy only
        bare = site / BARE_PAGE
        bare.mkdir()
        (bare / "index.html").write_text(BARE_HTML, encoding="utf-8")
        (bare / "worker.js").write_text(BARE_WORKER, encoding="utf-8")
        profiles = root / "profiles"
        profiles.mkdir()
        log = root / "requests.jsonl"
        with Server(site, log=log) as server, sync_playwright() as playwright:
            print(f"site built and served at {server.url}; {args.runs} runs; this takes a minute or two",
                  flush=True)
            for i in range(args.runs):  # interleaved, so drift on a shared machine hits both alike
                for tag, path in (("bare", BARE_PAGE), ("site", SCORE_PAGE), ("site-nosw", SCORE_PAGE)):
                    workers = "block" if tag == "site-nosw" else "allow"
                    try:
                        cold, warm = cold_and_warm(
                            playwright, server.url + path, profiles, f"{tag}{i}", workers
                        )
                    except Exception as err:  # recorded and reported; the other runs go on
                        cold = warm = Load(None, 0.0, 0.0, f"{path}: {err}".splitlines()[0])
                    fig.cold[tag].append(cold)
                    fig.warm[tag].append(warm)
            try:
                fig.bytes["reading"] = measure_bytes(
                    playwright, server.url + READING_PAGE, log, profiles, wait_loaded
                )
                fig.bytes["scorer"] = measure_bytes(
                    playwright, server.url + SCORE_PAGE, log, profiles, wait_ready
                )
            except Exception as err:  # a benchmark reports what it could not measure
                fig.notes.append(f"bytes not measured: {err}")
            try:
                fig.score_ms = measure_score_clicks(playwright, server.url + SCORE_PAGE, profiles, args.runs)
            except Exception as err:
                fig.notes.append(f"Score -> results not measured: {err}")
    report(fig, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
