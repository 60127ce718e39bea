"""CSV in and out for the batch scorer: the output columns and row formats, and a fast CSV reader.

Output numbers: sums are written as integers when whole (pro-rated sums can be fractional: four
decimals), means always with four decimals (both by :mod:`scorer.core.numbers`); a value that
cannot be scored is an empty CSV cell or JSON ``null``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator

from .answers import ANSWER_KEYS
from .csvsafe import safe_text
from .numbers import json_sum, mean, number

__all__ = ["OUTPUT_COLUMNS", "SCORE_COLUMNS", "CsvRecords", "Scores", "format_csv_row", "format_json_row",
           "format_mean", "format_sum"]


SCORE_COLUMNS: tuple[str, ...] = ANSWER_KEYS


OUTPUT_COLUMNS: tuple[str, ...] = ("id", *SCORE_COLUMNS)


Number = int | float


Scores = tuple[Number | None, Number | None, Number | None, Number | None,
               float | None, float | None, float | None, float | None]


_NEEDS_QUOTES = re.compile(r'[,"\r\n]').search


def format_sum(x: Number | None) -> str:
    """A sum for the CSV output: whole numbers as integers, pro-rated sums to four decimals."""
    return number(x, digits=4, none="")


def format_mean(x: float | None) -> str:
    """A mean for the CSV output: four decimals."""
    return mean(x, digits=4, none="")


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES(text) else text


def format_csv_row(ident: str, scores: Scores) -> str:
    """One output line (with its newline), the same text the fast path writes."""
    return ",".join(
        (_csv_field(safe_text(ident)), *map(format_sum, scores[:4]), *map(format_mean, scores[4:]))
    ) + "\n"


def format_json_row(ident: str, scores: Scores) -> str:
    """One JSON Lines record with the same values (rounded the same way) as the CSV output."""
    values: list[Number | None] = [json_sum(x) for x in scores[:4]]
    values += [None if x is None else round(x, 4) for x in scores[4:]]
    return json.dumps({"id": ident, **dict(zip(SCORE_COLUMNS, values, strict=True))}) + "\n"


class CsvRecords:
    """CSV records from physical lines, with ``csv.reader``'s results and ``line_num``, faster.

    A line without a quote character is one record split at its commas (what ``csv.reader``
    does with it); a line with a quote goes to a ``csv.reader`` that pulls continuation lines
    (quoted newlines) from the same source, so the parsing rules are exactly ``csv``'s.
    ``line_num`` counts the physical lines read so far, like ``csv.reader.line_num``.
    """

    def __init__(self, source: Iterable[str]) -> None:
        self.lines: Iterator[str] = iter(source)
        self.line_num = 0
        self._first: str | None = None
        self._reader = csv.reader(self._feed())

    def _feed(self) -> Iterator[str]:
        line: str | None
        while True:
            if self._first is not None:
                line, self._first = self._first, None
            else:
                line = next(self.lines, None)
                if line is None:
                    return
                self.line_num += 1
            yield line

    def quoted_record(self, first_line: str) -> list[str]:
        """The record starting at ``first_line`` (already counted); may read more lines."""
        self._first = first_line
        try:
            return next(self._reader, [])
        finally:
            self._first = None

    def __iter__(self) -> CsvRecords:
        return self

    def __next__(self) -> list[str]:
        line = next(self.lines)
        self.line_num += 1
        if '"' in line:
            return self.quoted_record(line)
        text = line.rstrip("\r\n")
        return text.split(",") if text else []
