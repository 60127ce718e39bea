"""The two errors of the page build: one in a fence body, and the one a page build stops with.

A fence handler raises :class:`BodyError` with the line inside the fence; the preprocessor, which
knows the page and where the fence starts, turns it into :class:`PageError`
(``docs/<page>:<line>: <fence>: <reason>``). Neither depends on a site generator: the MkDocs adapter
(``hooks/markdown_page.py``) hands in a subclass that MkDocs also reads as a build error.
"""

from __future__ import annotations


class BodyError(Exception):
    """A problem in a fence body.

    ``line`` counts from the opening fence: 0 is the opening line, 1 the first body line; ``None``
    names the page only (a problem with no line of its own). ``named=False`` leaves the fence's name
    out of the message (the exercise errors the educators' page quotes have none).
    """

    def __init__(self, line: int | None, reason: str, *, named: bool = True) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason
        self.named = named


class PageError(Exception):
    """A page that must not be built: ``docs/<page>:<line>: <what>: <reason>`` (one line)."""
