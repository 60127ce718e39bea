"""Start-up on a slow connection and a slow device (issue 12, H1 of ux-review.md).

Chromium's own throttling (DevTools protocol: Network.emulateNetworkConditions and
Emulation.setCPUThrottlingRate) makes the start slow; the worker's stall deadline is shortened for
the test (window.__waiStartupTest, read by scorer-client.js) so a start that takes several times
that deadline proves there is no overall deadline any more. Real deployment faults must still end in
their precise message, within 10 s, under the same throttling.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import Server
from pages import SETTLED_JS

STALL_MS = 2000
FAULT_WITHIN_MS = 10_000
PAGE = "practice/cases/?form=wai-s&seed=17"
#: Every status text and widget state, with the page's clock (ms since navigation).
HISTORY_JS = """(() => {
  window.__waiStartupTest = {stallMs: STALL_MS};
  const seen = window.__startup = [];
  const record = () => {
    const widget = document.querySelector('.wai-widget');
    const status = widget && widget.querySelector('.wai-status');
    if (!status) return;
    const last = seen[seen.length - 1];
    const entry = [performance.now(), widget.dataset.state, status.textContent];
    if (!last || last[1] !== entry[1] || last[2] !== entry[2]) seen.push(entry);
  };
  new MutationObserver(record).observe(document, {subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ['data-state']});
})();""".replace("STALL_MS", str(STALL_MS))
PROGRESS = re.compile(r"(\d+\.\d) of (\d+\.\d) MB")


def throttle(context: Any, page: Any, *, mbit: float, cpu: float, latency_ms: float = 40) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = mbit * 1e6 / 8  # bytes per second
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency_ms, "downloadThroughput": rate, "uploadThroughput": rate,
    })
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})


def open_page(context: Any, url: str, *, mbit: float | None = None, cpu: float = 1) -> Any:
    page = context.new_page()
    page.add_init_script(HISTORY_JS)
    if mbit is not None:
        throttle(context, page, mbit=mbit, cpu=cpu)
    page.goto(url + PAGE, wait_until="commit")
    page.wait_for_function(SETTLED_JS, timeout=120_000)
    return page


def history(page: Any) -> list[tuple[float, str, str]]:
    return [tuple(entry) for entry in page.evaluate("window.__startup")]


def runtime_megabytes(site: Path) -> str:
    """What the server sends for the runtime and the wheel, as the progress line should show it."""
    index = json.loads((site / "wheels" / "index.json").read_text(encoding="utf-8"))
    files = [site / "pyodide" / name for name in
             ("pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")]
    files.append(site / "wheels" / index["pyodide"]["wai-scorer"])
    return f"{sum(f.stat().st_size for f in files) / 1e6:.1f}"


@pytest.fixture
def served(request: pytest.FixtureRequest, e2e_site: Path) -> Iterator[str]:
    with Server(e2e_site, **getattr(request, "param", {})) as server:
        yield server.url


def test_slow_network_and_slow_cpu_reach_ready_with_real_progress(context, served: str,
                                                                  e2e_site: Path) -> None:
    page = open_page(context, served, mbit=12, cpu=4)
    seen = history(page)
    states = [state for _, state, _ in seen]
    assert "error" not in states, seen
    assert states[-1] == "ready", seen
    ready_at = seen[-1][0]
    # Several times the stall deadline, without an error: nothing counts the total start-up time.
    assert ready_at > 3 * STALL_MS, f"the start took only {ready_at:.0f} ms; throttling did not apply"
    counts = [PROGRESS.search(text) for _, _, text in seen]
    counts = [(float(m.group(1)), m.group(2)) for m in counts if m]
    assert counts, f"no 'x of y MB' progress line: {seen}"
    assert {total for _, total in counts} == {runtime_megabytes(e2e_site)}, counts
    assert any(0 < got < float(total) for got, total in counts), f"no partial count shown: {counts}"
    assert [got for got, _ in counts] == sorted(got for got, _ in counts), counts
    assert not any("about 6 MB" in text for _, _, text in seen)


@pytest.mark.parametrize("served", [{"pause": [("/pyodide/pyodide.asm.wasm", 3 * STALL_MS / 1000)]}],
                         indirect=True)
def test_a_stalled_download_tells_the_student_to_wait_then_recovers(context, served: str) -> None:
    page = open_page(context, served)
    seen = history(page)
    assert [state for _, state, _ in seen][-1] == "ready", seen
    assert "error" not in [state for _, state, _ in seen], seen
    waiting = [text for _, state, text in seen if state == "loading" and "keep this page open" in text]
    assert waiting, f"no message telling the student to keep the page open: {seen}"
    assert "Still downloading on a slow connection" in waiting[0]
    assert not any("application/wasm" in text or "pyodide/" in text for _, _, text in seen), seen


def wheel_path(site: Path) -> str:
    index = json.loads((site / "wheels" / "index.json").read_text(encoding="utf-8"))
    return "/wheels/" + index["pyodide"]["wai-scorer"]


@pytest.fixture
def broken(request: pytest.FixtureRequest, e2e_site: Path) -> Iterator[tuple[str, str]]:
    fault = request.param
    if fault == "wasm-mime":
        kwargs: dict[str, Any] = {"wasm_type": "application/octet-stream"}
        expected = ["pyodide.asm.wasm", '"application/octet-stream"', '"application/wasm"', "instructor"]
    else:
        path = wheel_path(e2e_site)
        kwargs = {"hide": [path]}
        expected = [path, "HTTP 404", "instructor"]
    with Server(e2e_site, **kwargs) as server:
        yield server.url, expected


@pytest.mark.parametrize("broken", ["wasm-mime", "wheel-404"], indirect=True)
def test_deployment_faults_are_diagnosed_within_10_s_on_a_slow_connection(context, broken) -> None:
    url, expected = broken
    page = open_page(context, url, mbit=12, cpu=4)
    seen = history(page)
    at, state, text = seen[-1]
    assert state == "error", seen
    assert at < FAULT_WITHIN_MS, f"diagnosed only after {at:.0f} ms: {text}"
    for part in expected:
        assert part in text, (part, text)
    assert "keep this page open" not in text
