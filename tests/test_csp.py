"""The Content-Security-Policy hook: every executable inline script is hashed, nothing else allowed."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("csp_hook", Path(__file__).parents[1] / "hooks" / "csp.py")
csp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(csp)

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
