"""Build the scorer as a pure-Python ``py3-none-any`` wheel with PyPA ``build``.

Never ``pyodide build``, which needs the network. The wheel is cached under
``.cache/wheel/<digest>/`` and rebuilt only when its sources change, which keeps ``mkdocs serve``
rebuilds fast. ``WHEEL_DIR`` names a folder of prebuilt wheels to ship instead of building one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .cache import cached_file
from .errors import PostBuildError
from .index import DISTRIBUTION, distribution_name

PACKAGE = "scorer"
#: Files outside the package that end up in the wheel's metadata.
PROJECT_FILES: tuple[str, ...] = ("pyproject.toml", "README.md", "setup.cfg", "setup.py", "MANIFEST.in")
#: Bump to invalidate every cached wheel when the way it is built changes.
RECIPE = "1"

_IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}


def source_files(root: Path, package: str = PACKAGE) -> list[Path]:
    """Every file the wheel is built from, in a stable order."""
    files = [root / name for name in PROJECT_FILES if (root / name).is_file()]
    package_dir = root / package
    if not package_dir.is_dir():
        raise PostBuildError(
            f"Cannot build the {DISTRIBUTION} wheel: package folder {package_dir} not found."
        )
    files += sorted(
        path
        for path in package_dir.rglob("*")
        if path.is_file()
        and not _IGNORED_PARTS.intersection(path.relative_to(root).parts)
        and path.suffix not in {".pyc", ".pyo"}
    )
    return files


def source_digest(root: Path, package: str = PACKAGE) -> str:
    """A hash of the wheel's inputs (names and contents): the cache key of the built wheel."""
    digest = hashlib.sha256(f"recipe {RECIPE}\n".encode())
    for path in source_files(root, package):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def build_wheel(root: Path, outdir: Path, package: str = PACKAGE) -> Path:
    """Build the wheel with PyPA build, offline (no isolation: it uses the venv's pinned setuptools).

    The sources are copied to a scratch folder first so that concurrent builds never share
    setuptools' ``build/`` and ``*.egg-info`` folders and the work tree stays clean.
    """
    with tempfile.TemporaryDirectory(prefix="wai-wheel-") as scratch:
        src = Path(scratch) / "src"
        src.mkdir()
        for path in source_files(root, package):
            target = src / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        dist = Path(scratch) / "dist"
        command = [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
        command += ["--outdir", str(dist), str(src)]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        wheels = sorted(dist.glob("*.whl"))
        if proc.returncode != 0 or len(wheels) != 1:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
            raise PostBuildError(
                f"Building the {DISTRIBUTION} wheel failed (exit {proc.returncode}, "
                f"{len(wheels)} wheel(s)): {' '.join(command)}\n{tail}"
            )
        wheel = wheels[0]
        if not wheel.name.endswith("-py3-none-any.whl"):
            raise PostBuildError(
                f"{wheel.name} is not a pure-Python py3-none-any wheel; Pyodide cannot load it."
            )
        outdir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(wheel, outdir / wheel.name)
        return outdir / wheel.name


def ensure_wheel(root: Path, cache: Path, package: str = PACKAGE) -> Path:
    """The cached wheel for the current sources, built only when they changed."""
    key = source_digest(root, package)
    return cached_file(cache, key, "*.whl", lambda out: build_wheel(root, out, package))


def find_wheels(root: Path, cache: Path) -> list[Path]:
    """The pure wheels to ship: the prebuilt ones in WHEEL_DIR, else the scorer built from source."""
    override = os.environ.get("WHEEL_DIR")
    if not override:
        return [ensure_wheel(root, cache)]
    wheels = sorted(Path(override).glob("*.whl"))
    if not any(distribution_name(w.name) == DISTRIBUTION for w in wheels):
        raise PostBuildError(f"WHEEL_DIR={override} holds no {DISTRIBUTION} wheel (wai_scorer-*.whl).")
    return wheels
