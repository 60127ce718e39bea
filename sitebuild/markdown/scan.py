"""The one fence scanner: every top-level fenced block of a page, with its lines.

Fences inside other fences are part of the outer block (a code sample that shows a fence), so they
are never ours. A fence may be indented or quoted (inside an admonition, a tab, a list item or a
block quote): the prefix of its opening line is taken off its body lines. An unclosed fence runs to
the end of the page, as Markdown reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = re.compile(r"^(?P<prefix>[ \t>]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)")
#: The fence's name in its info string: ``wai-key``, ``.wai-key``, ``{.wai-key}`` or ``{ .wai-key }``.
NAME = re.compile(r"^\{?[ \t]*\.?(?P<name>[\w-]+)")


@dataclass(frozen=True)
class Fence:
    """One top-level fenced block; ``start`` and ``end`` are 0-based line indexes of the page."""

    name: str  # the first word of the info string ('' when there is none)
    start: int  # the opening line
    end: int  # the closing line (len(lines) when the fence is never closed)
    prefix: str  # what stands before the opening fence: spaces, tabs, '>'
    body: str  # the lines between, with the prefix taken off


def _closing(fence: str) -> re.Pattern[str]:
    return re.compile(rf"^[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")


def _unprefixed(line: str, width: int) -> str:
    return line[width:] if line[:width].strip(" \t>") == "" else line


def scan(lines: list[str]) -> list[Fence]:
    """Every top-level fence of the page, in page order."""
    fences: list[Fence] = []
    i = 0
    while i < len(lines):
        match = OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        closing = _closing(match["fence"])
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        width = len(match["prefix"])
        name = NAME.match(match["info"])
        body = "\n".join(_unprefixed(line, width) for line in lines[i + 1 : j])
        fences.append(Fence(name["name"] if name else "", i, j, match["prefix"], body))
        i = j + 1
    return fences


def code_lines(fences: list[Fence]) -> set[int]:
    """The indexes of every line inside a fence, its opening and closing lines included."""
    return {n for fence in fences for n in range(fence.start, fence.end + 1)}
