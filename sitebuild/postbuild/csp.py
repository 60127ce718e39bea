"""A Content-Security-Policy on every page.

A static site cannot send headers, so the policy travels as a ``<meta http-equiv>`` at the top of
``<head>``. Material ships a few small inline scripts (palette, tabs, local-storage helpers); rather
than allowing inline script, each one is allowed by its SHA-256 hash, computed from the page as built.
Running the step again replaces the policy, so the step is idempotent.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from .errors import PostBuildError
from .pages import html_pages, page_path

# Inline scripts that the browser would execute: no src, and no data-only type.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json", "text/plain")
_POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')

BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'"],
    "connect-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "manifest-src": ["'self'"],
}


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources for every executable inline script, in page order, without repeats."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs").lower()
        if "src=" in attrs or any(kind in attrs for kind in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(html: str) -> str:
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    directives["script-src"].extend(inline_script_hashes(html))
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_policy(html: str) -> str:
    """Put the policy first in <head> (after the charset), replacing one a previous run wrote."""
    html = _POLICY_META.sub("", html, count=1)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    head = re.search(r"<head[^>]*>", html, re.I)
    if head is None:
        raise ValueError("page has no <head>; cannot add the Content-Security-Policy")
    charset = re.search(r"<meta\s+charset=[^>]*>", html[head.end() :], re.I)
    at = head.end() + charset.end() if charset and charset.start() < 200 else head.end()
    return html[:at] + meta + html[at:]


def run(site_dir: Path) -> None:
    """Add the policy to every HTML document of the site."""
    for page in html_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        try:
            updated = add_policy(html)
        except ValueError as exc:
            raise PostBuildError(f"{page_path(site_dir, page)}: {exc}") from None
        if updated != html:
            page.write_text(updated, encoding="utf-8")
