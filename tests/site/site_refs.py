"""Read the URLs a built page fetches or links to, for test_external_refs.py and test_links.py.

HTML is parsed with the standard library's ``html.parser``. A *resource* is anything the browser
fetches by itself when the page loads or is used (scripts, stylesheets, images, frames, fonts,
preconnects, form targets, pings, ...); a *link* is only followed when someone clicks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]

# Tag -> attributes whose URL the browser fetches.
RESOURCE_ATTRS: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "input": ("src", "formaction"),
    "button": ("formaction",),
    "form": ("action",),
    "base": ("href",),
    "body": ("background",),
    "html": ("manifest",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
SRCSET_ATTRS = ("srcset", "imagesrcset")
# <link rel=...> values that never make the browser fetch anything; every other rel is a resource.
NON_FETCHING_RELS = {"canonical", "alternate", "author", "help", "license", "next", "prev", "bookmark"}
LINK_TAGS = {"a", "area"}

CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.S)
# A URL that starts a string literal in JavaScript: a possible fetch target (comments are skipped).
JS_URL_LITERAL = re.compile(
    r"""["'`](https?://[A-Za-z0-9$][^"'`\s]*|//[\w-]+(?:\.[\w-]+)+(?:[/:?][^"'`\s]*)?)"""
)


@dataclass(frozen=True)
class Ref:
    tag: str
    attr: str
    url: str
    resource: bool


def css_urls(css: str) -> list[str]:
    """Targets of ``url(...)`` and ``@import "..."`` in a stylesheet."""
    return [m[2] if m[2] is not None else m[4] for m in CSS_URL.finditer(css)]


def js_url_literals(js: str) -> list[str]:
    return JS_URL_LITERAL.findall(js)


def is_external(url: str) -> bool:
    """True when fetching ``url`` would reach a host other than the site's own."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in {"data", "blob", "about", "javascript", "mailto", "tel"}:
        return False
    return bool(parts.scheme or parts.netloc)


class PageRefs(HTMLParser):
    """Every URL-bearing attribute, inline script and style of one HTML page, plus its ids."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[Ref] = []
        self.ids: set[str] = set()
        self.inline_scripts: list[str] = []
        self.inline_styles: list[str] = []
        self.csp: list[str] = []
        self._raw: str | None = None
        self.feed(html)
        self.close()

    def _add(self, tag: str, attr: str, url: str, resource: bool) -> None:
        self.refs.append(Ref(tag, attr, url.strip(), resource))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(key):
                self.ids.add(values[key])
        for attr in RESOURCE_ATTRS.get(tag, ()):
            if attr in values:
                self._add(tag, attr, values[attr], resource=True)
        for attr in SRCSET_ATTRS:
            for candidate in values.get(attr, "").split(","):
                if candidate.strip():
                    self._add(tag, attr, candidate.split()[0], resource=True)
        if "ping" in values:
            for url in values["ping"].split():
                self._add(tag, "ping", url, resource=True)
        if "style" in values:
            self.inline_styles.append(values["style"])
        if tag == "link" and "href" in values:
            rels = set(values.get("rel", "").lower().split())
            self._add(tag, "href", values["href"], resource=not rels or not rels <= NON_FETCHING_RELS)
        elif tag in LINK_TAGS and "href" in values:
            self._add(tag, "href", values["href"], resource=False)
        if tag == "meta":
            equiv = values.get("http-equiv", "").lower()
            if equiv == "refresh":
                match = re.search(r"url\s*=\s*['\"]?([^'\"\s]+)", values.get("content", ""), re.I)
                if match:
                    self._add(tag, "content", match[1], resource=True)
            elif equiv == "content-security-policy":
                self.csp.append(values.get("content", ""))
        if tag in {"script", "style"}:
            self._raw = tag
            (self.inline_scripts if tag == "script" else self.inline_styles).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw == "script":
            self.inline_scripts[-1] += data
        elif self._raw == "style":
            self.inline_styles[-1] += data


def site_files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes)


def site_url() -> str:
    """``site_url`` from mkdocs.yml (read as text: the file may hold Python tags YAML won't load)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.M)
    return match[1] if match else ""
