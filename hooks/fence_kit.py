"""What the fence hooks (``wai_fences``, ``widgets``, ``selfassessment``, ``exercises``) share.

A fence hook registers a superfences formatter in ``on_config``, checks every body in
``on_page_markdown`` (where the page and its line numbers are known) and stops the build with
``docs/<page>:<line>: <fence>: <reason>``. The pieces for that live here once: the error types, the
``key: value`` body parser, the registration, and finding a page's fences and front matter.

MkDocs loads each hook with the hook's folder on ``sys.path``, so a hook imports this module as
``fence_kit`` (the tests put ``hooks/`` on ``sys.path`` in ``tests/conftest.py``). It keeps no state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException


class FenceError(PluginError, SuperFencesException):
    """A bad fence body. Superfences re-raises it (it swallows other errors) and MkDocs aborts."""


class BodyError(Exception):
    """A problem in a fence body at ``line``: 1-based inside the body, 0 = the opening fence line."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class Field(NamedTuple):
    """One ``key: value`` of a body and the body line it stands on (unpacks as ``value, line``)."""

    value: str
    line: int


Body = dict[str, Field]


def parse_key_values(source: str, allowed: Iterable[str]) -> Body:
    """``key: value`` lines; blank lines and ``#`` comments are skipped."""
    allowed = tuple(allowed)
    body: Body = {}
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise BodyError(number, f"expected 'key: value', found {line!r}")
        if key not in allowed:
            known = ", ".join(allowed) if allowed else "none (this fence takes no settings)"
            raise BodyError(number, f"unknown key {key!r}; allowed keys: {known}")
        if key in body:
            raise BodyError(number, f"key {key!r} is given twice (first on line {body[key].line})")
        if not value:
            raise BodyError(number, f"key {key!r} has no value")
        body[key] = Field(value, number)
    return body


def register_fences(config: Any, names: Iterable[str], format: Callable[..., str]) -> list[dict[str, Any]]:
    """Register ``format`` for each fence name with superfences, replacing an earlier registration
    (``mkdocs serve`` rebuilds) and keeping every other fence. Returns the fence list."""
    names = tuple(names)
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = superfences.setdefault("custom_fences", [])
    fences[:] = [f for f in fences if f.get("name") not in names]
    for name in names:
        fences.append({"name": name, "class": name, "format": format})
    return fences


# --- where a page and its fences are --------------------------------------------------------------


def docs_name(config: Any) -> str:
    """The docs folder's name (``docs``), the start of every path an error names."""
    return Path(getattr(config, "docs_dir", None) or "docs").name or "docs"


def page_where(page: Any, docs: str) -> str:
    """``docs/<page source>``, as a build error names the page."""
    src = getattr(getattr(page, "file", None), "src_uri", None) or "<unknown page>"
    return f"{docs}/{src}"


def front_matter_lines(page: Any, markdown: str) -> int:
    """Lines MkDocs stripped from the top of the file (front matter) before ``on_page_markdown``,
    so reported lines match the file."""
    path = getattr(getattr(page, "file", None), "abs_src_path", None)
    try:
        raw = Path(path).read_text(encoding="utf-8-sig") if path else ""
    except OSError:
        return 0
    raw = raw.replace("\r\n", "\n")
    if markdown and raw.endswith(markdown):
        return raw[: len(raw) - len(markdown)].count("\n")
    return 0


OPEN = re.compile(r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)")
_NAME = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*\{?\.?(?P<name>[^`\s}]*)")


def fence_spans(lines: list[str]) -> list[tuple[int, int, str, int]]:
    """Every top-level fenced block as ``(first line, closing line, info, indent)``, 0-based.

    Fences inside other fences (code samples) are part of the outer block. An unclosed fence runs
    to the end of the page, as Markdown reads it.
    """
    spans: list[tuple[int, int, str, int]] = []
    i = 0
    while i < len(lines):
        match = OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match["fence"]
        close = re.compile(rf"^[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        spans.append((i, j, match["info"], len(match["indent"])))
        i = j + 1
    return spans


def find_named_fences(markdown: str, name: str) -> list[tuple[int, str]]:
    """``(line of the opening fence, body)`` for every top-level fence called ``name``."""
    lines = markdown.splitlines()
    found = []
    for start, end, _info, indent in fence_spans(lines):
        match = _NAME.match(lines[start])
        if match and match["name"] == name:
            found.append((start + 1, "\n".join(line[indent:] for line in lines[start + 1 : end])))
    return found


def formatter_error(
    fence: str, exc: BodyError, source: str, found: Iterable[tuple[int, str]], where: str, offset: int
) -> FenceError:
    """The build error for a bad body met by the superfences formatter, which sees only the body:
    its line comes from the fence of the page (``found``) with the same body ("?" if none)."""
    line = "?"
    for start, body in found:
        if body.strip() == source.strip():
            line = str(offset + start + exc.line)
            break
    return FenceError(f"{where}:{line}: {fence}: {exc.reason}")
