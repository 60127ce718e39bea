"""Finish the service worker (``sw.js``) once every other file of the site is final.

It needs the final file list, so it is the last step. The version is a hash of every built file, so
any change to a page, an asset, the wheel or the Pyodide runtime gives the browser a new worker and a
fresh cache. The two constants are found by name and their values replaced, so a second run over the
same site writes the same values again.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .errors import PostBuildError

SERVICE_WORKER = "sw.js"
# Fetched on demand by scorer pages and cached then: reading pages must not download them.
ON_DEMAND = ("pyodide/", "wheels/")
NOT_CACHED = (SERVICE_WORKER, "sitemap.xml", "sitemap.xml.gz")
# Source maps and the search language packs of other languages are never requested by this site.
SKIPPED_SUFFIXES = (".map",)
SKIPPED_PREFIXES = ("assets/javascripts/lunr/",)


def site_files(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())


def build_version(site_dir: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in files:
        if name == SERVICE_WORKER:
            continue
        digest.update(name.encode())
        digest.update(hashlib.sha256((site_dir / name).read_bytes()).digest())
    return digest.hexdigest()[:16]


def precache_urls(files: list[str]) -> list[str]:
    """Relative URLs as the browser asks for them: `x/index.html` is requested as `x/`."""
    urls = []
    for name in files:
        skipped = name.startswith(ON_DEMAND + SKIPPED_PREFIXES) or name.endswith(SKIPPED_SUFFIXES)
        if name in NOT_CACHED or skipped:
            continue
        if name == "index.html":
            urls.append("./")
        elif name.endswith("/index.html"):
            urls.append(name[: -len("index.html")])
        else:
            urls.append(name)
    return urls


def set_constant(source: str, name: str, text: str) -> str:
    """Replace the JSON value of ``const NAME = ...;`` with ``text``."""
    found = re.search(rf"^const {name} = ", source, re.M)
    if found is None:
        raise PostBuildError(f"{SERVICE_WORKER}: the line `const {name} = ...;` is missing")
    try:
        _, end = json.JSONDecoder().raw_decode(source, found.end())
    except ValueError:
        raise PostBuildError(f"{SERVICE_WORKER}: `const {name}` does not hold a JSON value") from None
    return source[: found.end()] + text + source[end:]


def run(site_dir: Path) -> None:
    worker = site_dir / SERVICE_WORKER
    if not worker.is_file():
        raise PostBuildError(f"{worker}: docs/{SERVICE_WORKER} is missing from the build")
    files = site_files(site_dir)
    source = worker.read_text(encoding="utf-8")
    source = set_constant(source, "VERSION", json.dumps(build_version(site_dir, files)))
    source = set_constant(source, "PRECACHE", json.dumps(precache_urls(files), indent=0))
    worker.write_text(source, encoding="utf-8")
