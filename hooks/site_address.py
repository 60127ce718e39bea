"""MkDocs hook: ``{{ site:<fact> }}`` in a page becomes a fact about where this build will live.

Facts: ``wheel`` (the scorer's wheel file name, from ``pyproject.toml``'s name and version, as PyPA
``build`` names it), ``wheel-url`` (``site_url`` + ``wheels/`` + that name) and ``pip-install`` (the
command that installs the scorer from the published site). ``site_url`` comes from ``SITE_URL`` at
build time (``mkdocs.yml``), so the educators page always shows the address the site was built for.
Placeholders are replaced everywhere, code blocks included; an unknown one fails the build with
``docs/<page>:<line>``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PLACEHOLDER = re.compile(r"\{\{\s*site:\s*([a-z-]*)\s*\}\}")
ROOT = Path(__file__).resolve().parents[1]


def wheel_name(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """``<name>-<version>-py3-none-any.whl`` with the name normalised as in wheel file names."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    name = re.sub(r"[-_.]+", "_", project["name"]).lower()
    return f"{name}-{project['version']}-py3-none-any.whl"


def facts(site_url: str) -> dict[str, str]:
    base = site_url if site_url.endswith("/") else site_url + "/"
    url = f"{base}wheels/{wheel_name()}"
    return {"wheel": wheel_name(), "wheel-url": url, "pip-install": f"pip install {url}"}


@event_priority(50)  # before the page-level extension reads the page (hooks/markdown_page.py, -100)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    if "{{" not in markdown:
        return markdown
    known = facts(config["site_url"] or "/")

    def replace(match: re.Match[str]) -> str:
        if match.group(1) in known:
            return known[match.group(1)]
        line = markdown.count("\n", 0, match.start()) + 1
        raise PluginError(
            f"docs/{page.file.src_uri}:{line}: {match.group(0)}: unknown site fact; known: {', '.join(known)}"
        )

    return PLACEHOLDER.sub(replace, markdown)
