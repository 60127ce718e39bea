"""The page pass: render every ``wai-*`` fence once, stash its HTML, expand the placeholders.

It runs after Python-Markdown normalizes whitespace and before superfences reads fences, so our
fences never reach superfences and the HTML goes into the page the way superfences would put it (a
stash placeholder with the fence's indentation, on one line, so it stays inside an admonition or a
tab). Any problem stops the conversion with ``docs/<page>:<line>: ...``.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from .errors import BodyError
from .fences import PREFIX, RENDERERS
from .page import Page
from .placeholders import expand
from .scan import Fence, code_lines, scan


class SourceRecorder(Preprocessor):
    """Keeps the page text exactly as the converter was given it (before snippets add to it)."""

    def __init__(self, md: Markdown, keep: Callable[[str], None]) -> None:
        super().__init__(md)
        self.keep = keep

    def run(self, lines: list[str]) -> list[str]:
        self.keep("\n".join(lines))
        return lines


class FencePreprocessor(Preprocessor):
    """Our fences out (as stashed HTML), our placeholders filled in, or a :class:`PageError`."""

    def __init__(self, md: Markdown, page: Callable[[], Page], error: type[Exception]) -> None:
        super().__init__(md)
        self.page = page
        self.error = error

    def run(self, lines: list[str]) -> list[str]:
        page = self.page()
        fences = scan(lines)
        html = {fence.start: self.render(fence, page) for fence in fences if fence.name.startswith(PREFIX)}
        lines, problems = expand(lines, code_lines(fences))
        if problems:
            index, text, reason = problems[0]
            raise self.error(f"{page.where}:{page.file_line(index)}: {text}: {reason}")
        out: list[str] = []
        last = 0
        for fence in fences:
            if fence.start in html:
                out += lines[last : fence.start]
                out.append(fence.prefix + self.md.htmlStash.store(html[fence.start]))
                last = fence.end + 1
        return out + lines[last:]

    def render(self, fence: Fence, page: Page) -> str:
        renderer = RENDERERS.get(fence.name)
        if renderer is None:
            known = ", ".join(sorted(RENDERERS))
            where = f"{page.where}:{page.file_line(fence.start)}"
            raise self.error(f"{where}: unknown fence {fence.name!r}; known wai fences: {known}")
        try:
            return renderer(fence, page)
        except BodyError as exc:
            line = "" if exc.line is None else f":{page.file_line(fence.start) + exc.line}"
            name = f"{fence.name}: " if exc.named else ""
            raise self.error(f"{page.where}{line}: {name}{exc.reason}") from None

