"""MkDocs hook: tells the page-level extension (``sitebuild.markdown``) which page it converts.

The fences and placeholders are a Python-Markdown extension, configured under ``markdown_extensions``
in ``mkdocs.yml``, that needs only each page's source path. MkDocs makes a new Markdown converter
per page from ``mdx_configs`` after ``on_page_markdown``, so setting the path there reaches the page's
converter. The extension raises the error class handed in here, which MkDocs reads as a build error:
the build stops with ``docs/<page>:<line>: <fence>: <reason>`` and no traceback.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitebuild.markdown import PageError

EXTENSION = "sitebuild.markdown"


class MarkdownPageError(PageError, PluginError):
    """A bad page, as the extension reports it and as MkDocs aborts a build on it."""


def extension_options(config: MkDocsConfig) -> dict[str, Any]:
    """The extension's options in ``config`` (it must be among the Markdown extensions)."""
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"hooks/markdown_page.py: add '- {EXTENSION}' to markdown_extensions in mkdocs.yml")
    options: dict[str, Any] = config.mdx_configs.setdefault(EXTENSION, {})
    return options


@event_priority(0)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Build-wide options: the docs folder, the URL layout, one exercise-id register per build."""
    extension_options(config).update(
        docs_dir=config.docs_dir,
        use_directory_urls=config.use_directory_urls,
        exercise_ids={},
        error_class=MarkdownPageError,
    )
    return config


@event_priority(-100)  # last: the path is read when the page's converter is made, right after this
def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Any) -> str:
    extension_options(config)["page"] = page.file.src_uri
    return markdown
