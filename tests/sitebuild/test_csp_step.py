"""The Content-Security-Policy step: every executable inline script is hashed, nothing else allowed."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from sitebuild.postbuild import csp
from sitebuild.postbuild.errors import PostBuildError

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
    "<script>var a=1</script>"
    '<script id="__config" type="application/json">{"x": 1}</script>'
    '<script src="js/app.js" type="module"></script>'
    "</head><body><script>var a=1</script><script>b()</script></body></html>"
)


def sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_only_executable_inline_scripts_are_hashed_once_each():
    assert csp.inline_script_hashes(PAGE) == [sha("var a=1"), sha("b()")]


def test_policy_is_first_in_head_after_charset():
    out = csp.add_policy(PAGE)
    head = out.split("<head>", 1)[1]
    assert head.startswith('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    assert out.count("Content-Security-Policy") == 1


def test_policy_allows_only_self_and_wasm():
    policy = csp.policy_for(PAGE)
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["worker-src"] == "'self'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "'wasm-unsafe-eval'" in directives["script-src"]
    assert "http" not in policy


def test_page_without_head_is_an_error():
    with pytest.raises(ValueError, match="no <head>"):
        csp.add_policy("<html><body></body></html>")


def test_running_again_replaces_the_policy_instead_of_adding_one() -> None:
    once = csp.add_policy(PAGE)
    assert csp.add_policy(once) == once
    changed = once.replace("b()", "c()")
    again = csp.add_policy(changed)
    assert again.count("Content-Security-Policy") == 1
    assert sha("c()") in again and sha("b()") not in again


def test_run_covers_every_page_of_the_folder_and_names_a_bad_one(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "404.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "b" / "index.html").write_text(PAGE, encoding="utf-8")
    csp.run(tmp_path)
    for name in ("index.html", "404.html", "a/b/index.html"):
        assert (tmp_path / name).read_text(encoding="utf-8") == csp.add_policy(PAGE), name
    (tmp_path / "a" / "broken.html").write_text("<html><body></body></html>", encoding="utf-8")
    with pytest.raises(PostBuildError, match=r"^a/broken\.html: page has no <head>"):
        csp.run(tmp_path)
