"""``wai-score`` (also ``python -m scorer``): the scorer on the command line.

Exit statuses: 0 success, 1 bad data (a bad row, an empty file, a header without item columns),
2 usage (unknown option, form id or profile, a file that cannot be opened). Bad input never
shows a traceback: one line on stderr says what is wrong (``line N: <reason>`` for a bad row).

``score`` output: CSV with the header ``id,goal_sum,task_sum,bond_sum,total_sum,goal_mean,
task_mean,bond_mean,total_mean`` (or JSON Lines with the same keys), one row per good input row, in
input order; bad rows are reported on stderr and left out. Sums are integers when whole (pro-rated
sums otherwise get four decimals), means always have four decimals, a value that cannot be scored
(too many missing answers) is empty (CSV) or null (JSON). Without an ``id`` column the id is the
input line number. ``--summary`` writes a table of n, mean, SD and Cronbach's alpha to stderr
after the rows (so stdout stays machine-readable); ``--summary-file PATH`` writes it as JSON.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import IO, NoReturn

from . import assign, cases, grading
from .batch import OUTPUT_COLUMNS, CsvRecords, RowScorer, format_csv_row, format_json_row
from .errors import ScorerError
from .forms import FORM_IDS, SUBSCALES, forms, get_form
from .scoring import DEFAULT_MAX_MISSING, fmt, fmt_mean
from .stats import SampleStats

__all__ = ["COMMANDS", "UsageError", "main"]

PROG = "wai-score"
EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
FORM_HELP = f"form id: {', '.join(FORM_IDS)}"


class UsageError(Exception):
    """A wrong command line (exit status 2), as opposed to bad data (``ScorerError``, exit 1)."""


AddArguments = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]


# ---------------------------------------------------------------------------------------------
# forms


def forms_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def forms_run(args: argparse.Namespace) -> int:
    """List the forms: id, items, scale, name and the confidence of their keys."""
    rows = [
        {
            "id": f.id,
            "items": f.n_items,
            "scale": f"{f.scale.min}-{f.scale.max}",
            "name": f.name,
            "confidence": {k: f.confidence[k] for k in ("subscales", "reverse", "scale")},
        }
        for f in forms()
    ]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(r["name"]) for r in rows)
    head = f"{'id':<7} {'items':>5}  {'scale':<5}  {'name':<{width}}"
    print(f"{head}  confidence (subscales / reverse / scale)")
    for r in rows:
        conf = " / ".join(r["confidence"].values())
        print(f"{r['id']:<7} {r['items']:>5}  {r['scale']:<5}  {r['name']:<{width}}  {conf}")
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# score


def _form_id(text: str) -> str:
    try:
        return get_form(text).id
    except ScorerError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be a fraction from 0 to 1, not {text!r}")
    return value


def score_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--form", required=True, type=_form_id, metavar="ID", help=FORM_HELP)
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format")
    parser.add_argument("--summary", action="store_true",
                        help="after the rows, write n, mean, SD and Cronbach's alpha to stderr")
    parser.add_argument("--summary-file", metavar="PATH", help="write the summary as JSON to PATH")
    parser.add_argument("--max-missing", type=_fraction, default=DEFAULT_MAX_MISSING, metavar="FRACTION",
                        help="largest fraction of a subscale's items that may be missing (default 0.25)")
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="CSV with a header row item1..itemN (and optionally id); - or none for stdin")


def _open_input(path: str) -> IO[str]:
    """Text in UTF-8 (a BOM is dropped); undecodable bytes survive as escapes and fail their row."""
    if path == "-":
        raw: IO[bytes] = sys.stdin.buffer
    else:
        try:
            raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the wrapper
        except OSError as exc:
            raise UsageError(f"cannot open {path}: {exc.strerror or exc}") from None
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")


class _Errors:
    """Reports bad rows on stderr as ``line N: reason`` and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, line: int, reason: str) -> None:
        self.count += 1
        sys.stderr.write(f"line {line}: {reason}\n")


def score_run(args: argparse.Namespace) -> int:
    """Score a CSV file of completed forms, one output row per input row (streamed)."""
    source = _open_input(args.file)
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
            sys.stderr.write(stats.format_text() + "\n")
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
    names = (*SUBSCALES, "total")
    for ident, scores, keyed in rows.iter_rows(reader, errors):
        write(formatter(ident, scores))
        if stats is not None:
            stats.add({name: (scores[i], scores[i + 4]) for i, name in enumerate(names)}, keyed)  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# case


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 0, not {text!r}")
    return value


def case_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--form", required=True, type=_form_id, metavar="ID", help=FORM_HELP)
    parser.add_argument("--seed", required=True, type=_seed, metavar="N", help="same seed, same case")
    parser.add_argument("--profile", choices=cases.PROFILES, default="random", help="response pattern")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def case_run(args: argparse.Namespace) -> int:
    """Print a generated teaching case and its answer key (for educators)."""
    case = cases.generate(args.form, args.seed, args.profile)
    if args.format == "json":
        print(json.dumps(case.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_case(case))
    return EXIT_OK


def format_case(case: cases.Case) -> str:
    form = get_form(case.form_id)
    result = case.result
    wrap = textwrap.TextWrapper(width=96, initial_indent="  ", subsequent_indent="  ")
    lines = [
        f"{form.short_name} ({form.id}), seed {case.seed}, profile {case.profile}: "
        f"{cases.PROFILE_DESCRIPTIONS[case.profile]}",
        "",
        "Vignette:",
        wrap.fill(case.vignette),
        "",
        f"Responses (scale {form.scale.describe()}; * = reverse-keyed):",
    ]
    cells = [
        f"{i:>2}{'*' if i in form.reverse else ' '} {'-' if v is None else v}"
        for i, v in enumerate(case.responses, start=1)
    ]
    for start in range(0, len(cells), 6):
        lines.append("  " + "   ".join(cells[start:start + 6]))
    lines += ["", "Answer key:", f"  {'':<6} {'sum':>7} {'mean':>6}"]
    for name, part in [*((n, result.subscales[n]) for n in SUBSCALES), ("total", result.total)]:
        total = "-" if part.sum is None else fmt(part.sum)
        mean = "-" if part.mean is None else fmt_mean(part.mean)
        lines.append(f"  {name.capitalize():<6} {total:>7} {mean:>6}")
    lines += ["", "Scoring steps:"]
    for number, step in enumerate(result.steps, start=1):
        indent = f"  {number:>2}. "
        step_wrap = textwrap.TextWrapper(width=96, initial_indent=indent, subsequent_indent=" " * 6)
        lines.append(step_wrap.fill(f"{step.title}: {step.text}"))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The registry: one table, name -> (add_arguments, run).
#
# To add a subcommand (e.g. `assign` and `grade`), write `add_arguments(parser)` and
# `run(args) -> exit status` in its own module (scorer/assign.py, scorer/grading.py), import them
# here and add one line, e.g.  "assign": (assign.add_arguments, assign.run).  The first line of
# run's docstring is the subcommand's help. In run, raise ScorerError for bad data (exit 1) and
# UsageError for a wrong command line (exit 2); main() turns both into one line on stderr.

COMMANDS: dict[str, tuple[AddArguments, Run]] = {
    "forms": (forms_arguments, forms_run),
    "score": (score_arguments, score_run),
    "case": (case_arguments, case_run),
    "assign": (assign.add_arguments, assign.run),
    "grade": (grading.add_arguments, grading.run),
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Working Alliance Inventory (WAI family) scorer.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, (add_arguments, run) in COMMANDS.items():
        doc = (run.__doc__ or "").strip().splitlines()
        command = sub.add_parser(name, help=doc[0] if doc else None, description=doc[0] if doc else None)
        add_arguments(command)
        command.set_defaults(run=run)
    return parser


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the exit-time flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``wai-score``; returns the exit status (0 ok, 1 bad data, 2 usage)."""
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help (0) or a usage error (2), already reported
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        try:
            return args.run(args)
        except UsageError as exc:
            sys.stderr.write(f"{PROG}: error: {exc}\n")
            return EXIT_USAGE
        except ScorerError as exc:
            sys.stderr.write(f"{PROG}: {exc}\n")
            return EXIT_DATA
    except BrokenPipeError:
        _silence_stdout()
        sys.stderr.write(f"{PROG}: output closed early (broken pipe); not every row was written\n")
        return EXIT_DATA
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
    except (OSError, UnicodeError) as exc:  # a read or write failing half-way (disk full, I/O error...)
        sys.stderr.write(f"{PROG}: {type(exc).__name__}: {exc}\n")
        return EXIT_DATA
