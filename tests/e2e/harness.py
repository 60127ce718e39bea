"""Serving and browsing the site: shared by the end-to-end tests and benchmarks/browser.py.

The build they share is ``tests/shared_site.py``.
No pytest here, so the benchmark can import it too. Chromium is Debian's (never ``playwright
install``), launched with the flags from runtime-notes §2; ``--host-resolver-rules`` makes every
host except 127.0.0.1 unresolvable, so nothing can leave the machine even by accident.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SERVE = Path(__file__).resolve().with_name("serve.py")
CHROMIUM = Path(os.environ.get("WAI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
#: This test suite's own port range (other suites and `make serve` use other ports).
PORTS = range(8200, 8300)
_handed_out: set[int] = set()


def free_port() -> int:
    for port in PORTS:
        if port in _handed_out:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


class Server:
    """A static server on 127.0.0.1 in a child process.

    Plain ``python -m http.server`` unless a knob of ``serve.py`` is asked for.
    """

    def __init__(self, directory: Path, *, wasm_type: str | None = None, hide: Sequence[str] = (),
                 log: Path | None = None, pause: Sequence[tuple[str, float]] = ()) -> None:
        self.directory = Path(directory)
        self.port = free_port()
        if wasm_type is None and not hide and log is None and not pause:
            cmd = [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
                   "--directory", str(self.directory)]
        else:
            cmd = [sys.executable, str(SERVE), str(self.directory), str(self.port)]
            if wasm_type is not None:
                cmd += ["--wasm-type", wasm_type]
            for path in hide:
                cmd += ["--hide", path]
            if log is not None:
                cmd += ["--log", str(log)]
            for path, seconds in pause:
                cmd += ["--pause", f"{path}:{seconds}"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_until_listening()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _wait_until_listening(self, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server on port {self.port} exited with {self.proc.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"server on port {self.port} did not start within {timeout} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def require_chromium() -> Path:
    if not CHROMIUM.is_file():
        raise FileNotFoundError(
            f"{CHROMIUM} not found: the browser tests need Debian's chromium package "
            "(`make chromium` installs it; never `playwright install`)"
        )
    return CHROMIUM


def launch_chromium(playwright: Any, **kwargs: Any) -> Any:
    return playwright.chromium.launch(
        executable_path=str(require_chromium()), args=CHROMIUM_ARGS, headless=True, **kwargs
    )


def launch_persistent(playwright: Any, user_data_dir: Path, **kwargs: Any) -> Any:
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=str(require_chromium()), args=CHROMIUM_ARGS,
        headless=True, **kwargs,
    )


def wait_until(check: Any, what: str, timeout: float = 60) -> Any:
    """Poll ``check`` until it returns something true (and return that), or fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.25)
