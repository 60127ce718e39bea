"""The strict build, and what the pyodide_assets hook ships: the runtime and the scorer wheel."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import zipfile
from pathlib import Path

from conftest import ROOT, SiteBuild

# What a browser needs from the npm package `pyodide` 314 (runtime-notes.md, section 3); nothing else.
RUNTIME = {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"}
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_strict_build_passes(site_build: SiteBuild) -> None:
    assert site_build.returncode == 0, site_build.log
    problems = [line for line in site_build.log.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    assert not problems, "\n".join(problems)
    assert (site_build.path / "index.html").is_file()


def test_exactly_the_runtime_files_are_shipped_unchanged(built_site: Path) -> None:
    shipped = {path.name for path in (built_site / "pyodide").iterdir()}
    assert shipped == RUNTIME
    source = ROOT / "node_modules" / "pyodide"
    for name in sorted(RUNTIME):
        assert sha256(built_site / "pyodide" / name) == sha256(source / name), name


def test_pinned_pyodide_is_the_one_shipped(built_site: Path) -> None:
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    installed = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == pinned, "node_modules is stale: run `make setup`"
    assert f'"{pinned}"' in (built_site / "pyodide" / "pyodide.mjs").read_text(encoding="utf-8")
    lock = json.loads((built_site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["info"]["python"].startswith("3.14.")


def test_wheel_index_names_the_shipped_wheel(built_site: Path) -> None:
    wheels = built_site / "wheels"
    index = json.loads((wheels / "index.json").read_text(encoding="utf-8"))
    name = index["wai-scorer"]
    assert name == f"wai_scorer-{VERSION}-py3-none-any.whl"
    assert {p.name for p in wheels.iterdir()} == {"index.json", name}
    assert index["files"][name] == {
        "distribution": "wai-scorer",
        "version": VERSION,
        "size": (wheels / name).stat().st_size,
        "sha256": sha256(wheels / name),
    }


def test_wheel_is_pure_and_holds_the_whole_package(built_site: Path) -> None:
    wheel = built_site / "wheels" / f"wai_scorer-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        dist_info = f"wai_scorer-{VERSION}.dist-info"
        tags = archive.read(f"{dist_info}/WHEEL").decode()
        metadata = archive.read(f"{dist_info}/METADATA").decode()
    assert "Root-Is-Purelib: true" in tags
    assert re.findall(r"^Tag: (.+)$", tags, re.M) == ["py3-none-any"]
    assert re.search(r"^Name: wai-scorer$", metadata, re.M)
    assert not re.search(r"^Requires-Dist:", metadata, re.M), "the scorer must have no runtime dependencies"
    instruments = sorted(n for n in names if re.fullmatch(r"scorer/core/instruments/[^/]+\.json", n))
    assert instruments, "no scorer/core/instruments/*.json in the wheel"
    # Every module and data file of the source package is in the wheel (subpackages included).
    sources = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "scorer").rglob("*")
        if path.suffix in {".py", ".json"} and "__pycache__" not in path.parts
    }
    assert sources - names == set()
