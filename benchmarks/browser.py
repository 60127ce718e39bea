"""Browser benchmark of the in-page scorer's start-up (issue 13), every figure from ONE run.

    python benchmarks/browser.py [--runs 5] [--page-runs 1]

- cold and warm ready on the practice pages (a fresh profile per cold run; warm is a second page in
  the same profile), beside a bare page that only boots the same Pyodide files in a module worker,
  interleaved so drift on a shared machine hits both alike; the score page once more with service
  workers blocked (info);
- the start-up by phase (runtime instantiate, stdlib ready, wheel fetch, unpack, import, first
  call) from the worker's marks (User Timing ``wai-scorer:<phase>``), medians;
- every widget page once (``--page-runs``), cold: ready, main-thread long tasks beside a plain
  reading page, and what the worker imported before ready (``sys.modules`` diff, time in Pyodide);
- bytes a reader's first visit to a reading page moves before its load event, and after (the
  service worker's idle fill), and how many were Pyodide's;
- time from clicking Score to the results table.

Prints the goals table of issue 13 with PASS/FAIL; exits 0 whatever the verdicts (a benchmark, not a
test), 1 only when it cannot measure at all.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import report  # noqa: E402
from _startup import (  # noqa: E402
    BARE_PAGE,
    PHASES,
    PROBE_JS,
    Load,
    byte_counts,
    measure_load,
    server_log,
    write_bare_page,
)
from harness import Server, launch_persistent, require_chromium  # noqa: E402
from shared_site import shared_site  # noqa: E402

SCORE_PAGE = "practice/score/?form=wai"
CASES_PAGE = "practice/cases/?form=wai-s&seed=17"
READING_PAGE = "evidence/"
#: (tag, path, service workers) measured cold and warm in every run.
TIMED = (("bare", BARE_PAGE, "allow"), ("score", SCORE_PAGE, "allow"), ("cases", CASES_PAGE, "allow"),
         ("score-nosw", SCORE_PAGE, "block"))

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
class Figures:
    cold: dict[str, list[Load]] = field(default_factory=dict)
    warm: dict[str, list[Load]] = field(default_factory=dict)
    reading: list[Load] = field(default_factory=list)
    first_visit: list[dict[str, int]] = field(default_factory=list)
    pages: dict[str, list[Load]] = field(default_factory=dict)
    score_ms: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Bench:
    def __init__(self, playwright: Any, server: Server, profiles: Path, log: Path) -> None:
        self.playwright, self.server, self.profiles, self.log = playwright, server, profiles, log

    def context(self, tag: str, service_workers: str = "allow") -> Any:
        profile = Path(tempfile.mkdtemp(prefix=f"{tag}-", dir=self.profiles))
        context = launch_persistent(self.playwright, profile, service_workers=service_workers)
        context.add_init_script(PROBE_JS)
        return context

    def cold_and_warm(self, tag: str, path: str, service_workers: str) -> tuple[Load, Load]:
        context = self.context(tag, service_workers)
        try:
            first = context.new_page()
            cold = measure_load(first, self.server.url + path)
            first.close()
            time.sleep(0.5)
            warm = measure_load(context.new_page(), self.server.url + path)
        finally:
            context.close()
        return cold, warm

    def cold(self, tag: str, path: str, *, reading: bool = False) -> tuple[Load, dict[str, int]]:
        """One cold load; also the bytes the server sent before the load event and in all."""
        context = self.context(tag)
        try:
            start = len(server_log(self.log))
            load = measure_load(context.new_page(), self.server.url + path, reading=reading)
            if reading:
                time.sleep(4)  # the service worker's idle fill of the offline copy
            entries = server_log(self.log, start)
        finally:
            context.close()
        counts = byte_counts(entries)
        if load.load_wall is not None:
            before = [e for e in entries if e["time"] * 1000 <= load.load_wall]
            counts.update({f"before_load_{k}": v for k, v in byte_counts(before).items()})
        return load, counts

    def score_clicks(self, runs: int) -> list[float]:
        import scorer  # the package under test, for a complete and valid set of answers

        form = scorer.get_form("wai")
        context = self.context("score-click")
        try:
            page = context.new_page()
            load = measure_load(page, self.server.url + SCORE_PAGE)
            if load.ready_ms is None:
                raise RuntimeError(f"scorer page did not become ready: {load.error}")
            root = page.locator(".wai-widget").first
            for item in form.items:
                value = (item.number * 5) % (form.scale.max - form.scale.min + 1) + form.scale.min
                item_box = root.locator(f'fieldset.wai-item[data-item="{item.number}"]:visible')
                item_box.locator(f'input[value="{value}"]').check()
            page.evaluate(SCORE_CLICK_JS, root.element_handle())  # first click warms the path
            return [page.evaluate(SCORE_CLICK_JS, root.element_handle()) for _ in range(runs)]
        finally:
            context.close()


def widget_pages(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("index.html")):
        if "data-widget=" in html.read_text(encoding="utf-8") and BARE_PAGE not in str(html):
            pages.append(html.parent.relative_to(site).as_posix() + "/")
    return pages


def run(bench: Bench, fig: Figures, runs: int, page_runs: int, pages: list[str]) -> None:
    for i in range(runs):  # interleaved, so drift on a shared machine hits every page alike
        print(f"run {i + 1} of {runs}", flush=True)
        for tag, path, workers in TIMED:
            try:
                cold, warm = bench.cold_and_warm(f"{tag}{i}", path, workers)
            except Exception as err:
                cold = warm = Load(None, 0.0, 0.0, error=f"{path}: {err}".splitlines()[0])
            fig.cold.setdefault(tag, []).append(cold)
            fig.warm.setdefault(tag, []).append(warm)
        try:
            load, counts = bench.cold(f"reading{i}", READING_PAGE, reading=True)
            fig.reading.append(load)
            fig.first_visit.append(counts)
        except Exception as err:
            fig.notes.append(f"reading page run {i + 1} not measured: {err}".splitlines()[0])
    print(f"each widget page, cold, {page_runs} run(s)", flush=True)
    for j in range(page_runs):
        for path in pages:
            try:
                load, _ = bench.cold(f"page{j}", path)
            except Exception as err:
                load = Load(None, 0.0, 0.0, error=f"{path}: {err}".splitlines()[0])
            fig.pages.setdefault(path, []).append(load)
    try:
        fig.score_ms = bench.score_clicks(runs)
    except Exception as err:
        fig.notes.append(f"Score -> results not measured: {err}".splitlines()[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold/warm pairs per page (default 5)")
    parser.add_argument("--page-runs", type=int, default=1,
                        help="cold loads of every widget page (default 1)")
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
        write_bare_page(site)
        pages = widget_pages(site)
        profiles = root / "profiles"
        profiles.mkdir()
        log = root / "requests.jsonl"
        with Server(site, log=log) as server, sync_playwright() as playwright:
            print(f"site built and served at {server.url}; {args.runs} runs; this takes several minutes",
                  flush=True)
            run(Bench(playwright, server, profiles, log), fig, args.runs, args.page_runs, pages)
    report(fig, args.runs, READING_PAGE, PHASES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
