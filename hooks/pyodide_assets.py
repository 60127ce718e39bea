"""MkDocs hook: ship the self-hosted Pyodide runtime and the scorer wheel with the site.

The browser must never fetch anything from another host, so the five runtime files the browser
needs are copied from the pinned npm package into ``<site>/pyodide/``, and the scorer is built as a
pure-Python wheel with PyPA ``build`` (never ``pyodide build``, which needs the network) and copied
into ``<site>/wheels/`` next to an ``index.json`` the worker reads, so no JavaScript hard-codes a
version. The wheel is cached under ``.cache/wheel/<digest>/`` and rebuilt only when its sources
change, which keeps ``mkdocs serve`` rebuilds fast.

Environment overrides: ``PYODIDE_DIR`` (default ``node_modules/pyodide``) and ``WHEEL_DIR`` (a
folder of prebuilt wheels to ship instead of building one).
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

#: The only Pyodide files a browser needs (ES-module loader, Emscripten glue, wasm, stdlib, lock).
RUNTIME_FILES: tuple[str, ...] = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
DISTRIBUTION = "wai-scorer"
PACKAGE = "scorer"
#: Files outside the package that end up in the wheel's metadata.
PROJECT_FILES: tuple[str, ...] = ("pyproject.toml", "README.md", "setup.cfg", "setup.py", "MANIFEST.in")
#: Bump to invalidate every cached wheel when the way it is built changes.
RECIPE = "1"
#: Cached wheels kept besides the current one (cheap: a wheel is a few hundred kB at most).
KEEP_RECENT = 3

_WHEEL_NAME = re.compile(r"^(?P<dist>[^-]+)-(?P<version>[^-]+)(-\d[^-]*)?-(?P<tag>[^-]+-[^-]+-[^-]+)\.whl$")
_IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}


# -- helpers (unit-tested in tests/test_pyodide_assets.py) -------------------------------------------


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml: every default path is relative to it, not to the cwd."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def pyodide_dir(root: Path) -> Path:
    return Path(os.environ.get("PYODIDE_DIR") or root / "node_modules" / "pyodide")


def runtime_files(source: Path) -> list[Path]:
    """The runtime files in ``source``; a missing one stops the build with the fix to apply."""
    missing = [name for name in RUNTIME_FILES if not (source / name).is_file()]
    if missing:
        raise PluginError(
            f"Pyodide runtime file(s) missing: {', '.join(str(source / name) for name in missing)}. "
            "Run `make setup` (or `npm ci`) to install the pinned npm package `pyodide`, "
            "or point PYODIDE_DIR at a folder holding " + ", ".join(RUNTIME_FILES) + "."
        )
    return [source / name for name in RUNTIME_FILES]


def source_files(root: Path, package: str = PACKAGE) -> list[Path]:
    """Every file the wheel is built from, in a stable order."""
    files = [root / name for name in PROJECT_FILES if (root / name).is_file()]
    package_dir = root / package
    if not package_dir.is_dir():
        raise PluginError(f"Cannot build the {DISTRIBUTION} wheel: package folder {package_dir} not found.")
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
        command = [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(src),
        ]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        wheels = sorted(dist.glob("*.whl"))
        if proc.returncode != 0 or len(wheels) != 1:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
            raise PluginError(
                f"Building the {DISTRIBUTION} wheel failed (exit {proc.returncode}, "
                f"{len(wheels)} wheel(s)): {' '.join(command)}\n{tail}"
            )
        wheel = wheels[0]
        if not wheel.name.endswith("-py3-none-any.whl"):
            raise PluginError(
                f"{wheel.name} is not a pure-Python py3-none-any wheel; Pyodide cannot load it."
            )
        outdir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(wheel, outdir / wheel.name)
        return outdir / wheel.name


def ensure_wheel(root: Path, cache: Path, package: str = PACKAGE) -> Path:
    """The cached wheel for the current sources, built only when they changed."""
    key = source_digest(root, package)
    slot = cache / key
    built = sorted(slot.glob("*.whl"))
    if len(built) == 1:
        return built[0]
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=cache))
    try:
        build_wheel(root, staging, package)
        try:
            staging.rename(slot)  # atomic: a concurrent build of the same sources may have won
        except OSError:
            if len(sorted(slot.glob("*.whl"))) != 1:
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    prune(cache, keep=key)
    return next(slot.glob("*.whl"))


def prune(cache: Path, keep: str, recent: int = KEEP_RECENT) -> None:
    """Drop old cached wheels, sparing a few recent ones a concurrent build may still be copying."""
    others = [d for d in cache.iterdir() if d.is_dir() and d.name != keep and not d.name.startswith(".")]
    others.sort(key=lambda d: d.stat().st_mtime, reverse=True)
    for stale in others[recent:]:
        shutil.rmtree(stale, ignore_errors=True)


def find_wheels(root: Path, cache: Path) -> list[Path]:
    """The wheels to ship: the prebuilt ones in WHEEL_DIR, else the scorer built from source."""
    override = os.environ.get("WHEEL_DIR")
    if not override:
        return [ensure_wheel(root, cache)]
    wheels = sorted(Path(override).glob("*.whl"))
    if not any(distribution_name(w.name) == DISTRIBUTION for w in wheels):
        raise PluginError(f"WHEEL_DIR={override} holds no {DISTRIBUTION} wheel (wai_scorer-*.whl).")
    return wheels


def distribution_name(wheel_name: str) -> str:
    """``wai_scorer-0.1.0-py3-none-any.whl`` -> ``wai-scorer`` (the normalised project name)."""
    match = _WHEEL_NAME.match(wheel_name)
    if not match:
        raise PluginError(f"Not a wheel file name: {wheel_name}")
    return re.sub(r"[-_.]+", "-", match["dist"]).lower()


def wheel_index(wheels: Iterable[Path]) -> dict[str, Any]:
    """The contents of ``wheels/index.json`` (see ARCHITECTURE.md, "Browser protocol").

    Top-level keys are distribution names mapped to wheel file names, which is all the worker
    needs; ``"files"`` adds each wheel's version, size and sha256 for integrity checks.
    """
    index: dict[str, Any] = {}
    files: dict[str, dict[str, Any]] = {}
    for wheel in sorted(wheels):
        match = _WHEEL_NAME.match(wheel.name)
        if not match:
            raise PluginError(f"Not a wheel file name: {wheel}")
        data = wheel.read_bytes()
        index[distribution_name(wheel.name)] = wheel.name
        files[wheel.name] = {
            "distribution": distribution_name(wheel.name),
            "version": match["version"],
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    if DISTRIBUTION not in index:
        raise PluginError(f"No {DISTRIBUTION} wheel to ship.")
    index["files"] = files
    return index


def copy_assets(site_dir: Path, runtime: Iterable[Path], wheels: Iterable[Path]) -> dict[str, Any]:
    """Copy the runtime and the wheels into the built site and write ``wheels/index.json``."""
    target = site_dir / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for path in runtime:
        shutil.copy2(path, target / path.name)  # copy2 keeps mtimes: stable Last-Modified for caches
    wheel_dir = site_dir / "wheels"
    wheel_dir.mkdir(parents=True, exist_ok=True)
    wheels = list(wheels)
    for path in wheels:
        shutil.copy2(path, wheel_dir / path.name)
    index = wheel_index(wheels)
    (wheel_dir / "index.json").write_text(
        json.dumps(index, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return index


# -- MkDocs events ---------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fail early, before any page is rendered, when the runtime is missing or the wheel won't build."""
    root = project_root(config)
    runtime_files(pyodide_dir(root))
    find_wheels(root, root / ".cache" / "wheel")
    for path in (root / PACKAGE, root / "pyproject.toml"):
        if path.exists() and str(path) not in config.watch:
            config.watch.append(str(path))  # `mkdocs serve` rebuilds (and re-wheels) on scorer edits
    return config


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Pyodide hangs for ever unless the wasm is served as application/wasm; make sure it is."""
    mimetypes.add_type("application/wasm", ".wasm")
    return server


def on_post_build(config: MkDocsConfig) -> None:
    root = project_root(config)
    copy_assets(
        Path(config.site_dir),
        runtime_files(pyodide_dir(root)),
        find_wheels(root, root / ".cache" / "wheel"),
    )
