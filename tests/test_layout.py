"""Rules about the code itself that no linter checks for us (ARCHITECTURE.md, "Layout").

import-linter checks the layers and cycles and mypy the types (``make lint``); this checks that no
module imports another module's ``_private`` name, that no module grows past 400 lines, and that
the scorer never imports the site generator.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted([*ROOT.glob("scorer/**/*.py"), *ROOT.glob("hooks/*.py"), *ROOT.glob("sitebuild/**/*.py")])
MAX_LINES = 400


def _imports(path: Path) -> list[tuple[int, str, str]]:
    """``(line, module, name)`` for every ``from module import name`` in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        (node.lineno, "." * node.level + (node.module or ""), alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]


def test_there_are_modules_to_check() -> None:
    assert len(MODULES) > 40


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_crosses_a_module_line(path: Path) -> None:
    crossing = [
        f"{path.relative_to(ROOT)}:{line}: from {module} import {name}"
        for line, module, name in _imports(path)
        if name.startswith("_") and not name.startswith("__") and module != "__future__"
    ]
    assert not crossing


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_400_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def test_the_scorer_never_imports_the_site_generator() -> None:
    for path in ROOT.glob("scorer/**/*.py"):
        for _line, module, _name in _imports(path):
            assert module.split(".")[0] not in {"mkdocs", "pymdownx", "markdown", "yaml"}, path
        assert "import mkdocs" not in path.read_text(encoding="utf-8"), path


def test_the_site_build_never_imports_the_site_generator() -> None:
    """sitebuild/ runs under any generator that runs Python-Markdown extensions (issue 9, item 4)."""
    for path in ROOT.glob("sitebuild/**/*.py"):
        for _line, module, _name in _imports(path):
            assert module.split(".")[0] != "mkdocs", path
        assert "import mkdocs" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("path", sorted(ROOT.glob("hooks/*.py")), ids=lambda p: p.name)
def test_hooks_are_thin_adapters(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 150, f"{path.relative_to(ROOT)} has {lines} lines"


def test_the_detector_sees_a_private_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from .other import _helper, public\nfrom __future__ import annotations\n")
    assert [name for _, _, name in _imports(sample)] == ["_helper", "public", "annotations"]
