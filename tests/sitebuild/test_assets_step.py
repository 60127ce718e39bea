"""The runtime and wheel steps: Pyodide's files, the cached pure wheel, wheels/index.json (the site
tests cover a real build, test_pycompile_step.py the compiled wheel)."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from sitebuild.postbuild import cache as cache_step
from sitebuild.postbuild import index as index_step
from sitebuild.postbuild import runtime as runtime_step
from sitebuild.postbuild import wheel as wheel_step
from sitebuild.postbuild.errors import PostBuildError

RUNTIME = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]


@pytest.fixture(autouse=True)
def _no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYODIDE_DIR", raising=False)
    monkeypatch.delenv("WHEEL_DIR", raising=False)


def make_runtime(folder: Path, names: list[str] = RUNTIME) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(f"fake {name}".encode())
    return folder


def make_project(root: Path, version: str = "1.2.3") -> Path:
    """A tiny project shaped like ours: distribution wai-scorer, package scorer/ with a data file."""
    (root / "scorer" / "instruments").mkdir(parents=True)
    (root / "scorer" / "__init__.py").write_text('"""Toy."""\n', encoding="utf-8")
    (root / "scorer" / "instruments" / "toy.json").write_text("{}\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(
        f"""[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "wai-scorer"
version = "{version}"

[tool.setuptools]
packages = ["scorer"]

[tool.setuptools.package-data]
scorer = ["instruments/*.json"]
""",
        encoding="utf-8",
    )
    return root


def fake_wheel(folder: Path, name: str = "wai_scorer-1.2.3-py3-none-any.whl", body: bytes = b"wheel") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(body)
    return folder / name


# -- the runtime -------------------------------------------------------------------------------------


def test_runtime_files_are_the_five_browser_files_in_order(tmp_path: Path) -> None:
    runtime = make_runtime(tmp_path / "pyodide")
    (runtime / "pyodide.js.map").write_text("not shipped", encoding="utf-8")
    assert [p.name for p in runtime_step.runtime_files(runtime)] == RUNTIME


@pytest.mark.parametrize("missing", RUNTIME)
def test_a_missing_runtime_file_stops_the_build_and_says_how_to_fix_it(tmp_path: Path, missing: str) -> None:
    runtime = make_runtime(tmp_path / "pyodide", [n for n in RUNTIME if n != missing])
    with pytest.raises(PostBuildError) as error:
        runtime_step.runtime_files(runtime)
    message = str(error.value)
    assert str(runtime / missing) in message
    assert "npm ci" in message and "make setup" in message


def test_pyodide_dir_defaults_to_node_modules_and_honours_the_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runtime_step.pyodide_dir(tmp_path) == tmp_path / "node_modules" / "pyodide"
    monkeypatch.setenv("PYODIDE_DIR", str(tmp_path / "elsewhere"))
    assert runtime_step.pyodide_dir(tmp_path) == tmp_path / "elsewhere"


# -- the source digest and the wheel cache ------------------------------------------------------------


def test_digest_follows_sources_and_ignores_bytecode(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    first = wheel_step.source_digest(root)
    (root / "scorer" / "__pycache__").mkdir()
    (root / "scorer" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert wheel_step.source_digest(root) == first
    (root / "scorer" / "instruments" / "toy.json").write_text('{"changed": 1}\n', encoding="utf-8")
    second = wheel_step.source_digest(root)
    assert second != first
    (root / "scorer" / "new.py").write_text("", encoding="utf-8")
    third = wheel_step.source_digest(root)
    assert third != second
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text() + "\n# edit\n", encoding="utf-8"
    )
    assert wheel_step.source_digest(root) != third


def test_digest_needs_the_package(tmp_path: Path) -> None:
    with pytest.raises(PostBuildError, match="package folder"):
        wheel_step.source_digest(tmp_path)


def test_wheel_is_rebuilt_only_when_sources_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = make_project(tmp_path / "p"), tmp_path / "cache"
    builds: list[Path] = []

    def build(project: Path, outdir: Path, package: str = "scorer") -> Path:
        builds.append(outdir)
        return fake_wheel(outdir, body=f"build {len(builds)}".encode())

    monkeypatch.setattr(wheel_step, "build_wheel", build)
    first = wheel_step.ensure_wheel(root, cache)
    assert wheel_step.ensure_wheel(root, cache) == first
    assert len(builds) == 1
    assert first.parent == cache / wheel_step.source_digest(root)

    (root / "scorer" / "__init__.py").write_text('"""Changed."""\n', encoding="utf-8")
    second = wheel_step.ensure_wheel(root, cache)
    assert len(builds) == 2 and second != first and second.read_bytes() == b"build 2"
    assert sorted(p.name for p in cache.iterdir()) == sorted([first.parent.name, second.parent.name])


def test_old_cached_wheels_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for age, name in enumerate(["current", "new1", "new2", "new3", "old1", "old2"]):
        (cache / name).mkdir(parents=True)
        os.utime(cache / name, (1_000_000 - age, 1_000_000 - age))
    (cache / ".staging").mkdir()
    cache_step.prune(cache, keep="current", recent=3)
    assert sorted(p.name for p in cache.iterdir()) == [".staging", "current", "new1", "new2", "new3"]


def test_a_failed_build_leaves_no_cache_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = make_project(tmp_path / "p"), tmp_path / "cache"

    def fail(project: Path, outdir: Path, package: str = "scorer") -> Path:
        raise PostBuildError("boom")

    monkeypatch.setattr(wheel_step, "build_wheel", fail)
    with pytest.raises(PostBuildError, match="boom"):
        wheel_step.ensure_wheel(root, cache)
    assert list(cache.iterdir()) == []


def test_build_wheel_makes_a_pure_wheel_with_the_data_files(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    built = wheel_step.build_wheel(root, tmp_path / "out")
    assert built.name == "wai_scorer-1.2.3-py3-none-any.whl"
    with zipfile.ZipFile(built) as archive:
        assert {"scorer/__init__.py", "scorer/instruments/toy.json"} <= set(archive.namelist())
    assert not (root / "build").exists() and not list(root.glob("*.egg-info")), "the work tree stays clean"


def test_a_broken_project_fails_with_the_build_output(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "pyproject.toml").write_text("[project\nname = broken", encoding="utf-8")
    with pytest.raises(PostBuildError, match=r"Building the wai-scorer wheel failed \(exit [1-9]") as error:
        wheel_step.build_wheel(root, tmp_path / "out")
    assert "pyproject.toml" in str(error.value)


# -- wheels/index.json and the copy ------------------------------------------------------------------


def test_distribution_names_are_normalised() -> None:
    assert index_step.distribution_name("wai_scorer-0.1.0-py3-none-any.whl") == "wai-scorer"
    assert index_step.distribution_name("Foo.Bar-2.0-1-py3-none-any.whl") == "foo-bar"
    with pytest.raises(PostBuildError):
        index_step.distribution_name("scorer.zip")


def entry(body: bytes, version: str = "1.2.3", distribution: str = "wai-scorer") -> dict:
    return {
        "distribution": distribution,
        "version": version,
        "size": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }


def test_wheel_index_maps_names_names_the_compiled_wheel_and_records_integrity(tmp_path: Path) -> None:
    ours = fake_wheel(tmp_path, body=b"ours")
    other = fake_wheel(tmp_path, "extra_dep-2.0-py3-none-any.whl", b"other")
    compiled = fake_wheel(tmp_path, "wai_scorer-1.2.3-cp314-none-any.whl", b"pyc")
    assert index_step.wheel_index([other, ours], compiled) == {
        "wai-scorer": ours.name,
        "extra-dep": other.name,
        "pyodide": {"wai-scorer": compiled.name},
        "files": {
            ours.name: entry(b"ours"),
            other.name: entry(b"other", "2.0", "extra-dep"),
            compiled.name: entry(b"pyc"),
        },
    }


def test_wheel_index_requires_the_scorer_both_ways(tmp_path: Path) -> None:
    compiled = fake_wheel(tmp_path, "wai_scorer-1.2.3-cp314-none-any.whl")
    with pytest.raises(PostBuildError, match="No wai-scorer wheel"):
        index_step.wheel_index([fake_wheel(tmp_path, "other-1.0-py3-none-any.whl")], compiled)
    with pytest.raises(PostBuildError, match="not a wai-scorer wheel"):
        index_step.wheel_index([fake_wheel(tmp_path)], fake_wheel(tmp_path, "other-1.0-cp314-none-any.whl"))


def test_runtime_and_wheels_are_copied_with_the_index(tmp_path: Path) -> None:
    files = runtime_step.runtime_files(make_runtime(tmp_path / "runtime"))
    pure = fake_wheel(tmp_path / "wheels-in")
    compiled = fake_wheel(tmp_path / "wheels-in", "wai_scorer-1.2.3-cp314-none-any.whl", b"pyc")
    site = tmp_path / "site"
    (site / "wheels").mkdir(parents=True)
    (site / "wheels" / "wai_scorer-1.0.0-py3-none-any.whl").write_bytes(b"stale")
    runtime_step.copy_runtime(site, files)
    written = index_step.publish(site, [pure], compiled)
    assert sorted(p.name for p in (site / "pyodide").iterdir()) == sorted(RUNTIME)
    shipped = sorted(p.name for p in (site / "wheels").iterdir())
    assert shipped == sorted([pure.name, compiled.name, "index.json"])
    assert (site / "wheels" / compiled.name).read_bytes() == b"pyc"
    assert json.loads((site / "wheels" / "index.json").read_text(encoding="utf-8")) == written
    assert written["pyodide"]["wai-scorer"] == compiled.name


def test_wheel_dir_override_ships_prebuilt_wheels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prebuilt = tmp_path / "prebuilt"
    shipped = fake_wheel(prebuilt)
    monkeypatch.setenv("WHEEL_DIR", str(prebuilt))
    monkeypatch.setattr(wheel_step, "build_wheel", lambda *a, **k: pytest.fail("must not build"))
    assert wheel_step.find_wheels(tmp_path, tmp_path / "cache") == [shipped]
    shipped.unlink()
    with pytest.raises(PostBuildError, match="WHEEL_DIR"):
        wheel_step.find_wheels(tmp_path, tmp_path / "cache")
