"""A site built for a sub-path address (`SITE_URL=http://127.0.0.1:PORT/course/ make site`) and served
there by nginx with the shipped `deploy/nginx.conf`: it scores, grades, works offline after one visit,
shows the styled "page not found" page (also the offline fallback) with links inside the site, and the
educators page's `pip install` command installs a working `wai-score`."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import harness
import pytest
from expect import assert_table_matches, expected_rows, random_responses
from grade_report import cli_parts, page_parts  # tests/ is on sys.path (tests/conftest.py)
from pages import WidgetPage
from shared_site import mkdocs_build
from test_grade_page import class_text, cli_report, grade_on_page

REPO = harness.REPO
NGINX = Path(shutil.which("nginx") or "/usr/sbin/nginx")
PREFIX = "/course/"
CACHED_JS = """async ([base, paths]) => {
  const found = [];
  for (const key of await caches.keys()) {
    const cache = await caches.open(key);
    for (const p of paths) if (await cache.match(new URL(p, base).href)) found.push(p);
  }
  return found;
}"""
RUNTIME = [
    "pyodide/pyodide.mjs",
    "pyodide/pyodide.asm.mjs",
    "pyodide/pyodide.asm.wasm",
    "pyodide/python_stdlib.zip",
    "pyodide/pyodide-lock.json",
    "wheels/index.json",
]
STYLED_JS = "() => getComputedStyle(document.querySelector('header.md-header')).position"


@dataclass
class Published:
    url: str
    www: Path
    site: Path


def nginx_conf(www: Path, port: int, work: Path) -> Path:
    """deploy/nginx.conf with this machine's port and folder, inside a minimal main configuration."""
    shipped = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = shipped.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/wai-training;", f"root {www};")
    assert server.count(str(www)) == 1 and f":{port};" in server, "deploy/nginx.conf's listen/root changed"
    (work / "logs").mkdir(parents=True, exist_ok=True)
    (work / "site.conf").write_text(server, encoding="utf-8")
    temps = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    lines = [
        "user root;" if os.geteuid() == 0 else "",  # workers must read the test's private tmp folder
        f"pid {work / 'nginx.pid'};",
        f"error_log {work / 'logs' / 'error.log'};",
        "events { worker_connections 64; }",
        "http {",
        "include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;",
        *(f"{name}_temp_path {work / name};" for name in temps),
        f"include {work / 'site.conf'};",
        "}",
    ]
    main = work / "nginx.conf"
    main.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return main


def start_nginx(www: Path, work: Path) -> tuple[subprocess.Popen[bytes], int]:
    if not NGINX.is_file():
        pytest.fail("nginx not found: `make test` installs Debian's nginx-light", pytrace=False)
    port = harness.free_port()
    conf = nginx_conf(www, port, work)
    check = subprocess.run(
        [str(NGINX), "-t", "-c", str(conf), "-p", str(work), "-e", str(work / "logs" / "error.log")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, f"nginx -t refused deploy/nginx.conf:\n{check.stderr}"
    proc = subprocess.Popen(
        [
            str(NGINX),
            "-c",
            str(conf),
            "-p",
            str(work),
            "-e",
            str(work / "logs" / "error.log"),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, port
        except OSError:
            time.sleep(0.05)
    proc.terminate()
    raise RuntimeError(f"nginx did not start on port {port}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    root = tmp_path_factory.mktemp("published")
    www = root / "www"
    site = www / PREFIX.strip("/")
    proc, port = start_nginx(www, root / "nginx")  # the port is known before the build needs it
    url = f"http://127.0.0.1:{port}{PREFIX}"
    build = mkdocs_build(site, site_url=url)  # a variant of the shared build: its own address
    if build.returncode != 0:
        stop(proc)
        pytest.fail(f"SITE_URL={url} mkdocs build --strict failed:\n{build.log}", pytrace=False)
    try:
        yield Published(url, www, site)
    finally:
        stop(proc)


def assert_inside(recorder: Any, url: str) -> None:
    outside = [
        u
        for u in recorder.requests
        if urlsplit(u).scheme.startswith("http") and not urlsplit(u).path.startswith(urlsplit(url).path)
    ]
    assert not outside, f"requests outside {urlsplit(url).path}: {outside}"


def test_scores_a_questionnaire_under_the_sub_path(page: Any, published: Published, recorder: Any) -> None:
    widget_page = WidgetPage(page, published.url).open("practice/score/?form=wai-s")
    responses = random_responses("wai-s", seed=77)
    widget_page.fill(responses)
    assert_table_matches(widget_page.score(), expected_rows("wai-s", responses))
    assert_inside(recorder, published.url)
    recorder.assert_clean()


def test_grades_a_pasted_class_under_the_sub_path(
    page: Any, published: Published, tmp_path: Path, recorder: Any
) -> None:
    text = class_text()
    widget = grade_on_page(WidgetPage(page, published.url), text, "wai-s", "strong")
    shown = page_parts(widget.locator(".wai-results").inner_html())
    assert shown == cli_parts(cli_report(tmp_path, published.site, text, "wai-s", "strong"))
    assert_inside(recorder, published.url)
    recorder.assert_clean()


def assert_styled_not_found(page: Any, url: str) -> None:
    assert page.locator("h1").first.inner_text().strip() == "Page not found"
    assert page.evaluate(STYLED_JS) == "sticky", "Material's stylesheet did not apply to the 404 page"
    links = page.locator(".md-content a[href]").evaluate_all("as => as.map(a => a.href)")
    assert links, "the 404 page offers no links"
    assert all(link.startswith(url) for link in links), links


def test_missing_page_is_styled_with_links_inside_the_site(
    page: Any, published: Published, recorder: Any
) -> None:
    response = page.goto(published.url + "practice/no-such-page/")
    assert response is not None and response.status == 404
    assert_styled_not_found(page, published.url)
    for link in page.locator(".md-content a[href]").evaluate_all("as => as.map(a => a.href)"):
        assert page.request.get(link).status == 200, link
    assert recorder.bad_responses == [(404, published.url + "practice/no-such-page/")]
    assert not recorder.foreign_requests()
    assert [e for e in recorder.console_errors if "no-such-page" not in e] == []  # only the 404 itself


def test_works_offline_after_one_visit(browser: Any, published: Published, tmp_path: Path) -> None:
    proc, port = start_nginx(published.www, tmp_path / "nginx")  # its own server, to switch off
    url = f"http://127.0.0.1:{port}{PREFIX}"
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        widget_page = WidgetPage(page, url).open("practice/score/?form=wai")
        deadline = time.monotonic() + 60
        while set(page.evaluate(CACHED_JS, [url, RUNTIME])) != set(RUNTIME):
            assert time.monotonic() < deadline, "the runtime never reached the service worker's cache"
            time.sleep(0.25)
        stop(proc)
        context.set_offline(True)
        widget_page.reload()
        responses = random_responses("wai", seed=99)
        widget_page.fill(responses)
        assert_table_matches(widget_page.score(), expected_rows("wai", responses))
        page.goto(url + "never/visited/")  # the service worker's fallback: the cached 404 page
        assert_styled_not_found(page, url)
    finally:
        stop(proc)
        context.close()


def test_pip_installs_the_wheel_named_on_the_educators_page(
    page: Any, published: Published, tmp_path: Path
) -> None:
    page.goto(published.url + "educators/")
    commands = page.locator("code").all_inner_texts()
    found = [re.search(r"pip install (https?://\S+)", c) for c in commands]
    urls = {m.group(1) for m in found if m}
    (wheel,) = (published.site / "wheels").glob("*-py3-none-any.whl")  # pip's wheel, not Pyodide's
    assert urls == {f"{published.url}wheels/{wheel.name}"}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--no-index",
            "--disable-pip-version-check",
            "--quiet",
            urls.pop(),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    cli = venv / "bin" / "wai-score"
    helped = subprocess.run([str(cli), "--help"], capture_output=True, text=True, check=False)
    assert helped.returncode == 0 and "grade" in helped.stdout
    answers = tmp_path / "answers.csv"
    answers.write_text(class_text(), encoding="utf-8")
    graded = subprocess.run(
        [
            str(cli),
            "grade",
            "--form",
            "wai-s",
            "--profile",
            "strong",
            "--exercises",
            str(published.site / "exercises" / "exercises.json"),
            "answers.csv",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert graded.returncode == 1  # one bad row in the class file
    expected = cli_report(tmp_path, published.site, class_text(), "wai-s", "strong")
    assert graded.stdout.split("\n", 1)[1] == expected.split("\n", 1)[1]  # all but "Grading <file name>"
    assert "answers.csv:8:" in graded.stderr
