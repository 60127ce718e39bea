"""The py-compile step: pyodide-build, run inside the pinned Pyodide under Node, turns the pure
wheel into a cp314 wheel of bytecode only; a failure stops the build and caches nothing."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from sitebuild.postbuild import pycompile
from sitebuild.postbuild.errors import PostBuildError
from sitebuild.postbuild.wheel import build_wheel

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
TOOLS = pycompile.tool_dir(ROOT)
RUN_PYTHON = ROOT / "tests" / "pyodide" / "run_python.mjs"


@pytest.fixture(scope="module")
def tools() -> Path:
    if not list(TOOLS.glob("pyodide_build-*.whl")):
        pytest.fail(f"no pyodide_build wheel in {TOOLS}: run `make setup`")
    return TOOLS


def make_project(root: Path, module: str = "VALUE = 6 * 7\n") -> Path:
    (root / "scorer" / "sub").mkdir(parents=True)
    (root / "scorer" / "__init__.py").write_text(module, encoding="utf-8")
    (root / "scorer" / "sub" / "__init__.py").write_text("from scorer import VALUE\n", encoding="utf-8")
    (root / "scorer" / "data.json").write_text("{}\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "wai-scorer"\nversion = "1.2.3"\n'
        '[tool.setuptools]\npackages = ["scorer", "scorer.sub"]\n'
        '[tool.setuptools.package-data]\nscorer = ["data.json"]\n',
        encoding="utf-8",
    )
    return root


def zip_with(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return path


def test_wheel_becomes_bytecode_only_and_imports_in_pyodide(tools: Path, tmp_path: Path) -> None:
    pure = build_wheel(make_project(tmp_path / "p"), tmp_path / "pure")
    compiled = pycompile.compile_wheel(pure, tmp_path / "out", PYODIDE, tools)
    assert compiled.name == "wai_scorer-1.2.3-cp314-none-any.whl"
    with zipfile.ZipFile(compiled) as archive:
        names = set(archive.namelist())
    assert {"scorer/__init__.pyc", "scorer/sub/__init__.pyc", "scorer/data.json"} <= names
    assert not [n for n in names if n.endswith(".py")]
    code = "import scorer.sub; f'{scorer.sub.VALUE} {scorer.sub.__spec__.origin}'"
    proc = subprocess.run(
        [shutil.which("node") or "node", str(RUN_PYTHON), "--wheels", str(compiled), "--code", code],
        capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    value, origin = proc.stdout.split("@@RESULT@@")[-1].split()
    assert (value, origin) == ("42", "/lib/python3.14/site-packages/scorer/sub/__init__.pyc")


def test_a_module_that_does_not_compile_fails_and_caches_nothing(tools: Path, tmp_path: Path) -> None:
    pure = build_wheel(make_project(tmp_path / "p", "def broken(:\n"), tmp_path / "pure")
    cache = tmp_path / "cache"
    failed = r"py-compiling wai_scorer-1\.2\.3-py3-none-any\.whl .*failed"
    with pytest.raises(PostBuildError, match=failed) as err:
        pycompile.ensure_compiled(pure, cache, PYODIDE, tools)
    assert "SyntaxError" in str(err.value) or "invalid syntax" in str(err.value)
    assert [p for p in cache.iterdir() if not p.name.startswith(".")] == []
    assert not list(cache.rglob("*.whl"))


def test_an_incomplete_compiled_wheel_is_refused(tmp_path: Path) -> None:
    pure = zip_with(tmp_path / "a-1-py3-none-any.whl", ["m/__init__.py", "m/x.py", "m/d.json"])
    good = zip_with(tmp_path / "a-1-cp314-none-any.whl", ["m/__init__.pyc", "m/x.pyc", "m/d.json"])
    pycompile.check_compiled(pure, good)
    for names in (["m/__init__.pyc", "m/d.json"], ["m/__init__.pyc", "m/x.py", "m/d.json"],
                  ["m/__init__.pyc", "m/x.pyc"]):
        bad = zip_with(tmp_path / "bad.whl", names)
        with pytest.raises(PostBuildError, match="incomplete wheel"):
            pycompile.check_compiled(pure, bad)


def test_missing_tools_say_how_to_get_them(tmp_path: Path) -> None:
    with pytest.raises(PostBuildError, match="make setup"):
        pycompile.tool_wheels(tmp_path)


def test_compiled_wheel_is_cached_by_its_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools, pyodide = tmp_path / "tools", tmp_path / "pyodide"
    tools.mkdir()
    pyodide.mkdir()
    (tools / "pyodide_build-0.39.2-py3-none-any.whl").write_bytes(b"t")
    (pyodide / "pyodide-lock.json").write_text("{}", encoding="utf-8")
    pure = zip_with(tmp_path / "wai_scorer-1-py3-none-any.whl", ["m.py"])
    runs: list[Path] = []

    def fake(wheel: Path, outdir: Path, *args: Path) -> Path:
        runs.append(wheel)
        outdir.mkdir(parents=True, exist_ok=True)
        return zip_with(outdir / "wai_scorer-1-cp314-none-any.whl", ["m.pyc"])

    monkeypatch.setattr(pycompile, "compile_wheel", fake)
    cache = tmp_path / "cache"
    first = pycompile.ensure_compiled(pure, cache, pyodide, tools)
    assert pycompile.ensure_compiled(pure, cache, pyodide, tools) == first and len(runs) == 1
    (pyodide / "pyodide-lock.json").write_text('{"new": 1}', encoding="utf-8")  # another Pyodide
    assert pycompile.ensure_compiled(pure, cache, pyodide, tools) != first and len(runs) == 2
    (tools / "pyodide_build-0.39.2-py3-none-any.whl").rename(tools / "pyodide_build-0.40.0-py3-none-any.whl")
    pycompile.ensure_compiled(pure, cache, pyodide, tools)
    assert len(runs) == 3
