"""What every ``wai-score`` subcommand shares: the usage error, exit statuses, reading and writing files.

Only this package touches argparse and files; the work itself is in ``scorer.core``.
"""

from __future__ import annotations

import argparse
import io
import sys
from typing import IO

from ..core.errors import ScorerError
from ..core.forms import FORM_IDS, get_form

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "FORM_HELP", "PROG", "UsageError", "form_arg",
           "open_input", "read_text", "write_output"]

PROG = "wai-score"
EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
FORM_HELP = f"form id: {', '.join(FORM_IDS)}"


class UsageError(Exception):
    """A wrong command line (exit status 2), as opposed to bad data (``ScorerError``, exit 1)."""


def form_arg(text: str) -> str:
    """argparse ``type=`` for a form id: the canonical id, or a usage error naming the known ids."""
    try:
        return get_form(text).id
    except ScorerError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def open_input(path: str) -> io.TextIOWrapper:
    """Text in UTF-8 (a BOM is dropped); undecodable bytes survive as escapes and fail their row."""
    if path == "-":
        raw: IO[bytes] = sys.stdin.buffer
    else:
        try:
            raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the wrapper
        except OSError as exc:
            raise UsageError(f"cannot open {path}: {exc.strerror or exc}") from None
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")


def read_text(path: str) -> str:
    """The whole of a UTF-8 file (or stdin for ``-``); a file that cannot be opened is a usage error."""
    if path == "-":
        # Decode stdin's bytes as a file is decoded (strict UTF-8): the locale's text stdin may
        # raise on bad bytes, or let them through as surrogates that fail later when printed.
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a text-only stdin (e.g. replaced in tests)
            return sys.stdin.read()
        try:
            return buffer.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScorerError("stdin: not UTF-8 text; give the data as CSV (UTF-8)") from None
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except OSError as exc:
        raise UsageError(f"cannot open {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ScorerError(f"{path}: not UTF-8 text; save the roster as CSV (UTF-8)") from None


def write_output(path: str | None, text: str) -> None:
    """Write a command's result to ``path`` (``-o``), or to stdout when there is none."""
    if not path:
        sys.stdout.write(text)
        return
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
