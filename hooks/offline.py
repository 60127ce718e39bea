"""MkDocs hook: finish the service worker (docs/sw.js) once the whole site is built.

It needs the final file list, so it runs in ``on_post_build`` after the other hooks (it is listed
last in mkdocs.yml). The version is a hash of every built file, so any change to a page, an asset,
the wheel or the Pyodide runtime gives the browser a new worker and a fresh cache.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

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


def on_post_build(config: Any) -> None:
    site_dir = Path(config["site_dir"])
    worker = site_dir / SERVICE_WORKER
    if not worker.is_file():
        raise FileNotFoundError(f"{worker}: docs/{SERVICE_WORKER} is missing from the build")
    files = site_files(site_dir)
    source = worker.read_text(encoding="utf-8")
    for marker in ('"__WAI_VERSION__"', '["__WAI_PRECACHE__"]'):
        if marker not in source:
            raise ValueError(f"docs/{SERVICE_WORKER}: placeholder {marker} not found")
    source = source.replace('"__WAI_VERSION__"', json.dumps(build_version(site_dir, files)))
    source = source.replace('["__WAI_PRECACHE__"]', json.dumps(precache_urls(files), indent=0))
    worker.write_text(source, encoding="utf-8")
