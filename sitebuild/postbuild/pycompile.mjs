// Py-compile a pure wheel with pyodide-build inside the pinned Pyodide under Node, so the bytecode is
// made by the very Python (3.14) the browser runs. Called by pycompile.py:
//
//   node pycompile.mjs PYODIDE_DIR TOOL_WHEELS_DIR INPUT.whl OUTPUT_DIR
//
// Writes the compiled wheel into OUTPUT_DIR and prints its name on the last line; on failure prints
// one message on stderr and exits 1.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const COMPILE = `
from importlib.util import MAGIC_NUMBER
from pathlib import Path
import zipfile
from pyodide_build._py_compile import _py_compile_archive

out = _py_compile_archive(Path(wheel_path), keep=True, verbose=False)
if out is None:
    raise RuntimeError(f"pyodide-build did not py-compile {wheel_path}")
with zipfile.ZipFile(out) as archive:
    for name in archive.namelist():
        if name.endswith(".pyc") and archive.read(name)[:4] != MAGIC_NUMBER:
            raise RuntimeError(f"{name}: bytecode is not for this Python")
str(out)
`;

const bytes = (path) => {
  const b = readFileSync(path); // unpackArchive refuses a Node Buffer: hand it a Uint8Array
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};

async function main() {
  const [pyodideDir, toolDir, input, outDir] = process.argv.slice(2);
  if (!outDir) throw new Error("usage: node pycompile.mjs PYODIDE_DIR TOOL_WHEELS_DIR INPUT.whl OUTPUT_DIR");
  const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ env: { HOME: "/tmp" } });
  const extractDir = pyodide.runPython("import site; site.getsitepackages()[0]");
  const tools = readdirSync(toolDir).filter((name) => name.endsWith(".whl")).sort();
  if (!tools.some((name) => name.startsWith("pyodide_build-"))) {
    throw new Error(`${toolDir} holds no pyodide_build wheel`);
  }
  for (const name of tools) pyodide.unpackArchive(bytes(join(toolDir, name)), "wheel", { extractDir });
  pyodide.FS.mkdirTree("/compile");
  const inside = `/compile/${basename(input)}`;
  pyodide.FS.writeFile(inside, bytes(input));
  pyodide.globals.set("wheel_path", inside);
  const out = pyodide.runPython(COMPILE);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, basename(out)), pyodide.FS.readFile(out));
  process.stdout.write(`${basename(out)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`pycompile.mjs: ${err && err.message ? err.message : err}\n`);
    process.exit(1);
  },
);
