"""The package's data files (instrument keys, vignettes, practices), read from beside its modules.

A plain file read rather than ``importlib.resources``: that package and its helpers are not loaded
when Pyodide boots, and importing them cost the browser worker 60–130 ms before it could say ready.
The wheel is always unpacked (by pip, and by the worker into site-packages), so the files are on disk.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["read_text"]

_HERE = Path(__file__).parent


def read_text(*parts: str) -> str:
    """The UTF-8 text of a data file of ``scorer.core``: ``read_text("instruments", "wai.json")``."""
    return _HERE.joinpath(*parts).read_text(encoding="utf-8")
