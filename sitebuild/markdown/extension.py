"""The Python-Markdown extension: the site's ``wai-*`` fences and ``{{ wai:… }}`` placeholders.

Configured under ``markdown_extensions`` (``- sitebuild.markdown``), it works in any converter that
runs Python-Markdown extensions; it needs only the page's source path to name file and line in an
error. Options:

- ``page``: the page's path inside the docs folder (``practice/score.md``);
- ``docs_dir``: the docs folder, to count the page's front-matter lines and to read ``rapport.md``;
- ``use_directory_urls``: the URL layout links to other pages follow (MkDocs' default, true);
- ``exercise_ids``: a dict shared by the pages of one build, so an exercise id is used once per site
  (by default one per converter);
- ``error_class``: the exception a bad page raises (a subclass of ``PageError``).

MkDocs sets ``page`` per page (``hooks/markdown_page.py``); it makes a new converter per page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from .errors import PageError
from .page import Page, front_matter_lines
from .preprocessor import FencePreprocessor, SourceRecorder

#: Before pymdownx.snippets (32) adds to the page: the text as the page's file has it.
RECORD_PRIORITY = 40
#: After whitespace is normalized (30), before superfences reads fenced code (25).
FENCE_PRIORITY = 28


class WaiExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "page": ["", "the page's source path inside the docs folder"],
            "docs_dir": ["docs", "the docs folder"],
            "use_directory_urls": [True, "page URLs end in a folder (MkDocs' default)"],
            "exercise_ids": [{}, "exercise id -> where it is first used, shared by a build's pages"],
            "error_class": [PageError, "the exception a bad page raises"],
        }
        self.text: str | None = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(SourceRecorder(md, self.keep), "wai_source", RECORD_PRIORITY)
        fences = FencePreprocessor(md, self.page, self.getConfig("error_class"))
        md.preprocessors.register(fences, "wai_fences", FENCE_PRIORITY)

    def reset(self) -> None:
        self.text = None

    def keep(self, text: str) -> None:
        self.text = text

    def page(self) -> Page:
        """The page now converted, as far as the options and its file say."""
        src_uri = str(self.getConfig("page") or "")
        docs_dir = Path(self.getConfig("docs_dir") or "docs")
        path = docs_dir / src_uri
        offset = 0
        if src_uri and self.text is not None and path.is_file():
            offset = front_matter_lines(path.read_text(encoding="utf-8-sig"), self.text)
        return Page(
            src_uri=src_uri,
            docs_dir=docs_dir,
            offset=offset,
            use_directory_urls=bool(self.getConfig("use_directory_urls")),
            exercise_ids=self.getConfig("exercise_ids"),
        )


def makeExtension(**kwargs: Any) -> WaiExtension:
    return WaiExtension(**kwargs)
