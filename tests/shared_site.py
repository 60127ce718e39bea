"""The one strict build of the real site that every suite (site, sitebuild, e2e, benchmarks) shares.

``make test`` builds the site into ``site/`` once and hands it over in ``WAI_SITE_DIR``; run on their
own, the suites build it once per process into a temporary folder, exactly as ``make site`` does
(``mkdocs build --strict`` from the repository root). A test that needs a variant (another
``site_url``, a sub-path) builds that variant itself; nothing may write into the shared site.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Set by ``make test`` to the site it has just built with ``mkdocs build --strict``.
SITE_ENV = "WAI_SITE_DIR"


@dataclass(frozen=True)
class SiteBuild:
    path: Path
    returncode: int
    log: str


_shared: SiteBuild | None = None


def mkdocs_build(dest: Path, *extra: str, site_url: str | None = None) -> SiteBuild:
    """``mkdocs build --strict`` of the repository into ``dest`` (``extra``: more arguments), for
    ``site_url`` (``SITE_URL``, read by ``mkdocs.yml``) when given."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest), *extra],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    return SiteBuild(path=dest, returncode=proc.returncode, log=proc.stdout + proc.stderr)


def shared_site() -> SiteBuild:
    """The shared build: ``WAI_SITE_DIR`` if set, else one build per process (never fails itself)."""
    global _shared
    if _shared is None:
        given = os.environ.get(SITE_ENV)
        if given:
            path = Path(given).resolve()
            ok = (path / "index.html").is_file()
            _shared = SiteBuild(path, 0 if ok else 1, "" if ok else f"{SITE_ENV}={given} holds no built site")
        else:
            scratch = tempfile.mkdtemp(prefix="wai-site-")
            atexit.register(shutil.rmtree, scratch, True)
            _shared = mkdocs_build(Path(scratch) / "site")
    return _shared
