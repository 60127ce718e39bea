"""``wai-score case``: print a generated teaching case (text from ``scorer.text.cases``)."""

from __future__ import annotations

import argparse
import json

from ..core import cases
from ..text.cases import format_case
from .files import EXIT_OK, FORM_HELP, form_arg

__all__ = ["add_arguments", "run"]


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 0, not {text!r}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--form", required=True, type=form_arg, metavar="ID", help=FORM_HELP)
    parser.add_argument("--seed", required=True, type=_seed, metavar="N", help="same seed, same case")
    parser.add_argument("--profile", choices=cases.PROFILES, default="random", help="response pattern")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def run(args: argparse.Namespace) -> int:
    """Print a generated teaching case and its answer key (for educators)."""
    case = cases.generate(args.form, args.seed, args.profile)
    if args.format == "json":
        print(json.dumps(case.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_case(case))
    return EXIT_OK
