"""Printing ``benchmarks/browser.py``'s figures: phases, widget pages, imports, the goals of issue 13.

Helper of the benchmark (a leading underscore keeps ``make bench`` from running it).
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from typing import Any

from _startup import Load, phase_durations

#: Standard modules Pyodide has loaded before any scorer code runs are not in the import diff; these
#: prefixes mark the scorer's own modules.
OWN = ("scorer",)


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def fmt(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def spread(values: Sequence[float]) -> str:
    return f" ({min(values):,.0f}-{max(values):,.0f})" if len(values) > 1 else ""


def table(head: Sequence[str], rows: list[Sequence[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print(" | ".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    print()


def ready(loads: list[Load]) -> list[float]:
    return [x.ready_ms for x in loads if x.ready_ms is not None]


def phase_medians(loads: list[Load]) -> dict[str, float | None]:
    per_load = [phase_durations(x.phases, x.ready_ms) for x in loads if x.ready_ms is not None]
    labels = {label for d in per_load for label in d}
    return {label: median([d[label] for d in per_load if label in d]) for label in labels}


def phases_table(fig: Any, labels: Sequence[str]) -> None:
    columns = [(f"{tag} {kind}", getattr(fig, kind).get(tag, [])) for tag in ("bare", "score", "cases")
               for kind in ("cold", "warm")]
    meds = [phase_medians(loads) for _, loads in columns]
    rows: list[Sequence[str]] = []
    for label in [*labels, "worker ready -> widgets ready"]:
        rows.append((label, *(fmt(m.get(label)) for m in meds)))
    rows.append(("READY (from navigation)", *(fmt(median(ready(loads))) + spread(ready(loads))
                                               for _, loads in columns)))
    print("Start-up by phase, ms (median; practice/score = score, practice/cases = cases):")
    table(("phase", *(name for name, _ in columns)), rows)


def import_summary(loads: list[Load]) -> tuple[float | None, list[str]]:
    times = [x.imports["ms"] for x in loads if x.imports]
    modules = next((x.imports["modules"] for x in loads if x.imports), [])
    return median(times), modules


def pages_table(fig: Any) -> None:
    reading_lt = median([x.longtask_total_ms for x in fig.reading])
    rows: list[Sequence[str]] = []
    for path, loads in fig.pages.items():
        lt = median([x.longtask_total_ms for x in loads])
        ms, modules = import_summary(loads)
        own = [m for m in modules if m.split(".")[0] in OWN]
        std = [m for m in modules if m.split(".")[0] not in OWN]
        errors = [x.error for x in loads if x.error]
        rows.append((path, fmt(median(ready(loads))) if not errors else f"error: {errors[0][:40]}",
                     fmt(lt), fmt(None if lt is None or reading_lt is None else lt - reading_lt),
                     fmt(ms, 1), f"{len(own)} scorer + {len(std)} std"))
    print(f"Widget pages, cold (main-thread long tasks until ready; reading page {fmt(reading_lt)} ms):")
    table(("page", "ready ms", "long tasks ms", "minus reading", "import ms", "modules imported"), rows)


def imports_detail(fig: Any) -> None:
    _, modules = import_summary(fig.cold.get("score", []))
    std = [m for m in modules if m.split(".")[0] not in OWN]
    own = [m for m in modules if m.split(".")[0] in OWN]
    print(f"Imported before ready on practice/score/ (entry scorer.web): {len(own)} scorer modules "
          f"({', '.join(own)}); standard modules not yet loaded by Pyodide: {', '.join(std) or 'none'}")
    print()


#: Cumulative marks shared by the scorer's worker and the bare one, in start-up order.
SHARED_MARKS = (("worker start", "start"), ("wasm downloaded", "wasm_fetched"),
                ("instantiated", "instantiated"), ("Python booted", "booted"), ("ready", "ready"))


def holdback(fig: Any, kind: str) -> str:
    """Where the practice page's start-up falls behind the bare boot: site minus bare at each mark."""
    site, bare = getattr(fig, kind).get("score", []), getattr(fig, kind).get("bare", [])
    parts = []
    for label, name in SHARED_MARKS:
        s = median([x.phases[name] for x in site if name in x.phases and x.ready_ms is not None])
        b = median([x.phases[name] for x in bare if name in x.phases and x.ready_ms is not None])
        if s is not None and b is not None:
            parts.append(f"{label} {s - b:+,.0f}")
    return f"{kind}: practice/score minus bare, ms at each mark: " + ", ".join(parts)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def goals(fig: Any, reading_page: str) -> list[tuple[str, str, str, str]]:
    def ratio(site: list[Load], bare: list[Load]) -> float | None:
        s, b = median(ready(site)), median(ready(bare))
        return s / b if s is not None and b else None

    rows = []
    for kind in ("cold", "warm"):
        r = ratio(getattr(fig, kind).get("score", []), getattr(fig, kind).get("bare", []))
        rc = ratio(getattr(fig, kind).get("cases", []), getattr(fig, kind).get("bare", []))
        shown = "n/a" if r is None else f"{r:.2f}x (cases {fmt(rc, 2)}x)"
        rows.append((f"{kind} ready on a practice page / bare Pyodide {kind} boot", shown, "<= 1.05x",
                     verdict(None if r is None else r <= 1.05)))
    imp, _ = import_summary(fig.cold.get("score", []))
    rows.append(("scorer import inside Pyodide before ready, score page (cold)", f"{fmt(imp)} ms", "<= 60 ms",
                 verdict(None if imp is None else imp <= 60)))
    site_lt = median([x.longtask_total_ms for x in fig.cold.get("score", [])])
    read_lt = median([x.longtask_total_ms for x in fig.reading])
    diff = None if site_lt is None or read_lt is None else site_lt - read_lt
    rows.append(("main-thread long tasks: score page minus reading page, both cold",
                 f"{fmt(diff)} ms ({fmt(site_lt)} - {fmt(read_lt)})", "<= 50 ms",
                 verdict(None if diff is None else diff <= 50)))
    sm = median(fig.score_ms)
    rows.append(("Score click to results", f"{fmt(sm, 1)} ms", "<= 50 ms",
                 verdict(None if sm is None else sm <= 50)))
    pyo = [c["pyodide"] for c in fig.first_visit]
    worst = max(pyo) if pyo else None
    rows.append((f"Pyodide bytes moved by a reading page ({reading_page}, with the offline fill)",
                 fmt(worst), "0", verdict(None if worst is None else worst == 0)))
    return rows


def report(fig: Any, runs: int, reading_page: str, phases: Sequence[tuple[str, str, str]]) -> None:
    print()
    phases_table(fig, [label for label, _, _ in phases])
    nosw_c, nosw_w = ready(fig.cold.get("score-nosw", [])), ready(fig.warm.get("score-nosw", []))
    print(f"practice/score/ with service workers blocked: cold {fmt(median(nosw_c))}{spread(nosw_c)} ms, "
          f"warm {fmt(median(nosw_w))}{spread(nosw_w)} ms (info: what the offline worker costs)")
    print()
    pages_table(fig)
    imports_detail(fig)
    if fig.first_visit:
        before = [c.get("before_load_total", 0) for c in fig.first_visit]
        after = [c["total"] for c in fig.first_visit]
        requests = [c.get("before_load_requests", 0) for c in fig.first_visit]
        print(f"First visit to {reading_page} (fresh profile): {fmt(median(before))} bytes in "
              f"{fmt(median(requests))} requests before the load event; {fmt(median(after))} bytes in all "
              "within 5 s (the service worker's idle fill of the offline copy included)")
        print()
    print(f"Goals of issue 13 (median of {runs}, ratios from this one run):")
    table(("measure", "measured", "goal", "verdict"), goals(fig, reading_page))
    for kind in ("cold", "warm"):
        print(holdback(fig, kind))
    print()
    loads = [x for group in (*fig.cold.values(), *fig.warm.values()) for x in group]
    failed = [x.error for x in loads if x.ready_ms is None]
    for err in failed:
        print(f"note: a load ended in error: {err}")
    for note in fig.notes:
        print(f"note: {note}")
    sys.stdout.flush()
