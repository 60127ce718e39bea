"""Cells that are safe to open in a spreadsheet: the one home of the CSV-injection rule.

Every CSV the site or the CLI writes carries text someone typed or imported (student ids from an
LMS export, patient labels, reflections, exercise ids). A spreadsheet runs a cell that begins with
``=``, ``+``, ``-`` or ``@`` as a formula, and tab or carriage return can start one too, so such a
text cell is written with a leading apostrophe, which spreadsheets show as text and do not run
(OWASP, "CSV Injection"). Numbers stay numbers: an int or float is never touched, and neither is
text that is itself a number (``-3``, ``+2``, ``-0.75``), so negative values and signed
differences still sum in a spreadsheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: What a spreadsheet may take as the start of a formula (OWASP's list).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """``value`` as it may be written to a CSV cell: text that could start a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_text(value: str) -> str:
    """:func:`safe_cell` for code that builds CSV lines from strings (the CLI's fast row writer)."""
    return "'" + value if value.startswith(TRIGGERS) and not _NUMBER.fullmatch(value) else value


def safe_row(row: Mapping[str, object]) -> dict[str, object]:
    """A ``csv.DictWriter`` row with every cell made safe."""
    return {key: safe_cell(value) for key, value in row.items()}


def safe_values(values: Iterable[object]) -> list[object]:
    """A ``csv.writer`` row with every cell made safe."""
    return [safe_cell(value) for value in values]
