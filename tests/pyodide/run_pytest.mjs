// Run pytest inside the real Pyodide runtime (node_modules/pyodide) under Node, no browser.
//
//   node tests/pyodide/run_pytest.mjs --wheels vendor/pyodide-wheels --wheels dist/wai_scorer-*.whl \
//        --tests tests [--config pyproject.toml] -- [pytest args, paths relative to the tests dir]
//
// The tests folder is mounted read-through with NODEFS at /tests; the working directory is a
// scratch folder in memory, so nothing (caches, hypothesis database) is written to the tree.
// Exit code: pytest's; 2 when the harness itself fails.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { boot, parseArgs, wheelFiles } from "./boot.mjs";

async function main() {
  const opts = parseArgs(process.argv.slice(2), ["wheels"]);
  if (!opts.tests) throw new Error("--tests DIR is required");
  const pyodide = await boot(wheelFiles(opts.wheels));
  const FS = pyodide.FS;
  FS.mkdirTree("/tests");
  FS.mount(FS.filesystems.NODEFS, { root: resolve(opts.tests) }, "/tests");
  FS.mkdirTree("/work");
  const args = ["-p", "no:cacheprovider", "--rootdir", "/tests"];
  if (opts.config) {
    // pytest reads [tool.pytest.ini_options] (markers, addopts) from a copy in memory.
    FS.writeFile("/work/pyproject.toml", readFileSync(resolve(opts.config)));
    args.push("-c", "/work/pyproject.toml");
  }
  for (const a of opts.rest) args.push(a.startsWith("-") || a.startsWith("/") ? a : `/tests/${a}`);
  pyodide.globals.set("PYTEST_ARGS", pyodide.toPy(args));
  const code = await pyodide.runPythonAsync(`
import os, sys
import pytest
os.chdir("/work")
print("pyodide", sys.version.split()[0], sys.platform, "pytest", pytest.__version__, flush=True)
int(pytest.main(list(PYTEST_ARGS)))
`);
  return code;
}

// process.exit() drops whatever is still queued for a pipe (past 64 KiB): flush first.
const exitAfterFlush = (code) => process.stdout.write("", () => process.exit(code));

main().then(
  (code) => exitAfterFlush(code),
  (err) => {
    console.error(`run_pytest.mjs: ${err && err.stack ? err.stack : err}`);
    exitAfterFlush(2);
  },
);
