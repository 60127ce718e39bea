"""hooks/markdown_page.py: a thin adapter that names each page for sitebuild.markdown; a real MkDocs
build renders the fences and stops at a bad one with file, line and reason (no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from hook_loader import HOOKS, load_hook
from mkdocs.exceptions import PluginError

from sitebuild.markdown import PageError

ROOT = Path(__file__).resolve().parents[2]

hook = load_hook("markdown_page.py", "markdown_page_hook_under_test")


def fake_config(extensions=("pymdownx.superfences", "sitebuild.markdown"), mdx_configs=None):
    return SimpleNamespace(
        markdown_extensions=list(extensions), mdx_configs=mdx_configs if mdx_configs is not None else {},
        docs_dir="/site/docs", use_directory_urls=False,
    )


def test_the_hook_is_thin_and_ordered() -> None:
    assert len((HOOKS / "markdown_page.py").read_text(encoding="utf-8").splitlines()) <= 150
    assert isinstance(hook.on_config.mkdocs_priority, int)
    assert isinstance(hook.on_page_markdown.mkdocs_priority, int)


def test_on_config_sets_the_build_options_and_keeps_the_others() -> None:
    config = fake_config(mdx_configs={"sitebuild.markdown": {"mine": 1}})
    hook.on_config(config)
    options = config.mdx_configs["sitebuild.markdown"]
    assert options["mine"] == 1 and options["docs_dir"] == "/site/docs"
    assert options["use_directory_urls"] is False
    first = options["exercise_ids"]
    assert first == {}
    hook.on_config(config)  # a rebuild (mkdocs serve) starts a new register of exercise ids
    assert config.mdx_configs["sitebuild.markdown"]["exercise_ids"] is not first


def test_each_page_names_itself_and_the_markdown_is_unchanged() -> None:
    config = fake_config()
    hook.on_config(config)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="practice/score.md"))
    assert hook.on_page_markdown("# x\n", page=page, config=config, files=None) == "# x\n"
    assert config.mdx_configs["sitebuild.markdown"]["page"] == "practice/score.md"


def test_the_extension_must_be_configured() -> None:
    with pytest.raises(PluginError, match=r"add '- sitebuild\.markdown' to markdown_extensions"):
        hook.on_config(fake_config(extensions=["pymdownx.superfences"]))


def test_the_error_is_the_extensions_and_a_build_error() -> None:
    assert issubclass(hook.MarkdownPageError, PageError) and issubclass(hook.MarkdownPageError, PluginError)
    config = fake_config()
    hook.on_config(config)
    assert config.mdx_configs["sitebuild.markdown"]["error_class"] is hook.MarkdownPageError


def build(tmp_path: Path, pages: dict[str, str]) -> subprocess.CompletedProcess[str]:
    for name, text in pages.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: t
            docs_dir: docs
            hooks:
              - {HOOKS / "markdown_page.py"}
            markdown_extensions:
              - pymdownx.superfences
              - sitebuild.markdown
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def test_real_build_fails_with_page_line_and_reason(tmp_path: Path) -> None:
    bad = "---\ntitle: Bad\n---\n# Bad\n\n```wai-example\nform: wai-sr\nresponses: 1,2,3\n```\n"
    run = build(tmp_path, {"index.md": "# Home\n", "bad.md": bad})
    assert run.returncode != 0
    assert "docs/bad.md:8: wai-example: WAI-SR (wai-sr) has 12 items, but 3 answers were given" in run.stderr
    assert "Traceback" not in run.stderr


def test_real_build_renders_fences_and_placeholders(tmp_path: Path) -> None:
    good = "# Hi\n\nItems {{ wai:wai-s.reverse }}.\n\n```wai-widget\nkind: case\nform: wai-sr\n```\n"
    run = build(tmp_path, {"index.md": good})
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-widget="case" data-form="wai-sr" data-state="loading"' in html
    assert "{{" not in html and "wai:wai-s" not in html


def test_real_build_refuses_an_exercise_id_used_on_two_pages(tmp_path: Path) -> None:
    exercise = (
        "```wai-exercise\nid: knee-1\ntitle: Knee\nform: wai-s\nvignette: A runner.\n"
        "responses: [5, 6, 5, 2, 6, 6, 7, 5, 6, 3, 5, 6]\ncompute: [goal_sum]\n```\n"
    )
    pages = {"index.md": "# Home\n", "a.md": f"# A\n\n{exercise}", "b.md": f"# B\n\n{exercise}"}
    run = build(tmp_path, pages)
    assert run.returncode != 0
    assert "docs/b.md:4: id: duplicate exercise id 'knee-1' (first used at docs/a.md:4)" in run.stderr
