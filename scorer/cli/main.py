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
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ..core.errors import ScorerError
from ..core.forms import forms
from . import assign, case, grade, score
from .files import EXIT_DATA, EXIT_OK, EXIT_USAGE, PROG, UsageError

__all__ = ["COMMANDS", "UsageError", "main"]

AddArguments = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]


# ---------------------------------------------------------------------------------------------
# forms


def forms_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def forms_run(args: argparse.Namespace) -> int:
    """List the forms: id, items, scale, name and the confidence of their keys."""
    rows: list[dict[str, Any]] = [
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
# The registry: one table, name -> (add_arguments, run).
#
# To add a subcommand, write `add_arguments(parser)` and `run(args) -> exit status` in its own
# module of this package (scorer/cli/assign.py, scorer/cli/grade.py), import it here and add one
# line, e.g.  "assign": (assign.add_arguments, assign.run).  The first line of
# run's docstring is the subcommand's help. In run, raise ScorerError for bad data (exit 1) and
# UsageError for a wrong command line (exit 2); main() turns both into one line on stderr.

COMMANDS: dict[str, tuple[AddArguments, Run]] = {
    "forms": (forms_arguments, forms_run),
    "score": (score.add_arguments, score.run),
    "case": (case.add_arguments, case.run),
    "assign": (assign.add_arguments, assign.run),
    "grade": (grade.add_arguments, grade.run),
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
