"""``wai-score score``: score a CSV stream of completed forms (rows scored by ``scorer.core.batch``)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import IO

from ..core.answers import PARTS
from ..core.batch import OUTPUT_COLUMNS, CsvRecords, RowScorer, format_csv_row, format_json_row
from ..core.errors import ScorerError
from ..core.forms import get_form
from ..core.scoring import DEFAULT_MAX_MISSING
from ..core.stats import SampleStats
from ..text.stats import format_stats
from .files import EXIT_DATA, EXIT_OK, FORM_HELP, PROG, UsageError, form_arg, open_input

__all__ = ["add_arguments", "run"]


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be a fraction from 0 to 1, not {text!r}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--form", required=True, type=form_arg, metavar="ID", help=FORM_HELP)
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format")
    parser.add_argument("--summary", action="store_true",
                        help="after the rows, write n, mean, SD and Cronbach's alpha to stderr")
    parser.add_argument("--summary-file", metavar="PATH", help="write the summary as JSON to PATH")
    parser.add_argument("--max-missing", type=_fraction, default=DEFAULT_MAX_MISSING, metavar="FRACTION",
                        help="largest fraction of a subscale's items that may be missing (default 0.25)")
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="CSV with a header row item1..itemN (and optionally id); - or none for stdin")


class _Errors:
    """Reports bad rows on stderr as ``line N: reason`` and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, line: int, reason: str) -> None:
        self.count += 1
        sys.stderr.write(f"line {line}: {reason}\n")


def run(args: argparse.Namespace) -> int:
    """Score a CSV file of completed forms, one output row per input row (streamed)."""
    source = open_input(args.file)
    try:
        return _score_stream(args, source)
    finally:
        if args.file == "-":
            source.detach()  # leave sys.stdin open for whoever runs us in-process
        else:
            source.close()


def _score_stream(args: argparse.Namespace, source: IO[str]) -> int:
    form = get_form(args.form)
    reader = CsvRecords(source)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ScorerError(f"line {reader.line_num}: not valid CSV ({exc})") from None
    if header is None:
        raise ScorerError(f"{args.file}: the input is empty; expected a header row item1..item{form.n_items}")
    try:
        rows = RowScorer(form, header, max_missing=args.max_missing)
    except ScorerError as exc:
        raise ScorerError(f"line {reader.line_num}: {exc}") from None
    errors = _Errors()
    out = sys.stdout
    wants_summary = args.summary or args.summary_file
    stats = SampleStats(form) if wants_summary else None
    if args.format == "csv":
        out.write(",".join(OUTPUT_COLUMNS) + "\n")
        out.flush()  # a reader of a slow stream (a pipe) sees the header at once
    while True:  # a CSV syntax error ends one pass; report it and go on with the next row
        try:
            if args.format == "csv" and stats is None:
                rows.stream_csv(reader, out.write, errors)
            else:
                _score_general(rows, reader, out, errors, stats, args.format)
            break
        except csv.Error as exc:
            errors(reader.line_num, f"not valid CSV ({exc})")
    out.flush()
    if stats is not None:
        if args.summary:
            sys.stderr.write(format_stats(stats) + "\n")
        if args.summary_file:
            try:
                with open(args.summary_file, "w", encoding="utf-8") as fh:
                    json.dump(stats.to_dict(), fh, indent=2)
                    fh.write("\n")
            except OSError as exc:
                raise UsageError(f"cannot write {args.summary_file}: {exc.strerror or exc}") from None
    if errors.count:
        sys.stderr.write(f"{PROG}: {errors.count} bad row(s) were not scored\n")
        return EXIT_DATA
    return EXIT_OK


def _score_general(
    rows: RowScorer, reader: CsvRecords, out: IO[str], errors: _Errors, stats: SampleStats | None, fmt: str
) -> None:
    formatter = format_json_row if fmt == "jsonl" else format_csv_row
    write = out.write
    for ident, scores, keyed in rows.iter_rows(reader, errors):
        write(formatter(ident, scores))
        if stats is not None:
            stats.add({name: (scores[i], scores[i + 4]) for i, name in enumerate(PARTS)}, keyed)
