"""``wai-score assign``: the command line of ``scorer.core.assign``."""

from __future__ import annotations

import argparse

from ..core.assign import MAX_STUDENTS, assign, assignments_csv, parse_roster, roster_from_count
from ..core.cases import PROFILES
from .files import form_arg, read_text, write_output

__all__ = ["add_arguments", "run"]


def _count_arg(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_STUDENTS:
        raise argparse.ArgumentTypeError(
            f"must be a whole number from 1 to {MAX_STUDENTS}, not {text!r}"
        )
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--form", required=True, type=form_arg, metavar="ID", help="form id")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--students", metavar="ROSTER",
                     help="CSV or text file, student ids in the first column (header optional); - for stdin")
    who.add_argument("--count", type=_count_arg, metavar="N", help="no roster: N anonymous ids student-01...")
    parser.add_argument("--profile", choices=PROFILES, default="random", help="case profile (default random)")
    parser.add_argument("--key", default="", metavar="SALT",
                        help="assignment key mixed into every seed, e.g. pt101-week3 (default: none)")
    parser.add_argument("--base-url", default="", metavar="URL",
                        help="prefix for the links, e.g. https://example.org/alliance/ (default: relative)")
    parser.add_argument("-o", "--output", metavar="PATH", help="write the CSV here instead of stdout")


def run(args: argparse.Namespace) -> int:
    """Give each student a reproducible case: CSV of student, seed, link and the answer key."""

    if args.students is not None:
        where = "stdin" if args.students == "-" else args.students
        students = parse_roster(read_text(args.students), where=where)
    else:
        students = roster_from_count(args.count)
    text = assignments_csv(assign(students, args.form, profile=args.profile, key=args.key),
                           base_url=args.base_url)
    write_output(args.output, text)
    return 0
