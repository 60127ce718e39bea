"""Converting a page with ``sitebuild.markdown`` and the site's other extensions, as MkDocs does
(a new converter per page), but without MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest

from sitebuild.markdown import PageError

#: The site's Markdown extensions (mkdocs.yml) that change how a fence is read.
SITE_EXTENSIONS: list[Any] = [
    "admonition", "attr_list", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences",
    "pymdownx.tabbed", "sitebuild.markdown",
]


def converter(
    page: str = "scoring.md", docs_dir: Path | str = "no-such/docs", **options: Any
) -> markdown.Markdown:
    """A converter for ``page``; by default its docs folder does not exist (no front matter)."""
    configs = {"sitebuild.markdown": {"page": page, "docs_dir": str(docs_dir), **options},
               "pymdownx.tabbed": {"alternate_style": True}}
    return markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs=configs)


def convert(text: str, page: str = "scoring.md", **options: Any) -> str:
    return converter(page, **options).convert(text)


def error(text: str, page: str = "scoring.md", **options: Any) -> str:
    """The one-line message a bad page stops with."""
    with pytest.raises(PageError) as info:
        convert(text, page, **options)
    message = str(info.value)
    assert "\n" not in message
    return message


def write_page(docs: Path, page: str, source: str) -> str:
    """Write ``docs/<page>`` and return the text MkDocs hands the converter (front matter cut)."""
    path = docs / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return source.split("---\n", 2)[2].lstrip("\n") if source.startswith("---\n") else source
