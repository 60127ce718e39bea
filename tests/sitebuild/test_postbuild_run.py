"""The whole post-build step over a real site: the MkDocs hook and ``python -m sitebuild.postbuild``
give the same site, a second run changes nothing, and nothing in ``sitebuild`` needs MkDocs."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shared_site import ROOT, mkdocs_build, shared_site


@pytest.fixture(scope="module")
def built_site() -> Path:
    build = shared_site()
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {build.returncode}):\n{build.log}")
    return build.path


def postbuild(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m sitebuild.postbuild`` from another folder, as any generator's pipeline would."""
    return subprocess.run(
        [sys.executable, "-m", "sitebuild.postbuild", str(site), *args],
        cwd=site.parent, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ in content or exist on one side only (relative paths)."""
    names = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    same = [n for n in names if (left / n).is_file() and (right / n).is_file()
            and filecmp.cmp(left / n, right / n, shallow=False)]
    return sorted(names - set(same))


def content_hooks() -> list[str]:
    """The hooks mkdocs.yml lists, without the post-build one."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^hooks:\n((?:  - .+\n)+)", config, re.M)
    assert block, "mkdocs.yml lists no hooks"
    hooks = [line.strip()[2:] for line in block.group(1).splitlines()]
    assert "hooks/postbuild.py" in hooks
    return [str(ROOT / h) for h in hooks if h != "hooks/postbuild.py"]


def test_running_again_over_the_built_site_changes_nothing(built_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    proc = postbuild(copy)
    assert proc.returncode == 0, proc.stderr
    assert differences(built_site, copy) == []


def test_the_command_finishes_a_site_built_without_the_hook(built_site: Path, tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    hooks = "".join(f"  - {h}\n" for h in content_hooks())
    config.write_text(  # paths relative to mkdocs.yml, made absolute for a config in another folder
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
        f"theme:\n  custom_dir: {ROOT / 'overrides'}\nhooks:\n{hooks}",
        "utf-8",
    )
    raw = mkdocs_build(tmp_path / "raw", "--config-file", str(config))
    assert raw.returncode == 0, raw.log
    assert not (raw.path / "wheels").exists() and "Content-Security-Policy" not in (
        raw.path / "index.html"
    ).read_text(encoding="utf-8"), "the variant build must leave the post-build work undone"
    proc = postbuild(raw.path)
    assert proc.returncode == 0, proc.stderr
    assert differences(built_site, raw.path) == []


def test_a_folder_that_is_not_a_site_is_a_one_line_error(tmp_path: Path) -> None:
    proc = postbuild(tmp_path)
    assert proc.returncode == 1
    message = f"sitebuild.postbuild: {tmp_path}: not a built site (no index.html)"
    assert proc.stderr.strip().splitlines() == [message]


def _imported_by(package: str, roots: tuple[str, ...]) -> str:
    """The modules under ``roots`` that importing every module of ``package`` loads (a fresh process)."""
    code = (
        f"import pkgutil, importlib, sys, {package} as p\n"
        f"for m in pkgutil.walk_packages(p.__path__, '{package}.'): importlib.import_module(m.name)\n"
        f"print(sorted(n for n in sys.modules if n.split('.')[0] in {roots!r}))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd="/")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_sitebuild_never_imports_mkdocs() -> None:
    assert _imported_by("sitebuild", ("mkdocs", "material")) == "[]"


def test_the_post_build_step_never_imports_the_scorer() -> None:
    """It ships the scorer as a wheel built from the sources (the page pass, sitebuild.markdown, renders
    with the scorer)."""
    assert _imported_by("sitebuild.postbuild", ("mkdocs", "material", "scorer")) == "[]"
