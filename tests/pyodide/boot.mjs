// Boot real Pyodide under Node and install wheels from disk (no micropip, no network).
// Shared by run_pytest.mjs and run_python.mjs.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadPyodide } from "pyodide";

// Every wheel file named on the command line, or found in a named directory.
export function wheelFiles(paths) {
  const files = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (name.endsWith(".whl")) files.push(join(abs, name));
      }
    } else {
      files.push(abs);
    }
  }
  return files;
}

export async function boot(wheels) {
  const pyodide = await loadPyodide({ env: { PYTHONDONTWRITEBYTECODE: "1", HOME: "/tmp" } });
  // unpackArchive extracts into the working directory unless told otherwise.
  const extractDir = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  for (const file of wheels) {
    const b = readFileSync(file);
    // unpackArchive rejects a Node Buffer ("Unknown typed array type 'Buffer'").
    pyodide.unpackArchive(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), "wheel", { extractDir });
  }
  pyodide.runPython("import sys; sys.dont_write_bytecode = True");
  return pyodide;
}

// Parse "--flag value" pairs; everything after "--" is returned as rest.
export function parseArgs(argv, multi = []) {
  const opts = { rest: [] };
  for (const m of multi) opts[m] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      opts.rest = argv.slice(i + 1);
      break;
    }
    if (!a.startsWith("--") || i + 1 >= argv.length) throw new Error(`bad argument: ${a}`);
    const key = a.slice(2);
    const value = argv[++i];
    if (multi.includes(key)) opts[key].push(value);
    else opts[key] = value;
  }
  return opts;
}
