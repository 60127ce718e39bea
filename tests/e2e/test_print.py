"""Printed forms (forms/<id>/), as Chromium prints them on A4 and Letter, light and dark palette.

Each page is printed to PDF with Playwright's ``page.pdf`` (print media, backgrounds on, as a
student who ticks "background graphics" would), then read back with Debian's poppler-utils:
``pdfinfo`` for the page count, ``pdftotext -layout`` for what is on each page, ``pdftoppm`` for the
colour of the page margins. What the review (ux-review.md M2, L10) found, and what must hold:

- the answer sheet carries the sheet only: none of the site's own instructions or links;
- every item row sits whole on one page, once (sheet and scoring grid alike);
- the grid's Sum / Items / Mean rows print once, after item N, on the same page as item N;
- no near-empty page; a 12-item form fits a sheet page and a grid page;
- the dark palette prints as paper (white margins).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

FORMS = {"wai": 36, "wai-s": 12}
BOXES = re.compile(r"^\s*(\d{1,2})\s+\S.*\b1\s+2\s+3\s+4\s+5\s+6\s+7\s*$")  # a sheet row: item, gist, 7 boxes
GRID_ROW = re.compile(r"^\s*(\d{1,2})\s+_{3,}")  # a grid row: item, then the answer blank
FOOTER = {  # the grid's footer rows: blanks under Goal/Task/Bond, or the three item counts
    "Sum": re.compile(r"^\s*Sum\s+_{3,}"),
    "Items": re.compile(r"^\s*Items\s+\d+\s+\d+\s+\d+\s*$"),
    "Mean": re.compile(r"^\s*Mean\b.*_{3,}"),
}
MIN_LINES = 10  # a page with fewer lines of text than this is a near-empty page
SITE_WORDS = ("Print this page", "Ctrl+P", "How to score", "Printable forms")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: the print tests need Debian's poppler-utils (`make pdftools`)",
                    pytrace=False)
    return path


def _pages_of(pdf: Path) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def _texts(pdf: Path) -> list[list[str]]:
    """The non-empty lines of each page."""
    out = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[line for line in page.splitlines() if line.strip()] for page in pages]


def _rows(pages: list[list[str]], pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(page index, item number) of every line that is an item row of that kind."""
    return [(p, int(m.group(1))) for p, page in enumerate(pages)
            for line in page if (m := pattern.match(line))]


def _corner_pixels(pdf: Path, tmp: Path) -> list[tuple[int, int, int]]:
    """The top-left and bottom-right pixel of every page, rendered small (binary PPM, parsed here)."""
    subprocess.run([_tool("pdftoppm"), "-r", "12", str(pdf), str(tmp / "page")], check=True)
    pixels = []
    for ppm in sorted(tmp.glob("page*.ppm")):
        data = ppm.read_bytes()
        magic, width, height, maxval, rest = data.split(maxsplit=4)
        assert magic == b"P6" and maxval == b"255", ppm
        w, h = int(width), int(height)
        for x, y in ((1, 1), (w - 2, h - 2)):
            i = (y * w + x) * 3
            pixels.append((rest[i], rest[i + 1], rest[i + 2]))
    return pixels


def _print(browser: Any, url: str, scheme: str, fmt: str, out: Path) -> Path:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(url)
        page.locator(".wai-printable").wait_for()
        page.pdf(path=str(out), format=fmt, print_background=True)
    finally:
        context.close()
    return out


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("fmt", ["A4", "Letter"])
@pytest.mark.parametrize("form", list(FORMS))
def test_printed_form(browser: Any, site_url: str, tmp_path: Path, form: str, fmt: str, scheme: str) -> None:
    n = FORMS[form]
    pdf = _print(browser, f"{site_url}forms/{form}/", scheme, fmt, tmp_path / "form.pdf")
    pages = _texts(pdf)
    assert len(pages) == _pages_of(pdf)
    everything = "\n".join("\n".join(page) for page in pages)

    # The sheet only: the page's own instructions and links stay on screen.
    for words in SITE_WORDS:
        assert words not in everything, f"{words!r} printed on the {form} sheet"
    assert "answer sheet" in everything and "scoring grid" in everything

    # Every item row of the sheet and of the grid whole on one page, each once, in order.
    sheet = _rows(pages, BOXES)
    grid = _rows(pages, GRID_ROW)
    assert [item for _, item in sheet] == list(range(1, n + 1)), sheet
    assert [item for _, item in grid] == list(range(1, n + 1)), grid
    assert max(p for p, _ in sheet) < min(p for p, _ in grid), "the grid starts on a page of its own"

    # Sum / Items / Mean once, after the last item, on its page.
    last_page = grid[-1][0]
    for word, pattern in FOOTER.items():
        rows = [(p, i) for p, page in enumerate(pages) for i, line in enumerate(page) if pattern.match(line)]
        assert len(rows) == 1, f"{word} row printed {len(rows)} times: {rows}"
        assert rows[0][0] == last_page, f"{word} row on page {rows[0][0] + 1}, item {n} on {last_page + 1}"
        item_line = next(i for i, line in enumerate(pages[last_page]) if GRID_ROW.match(line)
                         and int(GRID_ROW.match(line).group(1)) == n)
        assert rows[0][1] > item_line, f"{word} row before item {n}"

    # No near-empty page; the short forms fit one sheet page and one grid page.
    assert all(len(page) >= MIN_LINES for page in pages), [len(page) for page in pages]
    if n == 12:
        assert len(pages) == 2, [len(page) for page in pages]

    # Paper is white whatever the palette (dark mode used to print black margins).
    corners = _corner_pixels(pdf, tmp_path)
    assert corners and all(min(rgb) >= 240 for rgb in corners), corners
