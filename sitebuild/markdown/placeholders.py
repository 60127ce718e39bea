"""Inline placeholders: ``{{ wai:<form>.<fact> }}`` in prose becomes one fact of a form's key.

``Items {{ wai:wai-s.reverse }} are reverse-keyed`` renders "Items 4 and 10 are reverse-keyed"; the
facts are ``scorer.core.facts``. Code is left alone (fenced blocks and inline code), so a page can
show the syntax itself. Nothing is inserted or removed, so line numbers stay valid.
"""

from __future__ import annotations

import re
from html import escape

from scorer.core.facts import FactError, fact_value

PLACEHOLDER = re.compile(r"\{\{\s*wai:\s*(?P<path>[^{}]*?)\s*\}\}")
PLACEHOLDER_START = re.compile(r"\{\{\s*wai:")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")

#: A placeholder that cannot be expanded: ``(0-based line index, the text as written, reason)``.
Problem = tuple[int, str, str]


def expand(lines: list[str], code: set[int]) -> tuple[list[str], list[Problem]]:
    """``lines`` with every placeholder outside code replaced; also the problems, in page order.

    ``code`` holds the indexes of the lines inside fenced blocks.
    """
    problems: list[Problem] = []

    def replace_one(match: re.Match[str], index: int) -> str:
        try:
            return escape(fact_value(match["path"]), quote=False)
        except FactError as exc:
            problems.append((index, match[0], str(exc)))
            return match[0]

    def expand_prose(text: str, index: int) -> str:
        text = PLACEHOLDER.sub(lambda m: replace_one(m, index), text)
        rest = PLACEHOLDER.sub("", text)
        for stray in PLACEHOLDER_START.finditer(rest):
            shown = rest[stray.start() :][:40].rstrip()
            problems.append((index, shown, "placeholder is not closed with '}}' on the same line"))
        return text

    out = list(lines)
    for index, line in enumerate(lines):
        if index in code or "wai:" not in line:
            continue
        pieces, last = [], 0
        for span in CODE_SPAN.finditer(line):
            pieces += [expand_prose(line[last : span.start()], index), span[0]]
            last = span.end()
        pieces.append(expand_prose(line[last:], index))
        out[index] = "".join(pieces)
    return out, problems
