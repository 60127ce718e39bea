"""MkDocs hook: on pages with a widget, start the scorer's worker from ``<head>``.

The page glue (``docs/js/app.js``) is a deferred module: it runs only after the whole page has been
parsed and Material's bundle has run, about a second after navigation on a loaded 2-core machine, and
Pyodide's start-up (seconds) only begins then. This hook adds an ``async`` module,
``js/boot.js``, to the ``<head>`` of pages holding a ``.wai-widget[data-widget]`` (the elements
``app.js`` looks for), plus a ``modulepreload`` of the module it imports, so the worker starts while the
page is still being parsed; the widgets adopt that worker when they are set up. Reading pages are left
alone: they never load the boot module, let alone Pyodide. A ``src`` script needs no change to the
Content-Security-Policy (``hooks/csp.py``).
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.utils import get_relative_url

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


def boot_tags(page_url: str) -> str:
    links = "".join(
        f'<link rel="modulepreload" href="{get_relative_url(path, page_url)}">' for path in PRELOADED
    )
    return f'{links}<script type="module" async src="{get_relative_url(BOOT_MODULE, page_url)}"></script>'


def add_boot(html: str, page_url: str) -> str:
    if not has_widget(html):
        return html
    at = html.lower().find("</head>")
    if at < 0:
        raise ValueError("page with a widget has no </head>; cannot start the scorer early")
    return html[:at] + boot_tags(page_url) + html[at:]


def on_post_page(output: str, page: Any, config: Any) -> str:
    return add_boot(output, page.url)
