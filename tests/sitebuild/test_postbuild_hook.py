"""hooks/postbuild.py: a thin MkDocs adapter over sitebuild.postbuild, first on config, last on build."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from types import SimpleNamespace

import pytest
from hook_loader import HOOKS, load_hook
from mkdocs.exceptions import PluginError

hook = load_hook("postbuild.py", "postbuild_hook_under_test")


def fake_config(root: Path) -> SimpleNamespace:
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), site_dir=str(root / "site"), watch=[])


def test_the_hook_is_thin_and_ordered() -> None:
    assert len((HOOKS / "postbuild.py").read_text(encoding="utf-8").splitlines()) <= 150
    assert hook.on_config.mkdocs_priority > 0  # before the content hooks: fail before any page
    assert hook.on_post_build.mkdocs_priority < 0  # after every other plugin has written its files


def test_a_missing_runtime_fails_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYODIDE_DIR", raising=False)
    (tmp_path / "scorer").mkdir()
    with pytest.raises(PluginError, match="npm ci"):
        hook.on_config(fake_config(tmp_path))


def test_config_watches_the_scorer_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hook, "prepare", lambda root: None)
    (tmp_path / "scorer").mkdir()
    config = fake_config(tmp_path)
    assert hook.on_config(config) is config
    assert config.watch == [str(tmp_path / "scorer")], "mkdocs serve must rebuild when the scorer changes"


def test_post_build_runs_the_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Path, Path]] = []
    monkeypatch.setattr(hook, "run", lambda site, root: calls.append((site, root)))
    hook.on_post_build(fake_config(tmp_path))
    assert calls == [(tmp_path / "site", tmp_path)]


def test_post_build_reports_the_step_error_as_a_build_error(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="not a built site"):
        hook.on_post_build(fake_config(tmp_path / "nowhere"))


def test_serving_maps_wasm_to_its_mime_type() -> None:
    hook.on_serve(server=None, config=None, builder=None)
    assert mimetypes.guess_type("pyodide.asm.wasm")[0] == "application/wasm"
