"""The scorer's pure tests, run again inside the real Pyodide runtime under Node (no browser).

The browser runs the same wheel in the same runtime, so a difference between CPython and
Pyodide (integer/float behaviour, missing stdlib modules, the PRNG) shows up here first.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
HARNESS = TESTS / "pyodide"
VENDOR = REPO / "vendor" / "pyodide-wheels"

# Test modules that exercise only the pure package (no CLI subprocesses, no site, no browser).
PURE_TEST_MODULES = (
    "core/test_forms.py",
    "core/test_scoring.py",
    "core/test_subscales.py",
    "core/test_numbers.py",
    "core/test_cases.py",
    "core/test_check.py",
    "core/test_compare.py",
    "core/test_stats.py",
    "core/test_batch.py",
    "core/test_rng.py",
    "core/test_exercises.py",
    "core/test_facts.py",
    "core/test_handin.py",
    "core/test_csvsafe.py",
    "text/test_reports.py",
    "text/test_gradebook.py",
    "html/test_render.py",
    "html/test_charts.py",
    "html/test_markup.py",
    "web/test_web.py",
    "web/test_web_exercises.py",
    "web/test_web_selfassessment.py",
    "web/test_grade.py",
)
SUMMARY = re.compile(r"^=*\s*(?P<body>(?:\d+ \w+(?:, )?)+) in [\d.]+s", re.MULTILINE)


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the Pyodide tests need Node.js (see README set-up)")
    return node


@pytest.fixture(scope="session")
def vendored_wheels() -> Path:
    wheels = sorted(VENDOR.glob("*.whl"))
    if not any(w.name.startswith("pytest-") for w in wheels):
        pytest.fail(f"no pytest wheel in {VENDOR}: run `make pyodide-wheels` (make test does)")
    return VENDOR


@pytest.fixture(scope="session")
def scorer_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh wheel of the working tree, built from a private copy (no clash with other builds)."""
    src = tmp_path_factory.mktemp("wheel-src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    shutil.copytree(REPO / "scorer", src / "scorer", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = out.glob("wai_scorer-*.whl")
    return wheel


def _run(args: list[str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_node(), *args], capture_output=True, text=True, timeout=timeout, cwd=REPO)


def summary_counts(output: str) -> dict[str, int]:
    """{'passed': 12, 'failed': 1, ...} from pytest's final summary line."""
    found = SUMMARY.findall(output)
    assert found, f"no pytest summary line in output:\n{output[-3000:]}"
    counts: dict[str, int] = {}
    for part in found[-1].split(", "):
        n, word = part.split(" ", 1)
        counts[word.removesuffix("s")] = int(n)
    return counts


def test_summary_parser_reads_counts() -> None:
    text = "....\n===== 3 failed, 40 passed, 2 skipped, 1 warning in 2.31s =====\n"
    assert summary_counts(text) == {"failed": 3, "passed": 40, "skipped": 2, "warning": 1}
    assert summary_counts("12 passed in 0.10s\n") == {"passed": 12}


def test_pure_suite_passes_inside_pyodide(vendored_wheels: Path, scorer_wheel: Path) -> None:
    missing = [m for m in PURE_TEST_MODULES if not (TESTS / m).is_file()]
    assert not missing, f"listed for Pyodide but not found (moved or renamed?): {missing}"
    modules = list(PURE_TEST_MODULES)
    proc = _run(
        [
            str(HARNESS / "run_pytest.mjs"),
            "--wheels", str(vendored_wheels),
            "--wheels", str(scorer_wheel),
            "--root", str(REPO),
            "--tests", "tests",
            "--config", str(REPO / "pyproject.toml"),
            "--", "-q", *modules,
        ]
    )
    output = proc.stdout + proc.stderr
    assert "emscripten" in output, f"the suite did not run inside Pyodide:\n{output[-3000:]}"
    # The scorer under test is the installed wheel, not the source tree mounted at /src.
    assert "scorer from /lib/python3.14/site-packages/scorer" in output, output[:2000]
    counts = summary_counts(output)
    assert proc.returncode == 0, f"pytest inside Pyodide exited {proc.returncode}:\n{output[-6000:]}"
    assert counts.get("passed", 0) > 0, output[-3000:]
    # A skipped or xfailed scorer test inside Pyodide is a hole in the cross-runtime check.
    assert set(counts) <= {"passed", "warning"}, f"unexpected outcomes {counts}:\n{output[-3000:]}"
    # Every test CPython collects from these modules ran in Pyodide too.
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *modules],
        capture_output=True, text=True, timeout=300, cwd=TESTS,
    )
    match = re.search(r"(\d+) tests? collected", collected.stdout)
    assert match, collected.stdout[-3000:] + collected.stderr[-3000:]
    assert counts["passed"] == int(match.group(1)), (counts, match.group(0))


def test_harness_reports_failure(vendored_wheels: Path, scorer_wheel: Path, tmp_path: Path) -> None:
    """The exit code is pytest's, so a failing test inside Pyodide fails this suite."""
    (tmp_path / "test_fails.py").write_text("def test_fails():\n    assert 1 + 1 == 3\n")
    proc = _run(
        [
            str(HARNESS / "run_pytest.mjs"),
            "--wheels", str(vendored_wheels),
            "--wheels", str(scorer_wheel),
            "--root", str(tmp_path),
            "--tests", ".",
            "--", "-q", "test_fails.py",
        ]
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert summary_counts(proc.stdout) == {"failed": 1}


CASES_DEF = """
import json
from scorer import cases, forms

def cases_json():
    return json.dumps(
        [cases.generate(f.id, seed, profile).to_dict()
         for f in forms() for profile in cases.PROFILES for seed in (0, 1, 17, 4242, 2**31 + 5)],
        sort_keys=True,
    )
"""


def test_cases_are_identical_in_cpython_and_pyodide(scorer_wheel: Path) -> None:
    code = CASES_DEF + "\ncases_json()\n"
    proc = _run([str(HARNESS / "run_python.mjs"), "--wheels", str(scorer_wheel), "--code", code])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (line,) = [ln for ln in proc.stdout.splitlines() if ln.startswith("@@RESULT@@")]
    in_pyodide = json.loads(line.removeprefix("@@RESULT@@"))

    namespace: dict[str, Any] = {}
    exec(CASES_DEF, namespace)
    in_cpython = json.loads(namespace["cases_json"]())

    assert len(in_cpython) == len(in_pyodide) > 0
    for ours, theirs in zip(in_cpython, in_pyodide, strict=True):
        assert ours == theirs
