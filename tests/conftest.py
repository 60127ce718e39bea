"""Shared test set-up. Kept free of hypothesis imports at module level so that the same test files
can run inside Pyodide, where only pytest is installed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
try:  # hypothesis is a development dependency; Pyodide runs without it
    from hypothesis import settings
except ImportError:  # pragma: no cover - only inside Pyodide
    pass
else:
    # Two shared cores: no per-example deadline, so a busy machine cannot fail a correct property.
    settings.register_profile("wai", deadline=None)
    settings.register_profile("thorough", deadline=None, max_examples=2000)  # --hypothesis-profile=thorough
    settings.load_profile("wai")


@pytest.fixture(scope="session")
def reference_keys() -> dict:
    """The reference key sheet (a copy of shared/reference/wai-keys.json)."""
    return json.loads((DATA / "wai-keys.json").read_text(encoding="utf-8"))
