"""The hosting examples in deploy/ (shown on docs/educators/publish.md): each parses as its host reads it
and carries the rules the site needs: the .wasm type, compression, revalidation, a service worker that
is never cached, and the 404 page. deploy/nginx.conf is also run by nginx itself (`nginx -t`, then
serving the site) in tests/e2e/test_published_subpath.py."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def _text(name: str) -> str:
    return (DEPLOY / name).read_text(encoding="utf-8")


def test_github_pages_workflow_builds_for_the_pages_address() -> None:
    flow = yaml.safe_load(_text("github-pages.yml"))
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = flow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages"))
    build = next(s for s in steps if s.get("run") == "make site")
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_pages_job_builds_for_ci_pages_url_and_precompresses() -> None:
    job = yaml.safe_load(_text("gitlab-ci.yml"))["pages"]
    assert job["variables"]["SITE_URL"] == "$CI_PAGES_URL/"
    script = " ".join(job["script"])
    assert script.index("make site") < script.index("mv site public") < script.index("gzip -k")
    assert "'*.wasm'" in script and "'*.mjs'" in script and "'*.html'" in script
    assert job["artifacts"]["paths"] == ["public"]


def _netlify_rules() -> dict[str, dict[str, str]]:
    config = tomllib.loads(_text("netlify.toml"))
    return {rule["for"]: rule["values"] for rule in config["headers"]}


def _headers_file_rules() -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    path = None
    for line in _text("_headers").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            path = line.strip()
            rules[path] = {}
            continue
        assert path is not None, f"a header before any path: {line!r}"
        name, _, value = line.strip().partition(":")
        rules[path][name.strip()] = value.strip()
    return rules


def test_netlify_builds_for_its_url_and_sets_the_headers() -> None:
    config = tomllib.loads(_text("netlify.toml"))
    assert config["build"]["publish"] == "site"
    assert config["build"]["command"] == 'SITE_URL="$URL/" make site'
    rules = _netlify_rules()
    assert rules["/*.wasm"]["Content-Type"] == "application/wasm"
    assert rules["/*"]["Cache-Control"] == "no-cache"
    assert "no-store" in rules["/sw.js"]["Cache-Control"]


def test_headers_file_says_what_netlify_toml_says() -> None:
    assert _headers_file_rules() == _netlify_rules()


def _balanced(text: str) -> None:
    depth = 0
    for char in re.sub(r"#[^\n]*", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, "a '}' closes nothing"
    assert depth == 0, "an unclosed '{'"


def test_nginx_server_block_has_every_rule() -> None:
    text = _text("nginx.conf")
    _balanced(text)
    code = re.sub(r"#[^\n]*", "", text)
    assert re.search(r"location ~ \\\.wasm\$ \{\s*types \{ \}\s*default_type application/wasm;", code)
    assert re.search(r"location ~ \\\.mjs\$ \{\s*types \{ \}\s*default_type text/javascript;", code)
    gzip_types = re.search(r"gzip_types([^;]*);", code).group(1).split()
    assert "application/wasm" in gzip_types and "text/javascript" in gzip_types
    assert re.search(r"gzip on;", code)
    assert 'add_header Cache-Control "no-cache" always;' in code
    assert re.search(
        r'location = /course/sw\.js \{\s*add_header Cache-Control "no-cache, no-store" always;', code
    )
    assert "error_page 404 /course/404.html;" in code


def test_apache_htaccess_has_every_rule() -> None:
    code = re.sub(r"#[^\n]*", "", _text("apache.htaccess"))
    for opening, closing in (("<IfModule", "</IfModule>"), ("<Files", "</Files>")):
        assert code.count(opening) == code.count(closing)
    assert re.search(r"^AddType application/wasm \.wasm$", code, re.M)
    assert re.search(r"^AddType text/javascript .*\.mjs", code, re.M)
    assert re.search(r"AddOutputFilterByType DEFLATE .*application/wasm", code)
    assert 'Header set Cache-Control "no-cache"' in code
    assert re.search(r'<Files "sw\.js">\s*Header set Cache-Control "no-cache, no-store"\s*</Files>', code)
    assert re.search(r"^ErrorDocument 404 /course/404\.html$", code, re.M)


def test_publish_page_shows_every_shipped_file() -> None:
    page = (ROOT / "docs" / "educators" / "publish.md").read_text(encoding="utf-8")
    shown = set(re.findall(r'^--8<-- "([^"]+)"$', page, re.M))
    assert shown == {p.name for p in DEPLOY.iterdir() if p.is_file()}


def test_mkdocs_reads_site_url_from_the_environment() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL, 'http://127\.0\.0\.1:8000/'\]$", config, re.M)
