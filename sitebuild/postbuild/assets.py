"""The runtime files a scorer page loads: Pyodide itself, the pure wheel and its py-compiled twin.

``prepare`` makes (or finds in ``.cache/``) everything before anything is copied, so a missing runtime
or a wheel that does not build or compile fails early; ``ship`` copies it into the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .index import DISTRIBUTION, distribution_name, publish
from .pycompile import ensure_compiled, tool_dir
from .runtime import copy_runtime, pyodide_dir, runtime_files
from .wheel import find_wheels


@dataclass(frozen=True)
class Assets:
    runtime: list[Path]
    wheels: list[Path]
    compiled: Path


def prepare(root: Path) -> Assets:
    """Find the runtime, build the pure wheel and py-compile it, each cached under ``root/.cache``."""
    pyodide = pyodide_dir(root)
    runtime = runtime_files(pyodide)
    wheels = find_wheels(root, root / ".cache" / "wheel")
    scorer = next(w for w in wheels if distribution_name(w.name) == DISTRIBUTION)
    compiled = ensure_compiled(scorer, root / ".cache" / "pyc", pyodide, tool_dir(root))
    return Assets(runtime, wheels, compiled)


def ship(site_dir: Path, assets: Assets) -> None:
    copy_runtime(site_dir, assets.runtime)
    publish(site_dir, assets.wheels, assets.compiled)
