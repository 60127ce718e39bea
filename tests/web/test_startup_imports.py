"""What the browser worker imports before it says ready (``ENTRY`` in docs/js/worker.js).

Inside Pyodide every module imported before ready delays the page (issue 13: ``html`` alone cost
about 70 ms, for one small function). The worker's entry must stay a dispatcher; the modules a
call needs load on that call. Measured as the ``sys.modules`` difference in a fresh interpreter,
never timed (times live in ``make bench`` and benchmarks/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Standard modules that Pyodide does not load at boot, and scorer modules no page needs to say ready.
NOT_BEFORE_READY = {
    "html", "html.entities", "csv", "_csv", "importlib.resources",
    "scorer.core.cases", "scorer.core.check", "scorer.core.compare", "scorer.core.forms",
    "scorer.core.scoring", "scorer.core.grading", "scorer.core.selfaudit", "scorer.core.history",
    "scorer.html", "scorer.html.render", "scorer.html.charts", "scorer.html.feedback", "scorer.text",
    "scorer.web.widgets", "scorer.web.export", "scorer.web.exercises", "scorer.web.selfassessment",
}
# What the score call itself must not need: scoring uses a local escaper and reads the instrument
# files directly, and the worker's warm-up score call should not load the practice-case modules.
NOT_FOR_SCORING = {"html", "html.entities", "csv", "_csv", "importlib.resources",
                   "scorer.core.cases", "scorer.core.rng", "scorer.core.check", "scorer.core.procedures"}

PROBE = """
import json, sys
before = set(sys.modules)
{code}
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _imported(code: str, setup: str = "") -> set[str]:
    """The modules that ``code`` adds to ``sys.modules`` in a fresh interpreter, after ``setup``."""
    script = setup + "\n" + PROBE.format(code=code)
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def entry_modules() -> set[str]:
    return _imported("import scorer.web")


def test_the_worker_entry_imports_only_the_dispatcher(entry_modules: set[str]) -> None:
    assert {"scorer", "scorer.web", "scorer.core.errors"} <= entry_modules
    assert not entry_modules & NOT_BEFORE_READY, sorted(entry_modules & NOT_BEFORE_READY)


def test_the_first_score_call_loads_only_the_scoring_path() -> None:
    call = "scorer.web.dispatch('score', json.dumps({'form_id': 'wai-s', 'responses': ['4'] * 12}))"
    added = _imported(f"assert json.loads({call})['ok']", setup="import scorer.web")
    assert "scorer.web.widgets" in added  # the probe ran the call
    assert not added & NOT_FOR_SCORING, sorted(added & NOT_FOR_SCORING)


def test_the_public_api_loads_on_first_use() -> None:
    added = _imported("import scorer")
    assert "scorer.core.cases" not in added and "scorer.html.render" not in added
    added = _imported("from scorer import cases, render", setup="import scorer")
    assert {"scorer.core.cases", "scorer.html.render"} <= added
