"""Publish the wheels in ``<site>/wheels/`` with the ``index.json`` the worker reads.

``index.json`` (see ARCHITECTURE.md, "Browser protocol"): top-level keys are distribution names
mapped to the pure ``py3-none-any`` wheel (what ``pip`` on a desktop installs); ``"pyodide"`` maps
``"wai-scorer"`` to the py-compiled wheel the worker loads; ``"files"`` gives each wheel's
distribution, version, size and sha256. So no JavaScript hard-codes a version.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import PostBuildError

DISTRIBUTION = "wai-scorer"
#: The key under which index.json names the wheels built for the browser's Python.
BROWSER_KEY = "pyodide"

_WHEEL_NAME = re.compile(r"^(?P<dist>[^-]+)-(?P<version>[^-]+)(-\d[^-]*)?-(?P<tag>[^-]+-[^-]+-[^-]+)\.whl$")


def distribution_name(wheel_name: str) -> str:
    """``wai_scorer-0.1.0-py3-none-any.whl`` -> ``wai-scorer`` (the normalised project name)."""
    match = _WHEEL_NAME.match(wheel_name)
    if not match:
        raise PostBuildError(f"Not a wheel file name: {wheel_name}")
    return re.sub(r"[-_.]+", "-", match["dist"]).lower()


def _file_entry(wheel: Path) -> dict[str, Any]:
    match = _WHEEL_NAME.match(wheel.name)
    if not match:
        raise PostBuildError(f"Not a wheel file name: {wheel}")
    data = wheel.read_bytes()
    return {
        "distribution": distribution_name(wheel.name),
        "version": match["version"],
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def wheel_index(wheels: Iterable[Path], compiled: Path) -> dict[str, Any]:
    """The contents of ``wheels/index.json`` for the pure ``wheels`` and the py-compiled scorer."""
    index: dict[str, Any] = {}
    files: dict[str, dict[str, Any]] = {}
    for wheel in sorted(wheels):
        files[wheel.name] = _file_entry(wheel)
        index[distribution_name(wheel.name)] = wheel.name
    if DISTRIBUTION not in index:
        raise PostBuildError(f"No {DISTRIBUTION} wheel to ship.")
    if distribution_name(compiled.name) != DISTRIBUTION:
        raise PostBuildError(f"{compiled.name} is not a {DISTRIBUTION} wheel.")
    files[compiled.name] = _file_entry(compiled)
    index[BROWSER_KEY] = {DISTRIBUTION: compiled.name}
    index["files"] = files
    return index


def publish(site_dir: Path, wheels: Iterable[Path], compiled: Path) -> dict[str, Any]:
    """Copy the wheels into ``<site>/wheels/`` (dropping any other wheel) and write ``index.json``."""
    wheels = list(wheels)
    index = wheel_index(wheels, compiled)
    target = site_dir / "wheels"
    target.mkdir(parents=True, exist_ok=True)
    for stale in target.glob("*.whl"):
        if stale.name not in index["files"]:
            stale.unlink()
    for path in [*wheels, compiled]:
        shutil.copy2(path, target / path.name)
    (target / "index.json").write_text(json.dumps(index, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return index
