"""``python -m sitebuild.postbuild SITE_DIR [--root PROJECT]``: finish a site some generator built."""

from __future__ import annotations

import argparse
import sys

from . import PROJECT_ROOT, PostBuildError, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild.postbuild",
        description="Add the CSP, early start, Pyodide runtime, wheels, exercises.json and the "
        "service worker's precache list to a built site folder (idempotent).",
    )
    parser.add_argument("site_dir", metavar="SITE_DIR", help="the built site folder, changed in place")
    parser.add_argument("--root", default=str(PROJECT_ROOT), help="the project folder (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        run(args.site_dir, args.root)
    except PostBuildError as exc:
        print(f"sitebuild.postbuild: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
