// Run a Python snippet inside Pyodide under Node and print the value of its last expression
// (a str) on one line after "@@RESULT@@", for cross-runtime comparisons with CPython.
//
//   node tests/pyodide/run_python.mjs --wheels dist/wai_scorer-*.whl --code "import json; json.dumps(1)"
import { boot, parseArgs, wheelFiles } from "./boot.mjs";

async function main() {
  const opts = parseArgs(process.argv.slice(2), ["wheels"]);
  if (!opts.code) throw new Error("--code is required");
  const pyodide = await boot(wheelFiles(opts.wheels));
  const value = await pyodide.runPythonAsync(opts.code);
  process.stdout.write(`@@RESULT@@${value}\n`);
}

// process.exit() drops whatever is still queued for a pipe (past 64 KiB): flush first.
const exitAfterFlush = (code) => process.stdout.write("", () => process.exit(code));

main().then(
  () => exitAfterFlush(0),
  (err) => {
    console.error(`run_python.mjs: ${err && err.stack ? err.stack : err}`);
    exitAfterFlush(2);
  },
);
