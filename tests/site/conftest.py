"""Shared fixtures for the build-level site tests (everything under tests/site/).

The strict build runs ONCE per test session, into a temporary folder, from the repository root,
exactly as `make site` runs it (``mkdocs build --strict``), so every test here sees the same
site and the build cost is paid once. Use the fixtures, never build again yourself:

    def test_wai_page_lists_items(built_site: Path, html_pages: dict[str, str]) -> None:
        assert (built_site / "wai" / "index.html").is_file()
        assert "Item 1" in html_pages["wai/index.html"]

- ``site_build``: the raw result (``SiteBuild``: ``path``, ``returncode``, ``log``), for tests of
  the build itself; it never fails by itself.
- ``built_site``: the path of the built site; fails (with the build log) when the build failed.
- ``html_pages``: ``{"wai/index.html": "<html>...", ...}`` for every built HTML page, keyed by its
  POSIX path relative to the site root.

Do not add an ``__init__.py`` here: the package would be named ``site`` and shadow the standard
library module of that name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class SiteBuild:
    path: Path
    returncode: int
    log: str


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    site = tmp_path_factory.mktemp("built-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return SiteBuild(path=site, returncode=proc.returncode, log=proc.stdout + proc.stderr)


@pytest.fixture(scope="session")
def built_site(site_build: SiteBuild) -> Path:
    if site_build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {site_build.returncode}):\n{site_build.log}")
    return site_build.path


@pytest.fixture(scope="session")
def html_pages(built_site: Path) -> dict[str, str]:
    return {
        page.relative_to(built_site).as_posix(): page.read_text(encoding="utf-8")
        for page in sorted(built_site.rglob("*.html"))
    }
