"""``python -m scorer`` runs the ``wai-score`` command line."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
