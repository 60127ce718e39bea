// Run pytest inside the real Pyodide runtime (node_modules/pyodide) under Node, no browser.
//
//   node tests/pyodide/run_pytest.mjs --wheels vendor/pyodide-wheels --wheels dist/wai_scorer-*.whl \
//        --root . [--tests tests] [--config pyproject.toml] [--max-examples 20] \
//        -- [pytest args, paths relative to the tests dir]
//
// The project folder (--root) is mounted with NODEFS at /src, so tests that read their data files or
// the docs find them; the scorer itself is imported from the installed wheel (the working directory
// is a scratch folder in memory, and /src is not on sys.path), and nothing (caches, the hypothesis
// database, bytecode) is written to the tree.
// Exit code: pytest's; 2 when the harness itself fails.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { boot, parseArgs, wheelFiles } from "./boot.mjs";

async function main() {
  const opts = parseArgs(process.argv.slice(2), ["wheels"]);
  if (!opts.root) throw new Error("--root DIR is required");
  const pyodide = await boot(wheelFiles(opts.wheels));
  const FS = pyodide.FS;
  FS.mkdirTree("/src");
  FS.mount(FS.filesystems.NODEFS, { root: resolve(opts.root) }, "/src");
  const tests = `/src/${opts.tests || "tests"}`.replace(/\/(\.\/?)?$/, "");
  FS.mkdirTree("/work");
  const args = ["-p", "no:cacheprovider", "--rootdir", tests];
  if (opts.config) {
    // pytest reads [tool.pytest.ini_options] (markers, addopts) from a copy in memory.
    FS.writeFile("/work/pyproject.toml", readFileSync(resolve(opts.config)));
    args.push("-c", "/work/pyproject.toml");
  }
  for (const a of opts.rest) args.push(a.startsWith("-") || a.startsWith("/") ? a : `${tests}/${a}`);
  const examples = Number(opts["max-examples"] || 20);
  pyodide.globals.set("PYODIDE_EXAMPLES", examples);
  pyodide.globals.set("PYTEST_ARGS", pyodide.toPy(args));
  const code = await pyodide.runPythonAsync(`
import os, sys
import pytest
os.chdir("/work")
try:
    # The full property runs happen under CPython; here each property gets fewer examples, since the
    # point is to catch runtime differences, and Pyodide is several times slower.
    from hypothesis import settings
    settings.register_profile("pyodide", deadline=None, max_examples=PYODIDE_EXAMPLES)
    ARGS = ["--hypothesis-profile=pyodide", "-W",
            "ignore:Module already imported so cannot be rewritten:pytest.PytestAssertRewriteWarning",
            *PYTEST_ARGS]
except ImportError:
    ARGS = list(PYTEST_ARGS)
import scorer
print("pyodide", sys.version.split()[0], sys.platform, "pytest", pytest.__version__,
      "scorer from", os.path.dirname(scorer.__file__), flush=True)
int(pytest.main(ARGS))
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
