"""Benchmark: ``wai-score score`` against a plain ``csv.reader`` pass over the same file.

Run by ``make bench`` (``python benchmarks/batch.py [--rows N] [--repeat R]``). In one run it
writes N rows (default 1,000,000) of WAI answers to a temporary CSV file (a few hundred generated
teaching cases, cycled), then times, each as a subprocess so that both pay the interpreter's
start-up:

* ``python -c "for row in csv.reader(f): pass"`` (the floor any CSV reader in Python pays), and
* ``wai-score score --form wai FILE`` with its output going to /dev/null.

Each is run R times (default 3) and the best time counts (the machine is shared; the best run
is the least disturbed one). It prints both times, their ratio and the scorer's peak RSS (from
``os.wait4``), with PASS/FAIL against the targets (ratio <= 3.0, peak RSS <= 64 MB). It is a
benchmark, not a test: it exits 0 either way, unless a process fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import scorer
from scorer.core.cases import PROFILES, generate

TARGET_RATIO = 3.0
TARGET_RSS_MB = 64.0
FORM = "wai"

BASELINE = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f):
        pass
"""


def write_rows(path: Path, rows: int, distinct: int = 500) -> None:
    """``rows`` data rows with an id column; answers cycle through ``distinct`` generated cases."""
    n = scorer.get_form(FORM).n_items
    cells = [
        ",".join(map(str, generate(FORM, seed, PROFILES[seed % len(PROFILES)]).responses))
        for seed in range(distinct)
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("id," + ",".join(f"item{i}" for i in range(1, n + 1)) + "\n")
        step = 10_000
        for start in range(0, rows, step):
            stop = min(rows, start + step)
            fh.write("".join(f"p{k},{cells[k % distinct]}\n" for k in range(start, stop)))


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one subprocess, stdout to /dev/null."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {' / '.join(message)}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def scorer_command() -> list[str]:
    script = Path(sys.executable).with_name("wai-score")
    if script.exists():
        return [str(script)]
    found = shutil.which("wai-score")
    return [found] if found else [sys.executable, "-m", "scorer"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="data rows (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the best counts")
    args = parser.parse_args(argv)
    if args.rows < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be at least 1")

    with tempfile.TemporaryDirectory(prefix="wai-bench-") as tmp:
        path = Path(tmp) / f"{FORM}-{args.rows}.csv"
        start = time.perf_counter()
        write_rows(path, args.rows)
        made = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6
        print(f"batch benchmark: {args.rows:,} rows of {FORM} ({size_mb:.1f} MB, written in {made:.1f} s), "
              f"best of {args.repeat}, each command a subprocess (interpreter start-up included)")

        baseline_cmd = [sys.executable, "-c", BASELINE, str(path)]
        score_cmd = [*scorer_command(), "score", "--form", FORM, str(path)]
        base_times, score_times, rss = [], [], []
        for _ in range(args.repeat):  # interleaved, so a busy spell hits both alike
            base_times.append(run(baseline_cmd)[0])
            elapsed, peak = run(score_cmd)
            score_times.append(elapsed)
            rss.append(peak)

    base, best = min(base_times), min(score_times)
    ratio = best / base
    peak_mb = max(rss)

    def runs(times: list[float]) -> str:
        return ", ".join(f"{t:.2f}" for t in times)

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    print(f"  csv.reader pass:             {base:6.2f} s   (runs: {runs(base_times)})")
    print(f"  wai-score score > /dev/null: {best:6.2f} s   (runs: {runs(score_times)})")
    print(f"  ratio:     {ratio:5.2f}    target <= {TARGET_RATIO}    {verdict(ratio <= TARGET_RATIO)}")
    rss_ok = verdict(peak_mb <= TARGET_RSS_MB)
    print(f"  peak RSS:  {peak_mb:5.1f} MB target <= {TARGET_RSS_MB:.0f} MB  {rss_ok}   (largest scorer run)")
    print(f"  throughput: {args.rows / best:,.0f} rows/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
