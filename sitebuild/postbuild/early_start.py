"""On pages with a widget, start the scorer's worker from ``<head>``.

The page glue (``docs/js/app.js``) is a deferred module: it runs only after the whole page has been
parsed and Material's bundle has run, about a second after navigation on a loaded 2-core machine, and
Pyodide's start-up (seconds) only begins then. This step adds an ``async`` module, ``js/boot.js``, to
the ``<head>`` of pages holding a ``.wai-widget[data-widget]`` (the elements ``app.js`` looks for),
plus a ``modulepreload`` of the module it imports, so the worker starts while the page is still being
parsed; the widgets adopt that worker when they are set up. Reading pages are left alone: they never
load the boot module, let alone Pyodide. A ``src`` script needs no change to the
Content-Security-Policy (``csp.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import PostBuildError
from .pages import html_pages, page_path, relative_url

BOOT_MODULE = "js/boot.js"
PRELOADED = ("js/scorer-client.js",)

_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_CLASS = re.compile(r'\sclass="([^"]*)"')


def has_widget(html: str) -> bool:
    """Whether the page holds an element with class ``wai-widget`` and a ``data-widget`` attribute."""
    for tag in _TAG.finditer(html):
        text = tag.group(0)
        found = _CLASS.search(text)
        if found and "wai-widget" in found.group(1).split() and " data-widget=" in text:
            return True
    return False


def boot_tags(path: str) -> str:
    """The tags for the page at ``path`` (its place in the site: ``practice/score/index.html``)."""
    links = "".join(f'<link rel="modulepreload" href="{relative_url(p, path)}">' for p in PRELOADED)
    return f'{links}<script type="module" async src="{relative_url(BOOT_MODULE, path)}"></script>'


def add_boot(html: str, path: str) -> str:
    """The page with the boot tags at the end of ``<head>``, unless it has no widget or has them."""
    tags = boot_tags(path)
    if not has_widget(html) or tags in html:
        return html
    at = html.lower().find("</head>")
    if at < 0:
        raise ValueError("page with a widget has no </head>; cannot start the scorer early")
    return html[:at] + tags + html[at:]


def run(site_dir: Path) -> None:
    for page in html_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        path = page_path(site_dir, page)
        try:
            updated = add_boot(html, path)
        except ValueError as exc:
            raise PostBuildError(f"{path}: {exc}") from None
        if updated != html:
            page.write_text(updated, encoding="utf-8")
