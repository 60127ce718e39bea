"""Load a MkDocs hook from ``hooks/`` by path, a fresh module each time, as MkDocs loads it
(the hooks are files, not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

HOOKS = Path(__file__).resolve().parents[1] / "hooks"


def load_hook(filename: str, name: str) -> ModuleType:
    """``hooks/<filename>`` as the module ``name`` (registered in ``sys.modules``)."""
    spec = importlib.util.spec_from_file_location(name, HOOKS / filename)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the hook loads
    spec.loader.exec_module(module)
    return module
