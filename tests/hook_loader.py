"""Load a MkDocs hook from ``hooks/`` by path, a fresh module each time, as MkDocs loads it.

MkDocs runs a hook with the hook's folder on ``sys.path`` (so ``import fence_kit`` works);
``tests/conftest.py`` puts ``hooks/`` there for the whole session.
"""

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
