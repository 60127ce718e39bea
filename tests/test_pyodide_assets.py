"""Unit tests of the MkDocs hook hooks/pyodide_assets.py (the site tests cover a real build)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import mimetypes
import os
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("pyodide_assets_hook", ROOT / "hooks" / "pyodide_assets.py")
assert _spec and _spec.loader
hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hook)

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
    assert [p.name for p in hook.runtime_files(runtime)] == RUNTIME


@pytest.mark.parametrize("missing", RUNTIME)
def test_a_missing_runtime_file_stops_the_build_and_says_how_to_fix_it(tmp_path: Path, missing: str) -> None:
    runtime = make_runtime(tmp_path / "pyodide", [n for n in RUNTIME if n != missing])
    with pytest.raises(PluginError) as error:
        hook.runtime_files(runtime)
    message = str(error.value)
    assert str(runtime / missing) in message
    assert "npm ci" in message and "make setup" in message


def test_pyodide_dir_defaults_to_node_modules_and_honours_the_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert hook.pyodide_dir(tmp_path) == tmp_path / "node_modules" / "pyodide"
    monkeypatch.setenv("PYODIDE_DIR", str(tmp_path / "elsewhere"))
    assert hook.pyodide_dir(tmp_path) == tmp_path / "elsewhere"


# -- the source digest and the wheel cache ------------------------------------------------------------


def test_digest_follows_sources_and_ignores_bytecode(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    first = hook.source_digest(root)
    (root / "scorer" / "__pycache__").mkdir()
    (root / "scorer" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert hook.source_digest(root) == first
    (root / "scorer" / "instruments" / "toy.json").write_text('{"changed": 1}\n', encoding="utf-8")
    second = hook.source_digest(root)
    assert second != first
    (root / "scorer" / "new.py").write_text("", encoding="utf-8")
    third = hook.source_digest(root)
    assert third != second
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text() + "\n# edit\n", encoding="utf-8"
    )
    assert hook.source_digest(root) != third


def test_digest_needs_the_package(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="package folder"):
        hook.source_digest(tmp_path)


def test_wheel_is_rebuilt_only_when_sources_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = make_project(tmp_path / "p"), tmp_path / "cache"
    builds: list[Path] = []

    def build(project: Path, outdir: Path, package: str = "scorer") -> Path:
        builds.append(outdir)
        return fake_wheel(outdir, body=f"build {len(builds)}".encode())

    monkeypatch.setattr(hook, "build_wheel", build)
    first = hook.ensure_wheel(root, cache)
    assert hook.ensure_wheel(root, cache) == first
    assert len(builds) == 1
    assert first.parent == cache / hook.source_digest(root)

    (root / "scorer" / "__init__.py").write_text('"""Changed."""\n', encoding="utf-8")
    second = hook.ensure_wheel(root, cache)
    assert len(builds) == 2 and second != first and second.read_bytes() == b"build 2"
    assert sorted(p.name for p in cache.iterdir()) == sorted([first.parent.name, second.parent.name])


def test_old_cached_wheels_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for age, name in enumerate(["current", "new1", "new2", "new3", "old1", "old2"]):
        (cache / name).mkdir(parents=True)
        os.utime(cache / name, (1_000_000 - age, 1_000_000 - age))
    (cache / ".staging").mkdir()
    hook.prune(cache, keep="current", recent=3)
    assert sorted(p.name for p in cache.iterdir()) == [".staging", "current", "new1", "new2", "new3"]


def test_a_failed_build_leaves_no_cache_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = make_project(tmp_path / "p"), tmp_path / "cache"

    def fail(project: Path, outdir: Path, package: str = "scorer") -> Path:
        raise PluginError("boom")

    monkeypatch.setattr(hook, "build_wheel", fail)
    with pytest.raises(PluginError, match="boom"):
        hook.ensure_wheel(root, cache)
    assert list(cache.iterdir()) == []


def test_build_wheel_makes_a_pure_wheel_with_the_data_files(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    wheel = hook.build_wheel(root, tmp_path / "out")
    assert wheel.name == "wai_scorer-1.2.3-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        assert {"scorer/__init__.py", "scorer/instruments/toy.json"} <= set(archive.namelist())
    assert not (root / "build").exists() and not list(root.glob("*.egg-info")), "the work tree stays clean"


def test_a_broken_project_fails_with_the_build_output(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "pyproject.toml").write_text("[project\nname = broken", encoding="utf-8")
    with pytest.raises(PluginError, match=r"Building the wai-scorer wheel failed \(exit [1-9]") as error:
        hook.build_wheel(root, tmp_path / "out")
    assert "pyproject.toml" in str(error.value)


# -- wheels/index.json and the copy ------------------------------------------------------------------


def test_distribution_names_are_normalised() -> None:
    assert hook.distribution_name("wai_scorer-0.1.0-py3-none-any.whl") == "wai-scorer"
    assert hook.distribution_name("Foo.Bar-2.0-1-py3-none-any.whl") == "foo-bar"
    with pytest.raises(PluginError):
        hook.distribution_name("scorer.zip")


def test_wheel_index_maps_names_and_records_integrity(tmp_path: Path) -> None:
    ours = fake_wheel(tmp_path, body=b"ours")
    other = fake_wheel(tmp_path, "extra_dep-2.0-py3-none-any.whl", b"other")
    index = hook.wheel_index([other, ours])
    assert index == {
        "wai-scorer": ours.name,
        "extra-dep": other.name,
        "files": {
            ours.name: {
                "distribution": "wai-scorer",
                "version": "1.2.3",
                "size": 4,
                "sha256": hashlib.sha256(b"ours").hexdigest(),
            },
            other.name: {
                "distribution": "extra-dep",
                "version": "2.0",
                "size": 5,
                "sha256": hashlib.sha256(b"other").hexdigest(),
            },
        },
    }


def test_wheel_index_requires_the_scorer(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="No wai-scorer wheel"):
        hook.wheel_index([fake_wheel(tmp_path, "other-1.0-py3-none-any.whl")])


def test_copy_assets_writes_runtime_wheels_and_index(tmp_path: Path) -> None:
    runtime = hook.runtime_files(make_runtime(tmp_path / "runtime"))
    wheel = fake_wheel(tmp_path / "wheels-in")
    site = tmp_path / "site"
    index = hook.copy_assets(site, runtime, [wheel])
    assert sorted(p.name for p in (site / "pyodide").iterdir()) == sorted(RUNTIME)
    assert (site / "wheels" / wheel.name).read_bytes() == b"wheel"
    assert json.loads((site / "wheels" / "index.json").read_text(encoding="utf-8")) == index
    assert index["wai-scorer"] == wheel.name


def test_wheel_dir_override_ships_prebuilt_wheels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prebuilt = tmp_path / "prebuilt"
    wheel = fake_wheel(prebuilt)
    monkeypatch.setenv("WHEEL_DIR", str(prebuilt))
    monkeypatch.setattr(hook, "build_wheel", lambda *a, **k: pytest.fail("must not build"))
    assert hook.find_wheels(tmp_path, tmp_path / "cache") == [wheel]
    wheel.unlink()
    with pytest.raises(PluginError, match="WHEEL_DIR"):
        hook.find_wheels(tmp_path, tmp_path / "cache")


# -- MkDocs events -----------------------------------------------------------------------------------


def fake_config(root: Path) -> SimpleNamespace:
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), site_dir=str(root / "site"), watch=[])


def test_events_build_and_copy_from_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "p")
    make_runtime(root / "node_modules" / "pyodide")
    monkeypatch.setattr(hook, "build_wheel", lambda project, outdir, package="scorer": fake_wheel(outdir))
    config = fake_config(root)
    assert hook.on_config(config) is config
    assert str(root / "scorer") in config.watch, "mkdocs serve must rebuild when the scorer changes"
    hook.on_post_build(config)
    index = json.loads((root / "site" / "wheels" / "index.json").read_text(encoding="utf-8"))
    assert index["wai-scorer"] == "wai_scorer-1.2.3-py3-none-any.whl"
    assert (root / "site" / "pyodide" / "pyodide.asm.wasm").is_file()


def test_on_config_fails_early_without_the_runtime(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with pytest.raises(PluginError, match="npm ci"):
        hook.on_config(fake_config(root))


def test_serving_maps_wasm_to_its_mime_type() -> None:
    hook.on_serve(server=None, config=None, builder=None)
    assert mimetypes.guess_type("pyodide.asm.wasm")[0] == "application/wasm"
