"""The page-level build: a Python-Markdown extension for the site's ``wai-*`` fences and
``{{ wai:<form>.<fact> }}`` placeholders (``markdown_extensions: - sitebuild.markdown``).

Facts come from ``scorer.core``, markup from ``scorer.html``; nothing here imports a site generator.
"""

from __future__ import annotations

from .errors import BodyError, PageError
from .extension import WaiExtension, makeExtension

__all__ = ["BodyError", "PageError", "WaiExtension", "makeExtension"]
