"""MkDocs hook: the site-level build steps (``sitebuild.postbuild``), run once the site is built.

The work lives in ``sitebuild/postbuild/`` and does not depend on MkDocs (``python -m
sitebuild.postbuild SITE_DIR`` runs it over any built site folder): the Content-Security-Policy,
the early start of the scorer on widget pages, ``exercises/exercises.json``, the Pyodide runtime with
the pure and the py-compiled scorer wheels, and the service worker's version and precache list. This
adapter only maps MkDocs events onto it, with explicit priorities.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitebuild.postbuild import PostBuildError, prepare, run

#: Sources whose edits `mkdocs serve` must rebuild for (the wheel is made from them).
WATCHED = ("scorer", "pyproject.toml")


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml: every default path is relative to it, not to the cwd."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


@event_priority(100)  # first: fail before any page is rendered
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fail early when the runtime is missing or the wheel won't build or py-compile (all cached)."""
    root = project_root(config)
    try:
        prepare(root)
    except PostBuildError as exc:
        raise PluginError(str(exc)) from None
    for name in WATCHED:
        path = root / name
        if path.exists() and str(path) not in config.watch:
            config.watch.append(str(path))
    return config


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Pyodide hangs for ever unless the wasm is served as application/wasm; make sure it is."""
    mimetypes.add_type("application/wasm", ".wasm")
    return server


@event_priority(-100)  # last: after every page, the search index and the other plugins' files
def on_post_build(config: MkDocsConfig) -> None:
    try:
        run(Path(config.site_dir), project_root(config))
    except PostBuildError as exc:
        raise PluginError(str(exc)) from None
