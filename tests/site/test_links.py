"""Every internal URL in the built site resolves: pages, assets, anchors and our JS module imports."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from site_refs import PageRefs, is_external, site_files, site_url

BASE = "http://site.invalid/"  # stands for the site root while resolving relative URLs
# Our JS: static and dynamic imports, workers and `new URL("...", import.meta.url)`.
JS_LOCAL_URL = re.compile(
    r"""(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new\s+(?:Worker|SharedWorker)\s*\(\s*|new\s+URL\s*\(\s*)"""
    r"""(["'])(\.{1,2}/[^"']*)\1"""
)


def resolve(site: Path, page: str, url: str) -> tuple[Path | None, str, str]:
    """(file in the site or None, fragment, reason) for ``url`` found on ``page`` (site-relative)."""
    root = site_url()
    if root and url.startswith(root):
        url = "/" + url[len(root) :]
    parts = urlsplit(urljoin(BASE + page, url))
    path = PurePosixPath(unquote(parts.path).lstrip("/"))
    if ".." in path.parts:
        return None, parts.fragment, "goes above the site root"
    target = site / path
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return None, parts.fragment, f"no file {target.relative_to(site).as_posix()}"
    return target, parts.fragment, ""


@cache
def ids_of(page: Path) -> frozenset[str]:
    return frozenset(PageRefs(page.read_text(encoding="utf-8")).ids)


def test_resolver(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">x</h2><a name="old"></a>', encoding="utf-8")
    (tmp_path / "index.html").write_text("", encoding="utf-8")
    assert resolve(tmp_path, "index.html", "a/#x")[:2] == (tmp_path / "a" / "index.html", "x")
    assert resolve(tmp_path, "a/index.html", "../")[0] == tmp_path / "index.html"
    assert resolve(tmp_path, "a/index.html", "#x")[0] == tmp_path / "a" / "index.html"
    assert resolve(tmp_path, "index.html", "a")[0] == tmp_path / "a" / "index.html"
    assert resolve(tmp_path, "index.html", "b/")[0] is None
    assert resolve(tmp_path, "index.html", "/a/index.html?q=1")[0] == tmp_path / "a" / "index.html"
    assert ids_of(tmp_path / "a" / "index.html") == {"x", "old"}


def test_internal_links_and_anchors_resolve(built_site: Path, html_pages: dict[str, str]) -> None:
    broken, checked = [], 0
    for page, html in html_pages.items():
        for ref in PageRefs(html).refs:
            url = ref.url
            own = bool(site_url()) and url.startswith(site_url())  # e.g. <link rel="canonical">
            if not url or (not own and (is_external(url) or urlsplit(url).scheme)):
                continue  # other hosts, data:, mailto:, javascript: ...
            checked += 1
            target, fragment, reason = resolve(built_site, page, url)
            if target is None:
                broken.append(f"{page}: <{ref.tag} {ref.attr}={url!r}>: {reason}")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in ids_of(target):
                where = target.relative_to(built_site).as_posix()
                broken.append(f"{page}: <{ref.tag} {ref.attr}={url!r}>: no id {fragment!r} in {where}")
    assert checked > len(html_pages), "too few internal URLs found: is the parser reading the pages?"
    assert not broken, f"{len(broken)} broken internal URL(s):\n" + "\n".join(broken)


def test_our_javascript_imports_resolve(built_site: Path) -> None:
    scripts = [p for p in site_files(built_site, ".js", ".mjs") if p.relative_to(built_site).parts[0] == "js"]
    broken = []
    for script in scripts:
        page = script.relative_to(built_site).as_posix()
        for _, url in JS_LOCAL_URL.findall(script.read_text(encoding="utf-8")):
            target, _, reason = resolve(built_site, page, url)
            if target is None:
                broken.append(f"{page}: {url!r}: {reason}")
    assert not broken, "\n".join(broken)


def test_sitemap_lists_only_built_pages(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs
    missing = [loc for loc in locs if resolve(built_site, "index.html", loc)[0] is None]
    assert not missing, "\n".join(missing)
