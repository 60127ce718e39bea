"""Ship the self-hosted Pyodide runtime: the five files a browser needs, from the pinned npm package.

The browser must never fetch anything from another host, so they are copied into ``<site>/pyodide/``.
``PYODIDE_DIR`` overrides the default folder, ``node_modules/pyodide`` of the project.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .errors import PostBuildError

#: The only Pyodide files a browser needs (ES-module loader, Emscripten glue, wasm, stdlib, lock).
RUNTIME_FILES: tuple[str, ...] = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


def pyodide_dir(root: Path) -> Path:
    return Path(os.environ.get("PYODIDE_DIR") or root / "node_modules" / "pyodide")


def runtime_files(source: Path) -> list[Path]:
    """The runtime files in ``source``; a missing one stops the build with the fix to apply."""
    missing = [name for name in RUNTIME_FILES if not (source / name).is_file()]
    if missing:
        raise PostBuildError(
            f"Pyodide runtime file(s) missing: {', '.join(str(source / name) for name in missing)}. "
            "Run `make setup` (or `npm ci`) to install the pinned npm package `pyodide`, "
            "or point PYODIDE_DIR at a folder holding " + ", ".join(RUNTIME_FILES) + "."
        )
    return [source / name for name in RUNTIME_FILES]


def copy_runtime(site_dir: Path, runtime: Iterable[Path]) -> None:
    target = site_dir / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for path in runtime:
        shutil.copy2(path, target / path.name)  # copy2 keeps mtimes: stable Last-Modified for caches
