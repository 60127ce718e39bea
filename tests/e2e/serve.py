"""A static file server like ``python -m http.server``, with knobs the tests and benchmark need.

    python tests/e2e/serve.py DIRECTORY PORT [--wasm-type TYPE] [--hide URLPATH ...] [--log FILE]
                              [--pause URLPATH:SECONDS ...]

- ``--wasm-type``: the Content-Type sent for ``.wasm`` (a wrong one makes Pyodide hang silently,
  which the page must turn into a visible error);
- ``--hide``: answer 404 for these URL paths, as if the file were missing;
- ``--log``: append one JSON line per request (path, status, body bytes sent, time when done), so
  the benchmark can count what a page really downloaded, service-worker fetches included;
- ``--pause``: send the first megabyte of this URL path's body, then nothing for SECONDS, then the
  rest (a connection that stalls and recovers; the first such request only).

Everything else is the standard library's ``SimpleHTTPRequestHandler`` (same MIME types,
``Last-Modified`` and 304s), bound to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit


class Handler(SimpleHTTPRequestHandler):
    wasm_type = "application/wasm"
    hidden: frozenset[str] = frozenset()
    log_file: Path | None = None
    log_lock = threading.Lock()
    pauses: ClassVar[dict[str, float]] = {}
    paused: ClassVar[set[str]] = set()
    PAUSE_AFTER = 1_000_000

    def guess_type(self, path: Any) -> str:
        if str(path).endswith(".wasm"):
            return self.wasm_type
        return super().guess_type(path)

    def send_head(self) -> Any:
        if unquote(urlsplit(self.path).path) in self.hidden:
            self.send_error(404, "hidden by the test server")
            return None
        return super().send_head()

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        path = unquote(urlsplit(self.path).path)
        pause = self.pauses.get(path) if path not in self.paused else None
        while chunk := source.read(64 * 1024):
            outputfile.write(chunk)
            self._sent += len(chunk)
            if pause is not None and self._sent >= self.PAUSE_AFTER:
                self.paused.add(path)
                outputfile.flush()
                time.sleep(pause)
                pause = None

    def _handle(self, method: Any) -> None:
        self._status, self._sent = 0, 0
        try:
            method()
        finally:
            self._record()

    def do_GET(self) -> None:
        self._handle(super().do_GET)

    def do_HEAD(self) -> None:
        self._handle(super().do_HEAD)

    def _record(self) -> None:
        if self.log_file is None:
            return
        line = json.dumps({"method": self.command, "path": unquote(urlsplit(self.path).path),
                           "status": self._status, "bytes": self._sent, "time": time.time()})
        with self.log_lock, self.log_file.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    def log_message(self, format: str, *args: Any) -> None:
        pass


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("port", type=int)
    parser.add_argument("--wasm-type", default="application/wasm")
    parser.add_argument("--hide", action="append", default=[])
    parser.add_argument("--log", type=Path)
    parser.add_argument("--pause", action="append", default=[], help="URLPATH:SECONDS")
    args = parser.parse_args(argv)
    handler = type("ConfiguredHandler", (Handler,), {
        "wasm_type": args.wasm_type, "hidden": frozenset(args.hide), "log_file": args.log,
        "pauses": {path: float(seconds) for path, _, seconds in (p.rpartition(":") for p in args.pause)},
        "paused": set(),
    })
    server = ThreadingHTTPServer(("127.0.0.1", args.port), partial(handler, directory=str(args.directory)))
    print(f"serving {args.directory} on http://127.0.0.1:{args.port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
