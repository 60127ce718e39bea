"""Shared fixtures for the build-level site tests (everything under tests/site/).

Every test here sees the one shared strict build (``tests/shared_site.py``: the site ``make test``
built, or one build per test session), so the build cost is paid once. Use the fixtures, never
build again yourself:

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

from pathlib import Path

import pytest
from shared_site import ROOT, SiteBuild, shared_site

__all__ = ["ROOT", "SiteBuild"]


@pytest.fixture(scope="session")
def site_build() -> SiteBuild:
    return shared_site()


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
