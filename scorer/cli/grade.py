"""``wai-score grade``: the command line of ``scorer.core.grading`` (report text from ``scorer.text``)."""

from __future__ import annotations

import argparse
import json
import sys

from ..core.cases import PROFILES
from ..core.errors import ScorerError
from ..core.exercises import parse_exercises
from ..core.grading import FORMATS, grade_csv
from ..text.grading import format_report
from .files import form_arg, read_text, write_output

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--form", required=True, type=form_arg, metavar="ID",
                        help="form id (a row with a form column uses its own)")
    parser.add_argument("--profile", choices=PROFILES, default="random",
                        help="profile of the seeded cases unless a row has a profile column (default random)")
    parser.add_argument("--exercises", metavar="JSON",
                        help="exercises file for rows with an exercise id (the build writes "
                        "site/exercises/exercises.json)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    parser.add_argument("-o", "--output", metavar="PATH", help="write the report here instead of stdout")
    parser.add_argument("file", metavar="ANSWERS", help="CSV: student, seed or exercise, values; - for stdin")


def run(args: argparse.Namespace) -> int:
    """Grade a class: verdict per student and value, diagnosed mistakes, most common mistakes."""
    exercises = None
    if args.exercises:
        try:
            data = json.loads(read_text(args.exercises))
        except json.JSONDecodeError as exc:
            raise ScorerError(f"{args.exercises}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        try:
            exercises = parse_exercises(data)
        except ScorerError as exc:
            raise ScorerError(f"{args.exercises}: {exc}") from None
    where = "stdin" if args.file == "-" else args.file
    report = grade_csv(
        read_text(args.file), args.form, profile=args.profile, exercises=exercises, where=where
    )
    write_output(args.output, format_report(report, args.format))
    for error in report.errors:
        sys.stderr.write(f"wai-score: {error}\n")
    return 1 if report.errors else 0
