"""Py-compile the scorer wheel for the browser with pyodide-build, inside the pinned Pyodide.

The browser's Python is Pyodide's 3.14; no CPython 3.14 exists here, and bytecode must match the
interpreter that runs it. pyodide-build's ``_py_compile_archive`` (the code behind ``pyodide
py-compile``) is pure Python, so ``pycompile.mjs`` runs it in Pyodide under Node, from the pinned
wheels that ``make setup`` puts in ``vendor/pyodide-build/``. The result,
``wai_scorer-…-cp314-none-any.whl``, holds only ``.pyc`` for the modules; it is checked here before it
is cached, so a failure stops the build and a half-compiled wheel is never shipped.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

from .cache import cached_file
from .errors import PostBuildError

SCRIPT = Path(__file__).with_name("pycompile.mjs")
#: Bump to invalidate every cached compiled wheel when the way it is made changes.
RECIPE = "1"
TIMEOUT = 300  # seconds; booting Pyodide takes a few on a busy 2-core machine


def tool_dir(root: Path) -> Path:
    return root / "vendor" / "pyodide-build"


def tool_wheels(tools: Path) -> list[Path]:
    wheels = sorted(tools.glob("*.whl"))
    if not any(w.name.startswith("pyodide_build-") for w in wheels):
        raise PostBuildError(
            f"{tools} holds no pyodide_build wheel: run `make setup` to fetch the pinned pyodide-build "
            "(sitebuild/pyodide-build-requirements.txt), which py-compiles the scorer for the browser."
        )
    return wheels


def cache_key(pure: Path, pyodide: Path, tools: Path) -> str:
    """The pure wheel's bytes, the Pyodide release (its lock file) and the pinned tool wheels' names."""
    digest = hashlib.sha256(f"recipe {RECIPE}\n".encode())
    digest.update(pure.read_bytes())
    digest.update((pyodide / "pyodide-lock.json").read_bytes())
    digest.update("\n".join(w.name for w in tool_wheels(tools)).encode())
    return digest.hexdigest()[:16]


def check_compiled(pure: Path, compiled: Path) -> None:
    """Every module of the pure wheel is in the compiled one as .pyc only; every other file is kept."""
    with zipfile.ZipFile(pure) as archive:
        before = set(archive.namelist())
    with zipfile.ZipFile(compiled) as archive:
        after = set(archive.namelist())
    expected = {name + "c" if name.endswith(".py") else name for name in before}
    if after != expected:
        missing = sorted(expected - after)[:5]
        extra = sorted(after - expected)[:5]
        raise PostBuildError(
            f"py-compiling {pure.name} gave an incomplete wheel {compiled.name} "
            f"(missing {missing}, unexpected {extra}); nothing was shipped."
        )


def compile_wheel(pure: Path, outdir: Path, pyodide: Path, tools: Path) -> Path:
    """Run pyodide-build in Pyodide under Node on ``pure``; the checked result lands in ``outdir``."""
    node = shutil.which("node")
    if node is None:
        raise PostBuildError("Node (20 or newer) is needed to py-compile the scorer wheel for the browser.")
    tool_wheels(tools)
    command = [node, str(SCRIPT), str(pyodide), str(tools), str(pure), str(outdir)]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, check=False, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise PostBuildError(f"py-compiling {pure.name} in Pyodide took over {TIMEOUT} s; stopped.") from None
    lines = proc.stdout.strip().splitlines()
    compiled = outdir / lines[-1] if lines else None
    if proc.returncode != 0 or compiled is None or not compiled.is_file():
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise PostBuildError(
            f"py-compiling {pure.name} with pyodide-build in Pyodide failed (exit {proc.returncode}): "
            f"{' '.join(command)}\n{tail}"
        )
    if not compiled.name.endswith("-none-any.whl") or "-cp3" not in compiled.name:
        raise PostBuildError(f"py-compiling {pure.name} gave {compiled.name}, not a cp3XX-none-any wheel.")
    check_compiled(pure, compiled)
    return compiled


def ensure_compiled(pure: Path, cache: Path, pyodide: Path, tools: Path) -> Path:
    """The cached compiled wheel for ``pure``, made only when it, Pyodide or the tools changed."""
    key = cache_key(pure, pyodide, tools)
    return cached_file(cache, key, "*.whl", lambda out: compile_wheel(pure, out, pyodide, tools))
