// Module worker hosting Pyodide and the scorer wheel (protocol: ARCHITECTURE.md "Browser protocol").
// Start-up posts {type: "progress", stage, detail}, then {type: "ready"} or {type: "error", error}.
// Requests {id, fn, args} are answered {id, ok: true, value} or {id, ok: false, error}; the Python side
// (scorer.web.dispatch) does the work and the error wording.

const SITE = new URL("../", import.meta.url); // this file lives in <site>/js/
const PYODIDE = new URL("pyodide/", SITE);
const WHEELS = new URL("wheels/", SITE);

const post = (message) => self.postMessage(message);
const progress = (stage, detail) => post({ type: "progress", stage, detail });

async function fetchOk(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new Error(`Could not download ${what} (${url.pathname}): ${err.message}`);
  }
  if (!response.ok) {
    throw new Error(`Could not download ${what}: ${url.pathname} answered HTTP ${response.status}.`);
  }
  return response;
}

// loadPyodide() hangs without an error when the .wasm has the wrong MIME type or is missing, so if
// start-up is slow we look at the file ourselves and report what is wrong.
async function diagnoseRuntime() {
  const wasm = new URL("pyodide.asm.wasm", PYODIDE);
  try {
    const response = await fetch(wasm, { method: "HEAD", cache: "no-store" });
    if (!response.ok) {
      return `The Python runtime file ${wasm.pathname} is missing (HTTP ${response.status}). ` +
        "Rebuild the site so the pyodide/ folder is copied (npm ci, then mkdocs build).";
    }
    const type = (response.headers.get("content-type") || "").split(";")[0].trim();
    if (type !== "application/wasm") {
      return `The web server sends ${wasm.pathname} as "${type || "no type"}", but browsers only run ` +
        'WebAssembly served as "application/wasm". Configure the server to use that MIME type for .wasm files.';
    }
  } catch {
    // No network (offline, server gone): not a diagnosis. The runtime may well come from the service
    // worker's cache (this HEAD request bypasses it); if it does not, loading fails with its own error.
    return null;
  }
  return null;
}

let dispatch = null;

async function start() {
  progress("runtime", "Downloading the Python runtime (about 6 MB, only once)…");
  const watchdog = setTimeout(async () => {
    const problem = await diagnoseRuntime();
    if (problem && !dispatch) post({ type: "error", error: problem });
  }, 4000);
  try {
    let loadPyodide;
    try {
      ({ loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE).href));
    } catch (err) {
      throw new Error(`Could not load ${PYODIDE.pathname}pyodide.mjs (${err.message}). ` +
        "Rebuild the site so the pyodide/ folder is copied.");
    }
    const pyodide = await loadPyodide({ indexURL: PYODIDE.href });
    progress("wheel", "Installing the scorer…");
    const index = await (await fetchOk(new URL("index.json", WHEELS), "the wheel index")).json();
    const name = index.pyodide?.["wai-scorer"]; // the py-compiled wheel (sitebuild/postbuild/index.py)
    if (typeof name !== "string" || !name.endsWith(".whl")) {
      throw new Error(`${WHEELS.pathname}index.json does not name a wai-scorer wheel.`);
    }
    const wheel = await fetchOk(new URL(name, WHEELS), "the scorer wheel");
    pyodide.unpackArchive(await wheel.arrayBuffer(), "wheel");
    progress("import", "Starting the scorer…");
    // unpackArchive can succeed with a broken wheel; importing is the real check.
    const web = pyodide.pyimport("scorer.web");
    dispatch = web.dispatch;
    clearTimeout(watchdog);
    post({ type: "ready", python: pyodide.version });
    // Run the scoring path once while the reader is still filling in the form, so the first real
    // Score does not pay for Python's first pass through it. Messages wait until this returns.
    dispatch("score", JSON.stringify({ form_id: "wai-s", responses: Array(12).fill("4") }));
  } catch (err) {
    clearTimeout(watchdog);
    post({ type: "error", error: err && err.message ? err.message : String(err) });
  }
}

self.onmessage = (event) => {
  const { id, fn, args } = event.data || {};
  if (!dispatch) {
    post({ id, ok: false, error: "The scorer is not ready yet." });
    return;
  }
  try {
    const reply = JSON.parse(dispatch(String(fn), JSON.stringify(args || {})));
    post({ id, ...reply });
  } catch (err) {
    post({ id, ok: false, error: `Unexpected error in the worker: ${err.message}` });
  }
};

start();
