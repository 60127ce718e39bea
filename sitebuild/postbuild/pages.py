"""The built HTML pages of a site folder, and URLs relative to each one (the site may live under a
sub-path, so nothing assumes the server root)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

#: Folders holding runtime files, never pages.
NOT_PAGES = ("pyodide/", "wheels/", "assets/")


def html_pages(site_dir: Path) -> Iterator[Path]:
    """Every HTML document of the site (pages and static templates such as 404.html), sorted."""
    for path in sorted(site_dir.rglob("*.html")):
        if path.is_file() and not path.relative_to(site_dir).as_posix().startswith(NOT_PAGES):
            yield path


def page_path(site_dir: Path, page: Path) -> str:
    """The page's POSIX path inside the site: ``practice/score/index.html``."""
    return page.relative_to(site_dir).as_posix()


def page_url(path: str) -> str:
    """The URL a reader uses for the page, relative to the site root: ``practice/score/``."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def relative_url(target: str, path: str) -> str:
    """``target`` (relative to the site root) as seen from the page at ``path``."""
    return "../" * path.count("/") + target
