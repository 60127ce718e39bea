"""``wai-score`` (also ``python -m scorer``): argparse and file I/O over ``scorer.core``.

``main`` and the subcommand table ``COMMANDS`` are in :mod:`scorer.cli.main`; each subcommand has its
own module.
"""

from __future__ import annotations

from .files import UsageError
from .main import COMMANDS, main

__all__ = ["COMMANDS", "UsageError", "main"]
