"""The site-level build steps, run once over a built site folder, in order.

1. ``early_start``: widget pages start the scorer's worker from ``<head>``;
2. ``csp``: every page gets its Content-Security-Policy (after 1, which only adds ``src`` scripts);
3. ``exercises``: ``exercises/exercises.json`` from the exercise widgets;
4. ``assets``: the Pyodide runtime, the pure wheel and the py-compiled wheel with ``wheels/index.json``;
5. ``offline``: the service worker's version and precache list (last: it hashes every other file).

Every step is idempotent, so running them again over the same folder changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from . import csp, early_start, exercises, offline
from .assets import Assets, prepare, ship
from .errors import PostBuildError

#: The project folder (holding ``scorer/``, ``node_modules/``, ``vendor/``): sitebuild lives in it.
PROJECT_ROOT = Path(__file__).resolve().parents[2]

__all__ = ["PROJECT_ROOT", "Assets", "PostBuildError", "prepare", "run"]


def run(site_dir: Path | str, root: Path | str = PROJECT_ROOT, assets: Assets | None = None) -> None:
    """Finish the site in ``site_dir``; ``assets`` may come from an earlier ``prepare(root)``."""
    site = Path(site_dir)
    if not (site / "index.html").is_file():
        raise PostBuildError(f"{site}: not a built site (no index.html)")
    early_start.run(site)
    csp.run(site)
    exercises.run(site)
    ship(site, assets or prepare(Path(root)))
    offline.run(site)
