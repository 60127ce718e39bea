"""The page being converted, known from its source path alone: where errors point, where links go.

Everything here comes from the page's path inside the docs folder, so the extension needs nothing
from a site generator: error lines count the front matter the generator stripped (read back from the
file), and links to other pages follow MkDocs' URL layout (``use_directory_urls``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

UNKNOWN = "<unknown page>"


def front_matter_lines(raw: str, text: str) -> int:
    """Lines cut from the top of the file ``raw`` (front matter) before it became ``text``."""
    raw = raw.replace("\r\n", "\n")
    if text and raw.endswith(text):
        return raw[: len(raw) - len(text)].count("\n")
    return 0


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page built from ``src_uri``."""
    folder, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    prefix = f"{folder}/" if folder else ""
    if stem in ("index", "README"):
        return prefix if use_directory_urls else f"{prefix}index.html"
    return f"{prefix}{stem}/" if use_directory_urls else f"{prefix}{stem}.html"


def relative_url(page: str, target: str) -> str:
    """``target`` (site-relative, as MkDocs gives it) as seen from the page at ``page``."""
    base = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    rel = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


@dataclass
class Page:
    """One page of one conversion, and what its fences have claimed so far."""

    src_uri: str = ""  # the path inside the docs folder ('' when nobody said)
    docs_dir: Path = Path("docs")
    offset: int = 0  # front-matter lines above the text Markdown was given
    use_directory_urls: bool = True
    #: exercise id -> "docs/<page>:<line>", shared by the pages of one build when the caller passes it
    exercise_ids: dict[str, str] = field(default_factory=dict)
    #: (what, key) -> file line of its first use on this page (widget ids, one self-assessment)
    claimed: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """``docs/<page>``, as every error names the page."""
        return f"{self.docs_dir.name or 'docs'}/{self.src_uri or UNKNOWN}"

    def file_line(self, index: int) -> int:
        """The 1-based line in the source file of the 0-based line ``index`` of the page text."""
        return self.offset + index + 1

    def source(self, src_uri: str) -> str | None:
        """The text of another page of the docs folder (``None`` if there is no such file)."""
        path = self.docs_dir / src_uri
        return path.read_text(encoding="utf-8-sig") if path.is_file() else None

    def link(self, src_uri: str) -> str:
        """The link from this page to the page built from ``src_uri``."""
        here = page_url(self.src_uri, self.use_directory_urls)
        return relative_url(here, page_url(src_uri, self.use_directory_urls))
