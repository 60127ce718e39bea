"""A folder of build products keyed by a digest of their inputs, filled atomically.

A slot ``<cache>/<key>/`` is made in a staging folder and renamed into place, so a failed or
interrupted build leaves nothing behind and two concurrent builds of the same inputs cannot mix.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

#: Slots kept besides the current one (cheap: a wheel is a few hundred kB at most).
KEEP_RECENT = 3


def cached_file(cache: Path, key: str, pattern: str, make: Callable[[Path], Path]) -> Path:
    """The single file matching ``pattern`` in slot ``key``, made by ``make(staging_dir)`` if absent."""
    slot = cache / key
    found = sorted(slot.glob(pattern))
    if len(found) == 1:
        return found[0]
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=cache))
    try:
        make(staging)
        try:
            staging.rename(slot)  # atomic: a concurrent build of the same inputs may have won
        except OSError:
            if len(sorted(slot.glob(pattern))) != 1:
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    prune(cache, keep=key)
    return next(slot.glob(pattern))


def prune(cache: Path, keep: str, recent: int = KEEP_RECENT) -> None:
    """Drop old slots, sparing a few recent ones a concurrent build may still be copying."""
    others = [d for d in cache.iterdir() if d.is_dir() and d.name != keep and not d.name.startswith(".")]
    others.sort(key=lambda d: d.stat().st_mtime, reverse=True)
    for stale in others[recent:]:
        shutil.rmtree(stale, ignore_errors=True)
