"""hooks/site_address.py: `{{ site:... }}` facts follow site_url (SITE_URL) and pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from hook_loader import load_hook
from mkdocs.exceptions import PluginError

hook = load_hook("site_address.py", "site_address_hook_under_test")
ROOT = Path(__file__).resolve().parents[1]
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="educators/index.md"))


def _render(markdown: str, site_url: str) -> str:
    return hook.on_page_markdown(markdown, PAGE, {"site_url": site_url}, None)


def test_wheel_name_follows_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert hook.wheel_name() == f"wai_scorer-{project['version']}-py3-none-any.whl"


@pytest.mark.parametrize("site_url", ["https://example.org/course/", "https://example.org/course"])
def test_pip_install_uses_the_site_address(site_url: str) -> None:
    out = _render("```console\n$ {{ site:pip-install }}\n```\n{{site:wheel}}", site_url)
    assert out == (
        f"```console\n$ pip install https://example.org/course/wheels/{hook.wheel_name()}\n```\n"
        f"{hook.wheel_name()}"
    )


def test_unknown_fact_fails_with_page_and_line() -> None:
    with pytest.raises(
        PluginError, match=r"docs/educators/index\.md:3: \{\{ site:wheels \}\}: unknown site fact"
    ):
        _render("a\nb\n{{ site:wheels }}\n", "http://127.0.0.1:8000/")


def test_other_placeholders_are_left_alone() -> None:
    text = "{{ wai:wai-s.items }} and ${{ steps.pages.outputs.base_url }}"
    assert _render(text, "http://127.0.0.1:8000/") == text
