"""Nothing leaves the device: no built page fetches anything from a host other than the site's own.

Links (``<a href>``) to other sites are allowed, as links. Everything a browser would fetch by
itself is checked: HTML resource attributes, inline scripts and styles, stylesheets' url() and
@import, and URL string literals in JavaScript (possible fetch targets).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_refs import PageRefs, css_urls, is_external, js_url_literals, site_files

# Third-party bundles shipped as they are: Material's theme (assets/) and the Pyodide runtime
# (pyodide/). Each URL literal they hold must be listed here with the reason it is never fetched.
VENDOR_DIRS = ("assets/", "pyodide/")
VENDOR_URLS: dict[str, str] = {
    # Material: repository facts, fetched only when mkdocs.yml sets repo_url (see test below).
    "https://api.github.com/": "repo_url is not set",
    "https://${e}/api/v4/projects/": "repo_url is not set (GitLab facts)",
    # Material: mermaid is loaded only on pages holding a mermaid diagram (see test below).
    "https://unpkg.com/mermaid@": "no page has a mermaid diagram",
    # Material: polyfill loaded only where ResizeObserver is missing; every browser that runs a
    # module worker and WebAssembly has it, and the pages' CSP allows scripts from 'self' only.
    "https://unpkg.com/resize-observer-polyfill": "only for browsers without ResizeObserver",
    # Pyodide: default package CDN, used only for packages not found under the self-hosted
    # indexURL; the site loads no Pyodide package (the wheel comes from <site>/wheels/).
    "https://cdn.jsdelivr.net/pyodide/": "no Pyodide package is loaded by name",
    # Pyodide: parses a host name for Python sockets, which the scorer never opens.
    "https://${": "socket host parsing (pyodide.asm.mjs)",
}


def _vendor(rel: str) -> bool:
    return rel.startswith(VENDOR_DIRS)


def test_detector_catches_every_kind_of_external_resource() -> None:
    html = """<html manifest="https://m.example/app.manifest"><head>
      <link rel="stylesheet" href="https://cdn.example/x.css"><link rel="preconnect" href="https://fonts.gstatic.com">
      <link rel="canonical" href="https://site.example/"><script src="//cdn.example/x.js"></script>
      <script>fetch("https://api.example/track"); import("//cdn.example/m.js")</script><style>@import "https://f.example/f.css";
      body{background:url(https://img.example/b.png)}</style></head><body>
      <img src="ok.png" srcset="a.png 1x, https://img.example/c.png 2x"><iframe src="https://v.example/"></iframe>
      <a href="https://example.org/" ping="https://t.example/p">a link is fine</a>
      <form action="https://collect.example/"></form><svg><use href="https://s.example/i.svg#x"/></svg>
      <div style="background-image:url('https://img.example/d.png')"></div></body></html>"""
    refs = PageRefs(html)
    external = sorted(r.url for r in refs.refs if r.resource and is_external(r.url))
    assert external == sorted(
        [
            "https://m.example/app.manifest",
            "https://cdn.example/x.css",
            "https://fonts.gstatic.com",
            "//cdn.example/x.js",
            "https://img.example/c.png",
            "https://v.example/",
            "https://t.example/p",
            "https://collect.example/",
            "https://s.example/i.svg#x",
        ]
    )
    assert [r.url for r in refs.refs if not r.resource] == ["https://site.example/", "https://example.org/"]
    assert js_url_literals("".join(refs.inline_scripts)) == [
        "https://api.example/track",
        "//cdn.example/m.js",
    ]
    styles = [u for css in refs.inline_styles for u in css_urls(css)]
    assert styles == ["https://f.example/f.css", "https://img.example/b.png", "https://img.example/d.png"]
    assert not is_external("data:image/png;base64,AAAA") and not is_external("../assets/x.css")


def test_pages_fetch_nothing_from_another_host(html_pages: dict[str, str]) -> None:
    found, resources = [], 0
    for rel, html in html_pages.items():
        refs = PageRefs(html)
        resources += sum(r.resource for r in refs.refs)
        found += [
            f"{rel}: <{r.tag} {r.attr}={r.url!r}>" for r in refs.refs if r.resource and is_external(r.url)
        ]
        inline = [u for css in refs.inline_styles for u in css_urls(css)]
        found += [f"{rel}: inline style url {u!r}" for u in inline if is_external(u)]
        found += [f"{rel}: inline script URL {u!r}" for s in refs.inline_scripts for u in js_url_literals(s)]
    assert resources > len(html_pages), "the parser found too few resources: is it reading the pages?"
    assert not found, "\n".join(found)


def test_stylesheets_fetch_nothing_from_another_host(built_site: Path) -> None:
    sheets = site_files(built_site, ".css")
    assert sheets
    found = [
        f"{sheet.relative_to(built_site)}: {url!r}"
        for sheet in sheets
        for url in css_urls(sheet.read_text(encoding="utf-8"))
        if is_external(url)
    ]
    assert not found, "\n".join(found)


def test_our_javascript_names_no_other_host(built_site: Path) -> None:
    scripts = [
        p for p in site_files(built_site, ".js", ".mjs") if not _vendor(p.relative_to(built_site).as_posix())
    ]
    assert scripts, "expected the site's own scripts (js/app.js, ...)"
    found = [
        f"{script.relative_to(built_site)}: {url!r}"
        for script in scripts
        for url in js_url_literals(script.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


def test_vendor_javascript_holds_only_known_inert_urls(built_site: Path) -> None:
    found = []
    for script in site_files(built_site, ".js", ".mjs"):
        rel = script.relative_to(built_site).as_posix()
        if _vendor(rel):
            found += [
                f"{rel}: {url!r}"
                for url in js_url_literals(script.read_text(encoding="utf-8"))
                if not url.startswith(tuple(VENDOR_URLS))
            ]
    assert not found, (
        "new URL(s) in a vendored bundle; check they are never fetched, then list them:\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    ("what", "pattern"),
    [
        ("a mermaid diagram (Material would load mermaid from unpkg.com)", r'class="[^"]*\bmermaid\b'),
        ("a repository widget (Material would call the GitHub/GitLab API)", r'data-md-component="source"'),
        ("Google Fonts (set theme.font: false)", r"fonts\.(googleapis|gstatic)\.com"),
        ("Material's web-font variables (theme.font must be false)", r"--md-(text|code)-font"),
        ("a preconnect or DNS prefetch", r'rel="[^"]*\b(preconnect|dns-prefetch)\b'),
    ],
)
def test_conditions_for_vendor_fetches_are_absent(
    html_pages: dict[str, str], what: str, pattern: str
) -> None:
    pages = [rel for rel, html in html_pages.items() if re.search(pattern, html)]
    assert not pages, f"{what} on: {', '.join(pages)}"


def test_content_security_policy_names_no_other_host(html_pages: dict[str, str]) -> None:
    found = []
    for rel, html in html_pages.items():
        for policy in PageRefs(html).csp:
            tokens = [
                t
                for t in policy.replace(";", " ").split()
                if re.match(r"(https?:|wss?:|\*|//|[\w-]+\.\w)", t)
            ]
            found += [f"{rel}: {t}" for t in tokens]
    assert not found, "\n".join(found)
