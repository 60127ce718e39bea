// Module worker hosting Pyodide and the scorer wheel (protocol: ARCHITECTURE.md "Browser protocol").
// Start-up posts {type: "progress", stage, detail} (the detail is the sentence the page shows), then
// {type: "ready", python, origin, marks, imports} or {type: "error", error}; after ready, one
// {type: "timings", origin, marks} with the first call's time. Requests {id, fn, args} are answered
// {id, ok: true, value} or {id, ok: false, error}; the Python side (scorer.web.dispatch) does the work.
//
// Start-up has no overall deadline: a slow connection or a slow device only takes longer. The
// worker counts the bytes the server really sends and fails at once on a deployment fault it can
// see (a runtime file or the wheel answering 404, a .wasm not served as application/wasm). A start
// that makes no progress for STALL_MS is checked for such a fault and otherwise told to wait.

const T_START = performance.now();
const SITE = new URL("../", import.meta.url); // this file lives in <site>/js/
const PYODIDE = new URL("pyodide/", SITE);
const WHEELS = new URL("wheels/", SITE);
const RUNTIME = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"].map((f) => new URL(f, PYODIDE).href);
const SCRIPT = new URL("pyodide.asm.mjs", PYODIDE).href; // loaded by import(), not fetch()
// What the worker imports before it says "ready". Everything else the scorer loads on first use.
const ENTRY = "scorer.web";
// Tests shorten the patience with ?stall=ms on this file's URL (scorer-client.js); the site never does.
const STALL_MS = Number(new URL(import.meta.url).searchParams.get("stall")) || 15000;
const TICK_MS = 500;
const MB = 1e6;

const post = (message) => self.postMessage(message);
const marks = { start: T_START }; // phase -> performance.now() in this worker
let lastStep = T_START; // when the last byte arrived or the last phase was passed
let phase = "download"; // download, wheel, import
let finished = false; // ready or failed: no more start-up messages
let shown = "";
let postedAt = T_START;

function mark(name) {
  marks[name] = performance.now();
  lastStep = marks[name];
}

// Posts the sentence the page shows, once (a live region must not repeat itself).
function progress(stage, detail) {
  if (finished || detail === shown) return;
  shown = detail;
  postedAt = performance.now();
  post({ type: "progress", stage, detail });
}

class StartupError extends Error {}

function fail(error) {
  if (finished) return;
  finished = true;
  post({ type: "error", error });
}

// --- what the server sends --------------------------------------------------------------------

// url -> {total: bytes or null when the server does not say, received, done}
const downloads = new Map();

function expect(url) {
  if (!downloads.has(url)) downloads.set(url, { total: undefined, received: 0, done: false });
  return downloads.get(url);
}

function announcedSize(headers) {
  const encoding = (headers.get("content-encoding") || "identity").toLowerCase();
  const length = Number(headers.get("content-length"));
  // A compressed body is counted after decompression, so its Content-Length is not its total.
  return encoding === "identity" && Number.isFinite(length) && length > 0 ? length : null;
}

function deploymentFault(url, response) {
  const path = new URL(url).pathname;
  const fix = "Reloading will not help: please tell your instructor or the site's maintainer.";
  if (!response.ok) {
    return `The site is incomplete: ${path} is missing on the server (HTTP ${response.status}). ${fix} ` +
      "(Maintainer: deploy the whole built site, pyodide/ and wheels/ included.)";
  }
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (path.endsWith(".wasm") && type !== "application/wasm") {
    return `The web server sends ${path} as "${type || "no type"}", but browsers only run WebAssembly ` +
      `served as "application/wasm". ${fix} (Maintainer: set that MIME type for .wasm files.)`;
  }
  return null;
}

// Counts the bytes of a response as they arrive, on a copy, so the caller still gets the original
// (WebAssembly.instantiateStreaming needs it: its MIME type, and its URL for the browser's code cache).
function watch(url, response) {
  const file = expect(url);
  const fault = deploymentFault(url, response);
  if (fault) {
    fail(fault);
    return;
  }
  file.total = announcedSize(response.headers);
  lastStep = performance.now();
  const reader = response.clone().body.getReader();
  const pump = () => reader.read().then(({ done, value }) => {
    if (done) {
      file.done = true;
      lastStep = performance.now();
      if (url === RUNTIME[0]) mark("wasm_fetched");
      if (url === RUNTIME[1]) mark("stdlib_fetched");
      return;
    }
    file.received += value.byteLength;
    lastStep = performance.now();
    pump();
  }, () => {}); // a broken download fails where the original body is read, with its own message
  pump();
}

const nativeFetch = self.fetch.bind(self);
// Pyodide fetches its own files; the worker starts those fetches itself, at once, and hands each
// response over when Pyodide asks for the same URL, so nothing waits for pyodide.mjs to load first.
const early = new Map();

function fetchWatched(url) {
  expect(url);
  return nativeFetch(url).then((response) => {
    watch(url, response);
    return response;
  }, (err) => {
    throw new StartupError(`Could not download ${new URL(url).pathname} (${err.message}). Check your ` +
      "connection and reload the page; your answers are kept.");
  });
}

self.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : new URL(input, self.location).href;
  if (early.has(url) && !(init && init.method && init.method !== "GET")) {
    const response = early.get(url);
    early.delete(url);
    return response;
  }
  return nativeFetch(input, init);
};

async function sizeOfScript() {
  const file = expect(SCRIPT);
  try {
    const response = await nativeFetch(SCRIPT, { method: "HEAD" });
    const fault = deploymentFault(SCRIPT, response);
    if (fault) fail(fault);
    else if (file.total === undefined) file.total = announcedSize(response.headers);
  } catch {
    // No network (the files may come from the offline copy): count the other files only.
    if (!file.done) downloads.delete(SCRIPT);
  }
}

function describeDownload() {
  const files = [...downloads.values()];
  const received = files.reduce((sum, f) => sum + (f.done && f.total ? Math.max(f.total, f.received) : f.received), 0);
  if (files.some((f) => f.total === undefined)) return "Downloading the Python runtime (only on the first visit)…";
  const mb = (bytes) => (bytes / MB).toFixed(1);
  if (files.some((f) => f.total === null)) {
    return `Downloading the Python runtime: ${mb(received)} MB so far (the server compresses it, so its ` +
      "full size is not known in advance; only on the first visit)…";
  }
  const total = files.reduce((sum, f) => sum + f.total, 0);
  return `Downloading the Python runtime: ${mb(received)} of ${mb(total)} MB (only on the first visit)…`;
}

// --- the watchdog -------------------------------------------------------------------------------

// A HEAD request of our own (not through the cache) tells a missing file or a wrong MIME type apart
// from a connection that is merely slow.
async function diagnose() {
  for (const url of [RUNTIME[0], SCRIPT, new URL("index.json", WHEELS).href]) {
    try {
      const response = await nativeFetch(url, { method: "HEAD", cache: "no-store" });
      const fault = deploymentFault(url, response);
      if (fault) return fault;
    } catch {
      return null; // no network: not a deployment fault; the download may resume
    }
  }
  return null;
}

let diagnosing = false;
let diagnosedStep = null;

async function tick() {
  if (finished) return;
  const now = performance.now();
  if (now - lastStep < STALL_MS) {
    if (phase === "download") {
      const all = [...downloads.values()];
      if (all.length > 0 && all.every((f) => f.done)) progress("boot", "Starting Python…");
      else progress("download", describeDownload());
    }
  } else if (!diagnosing && diagnosedStep !== lastStep) {
    diagnosedStep = lastStep;
    diagnosing = true;
    const fault = await diagnose();
    diagnosing = false;
    if (fault) fail(fault);
    else if (![...downloads.values()].every((f) => f.done)) {
      progress("stalled", "Still downloading on a slow connection: keep this page open, it carries on by " +
        "itself. If nothing changes for a few minutes, reload the page; your answers are kept.");
    } else {
      progress("stalled", "Python is still starting on this device: keep this page open. If nothing changes " +
        "for a few minutes, reload the page; your answers are kept.");
    }
  }
  // Tell the page the worker is alive even when the text has not changed (the page's own deadline).
  if (!finished && now - postedAt > 5000) {
    postedAt = now;
    post({ type: "alive" });
  }
}

// Pyodide reports a failed WebAssembly instantiation only on the console, then waits forever.
const consoleWarn = console.warn.bind(console);
let instantiationFailed = false;
console.warn = (...args) => {
  consoleWarn(...args);
  if (instantiationFailed && !finished) {
    const reason = args.map(String).join(" ");
    diagnose().then((fault) => fail(fault || `The Python runtime could not start in this browser (${reason}). ` +
      "Reload the page; if that does not help, try an up-to-date browser. Your answers are kept."));
  }
  if (args[0] === "wasm instantiation failed!") instantiationFailed = true;
};

// --- start-up -----------------------------------------------------------------------------------

async function fetchOk(url, what) {
  let response;
  try {
    response = await nativeFetch(url);
  } catch (err) {
    throw new StartupError(`Could not download ${what} (${url.pathname}): ${err.message}. Check your ` +
      "connection and reload the page; your answers are kept.");
  }
  if (!response.ok) {
    throw new StartupError(`Could not download ${what}: ${url.pathname} answered HTTP ${response.status}. ` +
      "Please tell your instructor or the site's maintainer: the site was published incompletely.");
  }
  return response;
}

async function fetchWheel() {
  const index = await (await fetchOk(new URL("index.json", WHEELS), "the wheel index")).json();
  const name = index.pyodide?.["wai-scorer"]; // the py-compiled wheel (sitebuild/postbuild/index.py)
  if (typeof name !== "string" || !name.endsWith(".whl")) {
    throw new StartupError(`${WHEELS.pathname}index.json does not name a wai-scorer wheel.`);
  }
  const url = new URL(name, WHEELS).href;
  fetchedAs.wheel_fetched = url;
  const response = await fetchWatched(url);
  if (!response.ok) throw new StartupError(deploymentFault(url, response));
  const bytes = await response.arrayBuffer();
  mark("wheel_fetched");
  return bytes;
}

async function bootRuntime() {
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE).href));
  } catch (err) {
    throw new StartupError(`Could not load ${PYODIDE.pathname}pyodide.mjs (${err.message}). Check your ` +
      "connection and reload the page; if it keeps failing, tell your instructor: the site may be incomplete.");
  }
  mark("loader");
  const pyodide = await loadPyodide({
    indexURL: PYODIDE.href,
    // Called once the WebAssembly module is instantiated, before Python starts (which takes a
    // while and blocks this worker, so the page hears nothing until it is done).
    fsInit: async () => {
      mark("instantiated");
      phase = "boot";
      progress("boot", "Starting Python…");
    },
  });
  mark("booted");
  return pyodide;
}

function moduleNames(pyodide) {
  const proxy = pyodide.runPython("import sys\nlist(sys.modules)");
  try {
    return proxy.toJs();
  } finally {
    proxy.destroy();
  }
}

// A download's end is marked when this worker gets to it, which may be long after the bytes came in
// (booting Python blocks the worker); the browser's Resource Timing has the true moment.
const fetchedAs = { wasm_fetched: RUNTIME[0], stdlib_fetched: RUNTIME[1], script_loaded: SCRIPT };

function markDownloads() {
  for (const [name, url] of Object.entries(fetchedAs)) {
    const entry = performance.getEntriesByName(url, "resource").at(-1);
    if (entry && entry.responseEnd > 0) marks[name] = entry.responseEnd;
  }
}

function importEntry(pyodide) {
  try {
    return pyodide.pyimport(ENTRY);
  } catch (err) {
    const last = String(err && err.message ? err.message : err).trim().split("\n").pop();
    throw new StartupError(`The scorer's Python package did not load (${last}). Reloading will not help: ` +
      "please tell your instructor or the site's maintainer (the wheel in wheels/ is broken).");
  }
}

let dispatch = null;

async function start() {
  sizeOfScript(); // first: a browser opens only a few connections to one server at a time
  for (const url of RUNTIME) early.set(url, fetchWatched(url));
  for (const response of early.values()) response.catch((err) => fail(err.message));
  const script = import(SCRIPT); // the same module Pyodide imports; started now, loaded once
  script.then(() => {
    const file = downloads.get(SCRIPT);
    if (!file) return;
    file.done = true;
    file.received = file.total || 0;
    mark("script_loaded");
  }, () => {});
  const wheel = fetchWheel();
  wheel.catch((err) => fail(err.message)); // a missing wheel is reported now, not after the boot
  const timer = setInterval(tick, TICK_MS);
  try {
    const pyodide = await bootRuntime();
    phase = "wheel";
    progress("wheel", "Installing the scorer…");
    pyodide.unpackArchive(await wheel, "wheel");
    mark("unpacked");
    phase = "import";
    progress("import", "Starting the scorer…");
    const before = new Set(moduleNames(pyodide));
    const t0 = performance.now();
    // unpackArchive can succeed with a broken wheel; importing is the real check.
    const web = importEntry(pyodide);
    const importMs = performance.now() - t0;
    mark("imported");
    const modules = moduleNames(pyodide).filter((name) => !before.has(name)).sort();
    dispatch = web.dispatch;
    clearInterval(timer);
    if (finished) return; // an error was already reported
    finished = true;
    mark("ready");
    markDownloads();
    post({
      type: "ready", python: pyodide.version, origin: performance.timeOrigin, marks,
      imports: { entry: ENTRY, ms: importMs, modules },
      files: [new URL("pyodide.mjs", PYODIDE).href, new URL("index.json", WHEELS).href, ...downloads.keys()],
    });
    // Run the scoring path once while the reader is still filling in the form, so the first real
    // Score does not pay for Python's first pass through it. Messages wait until this returns.
    dispatch("score", JSON.stringify({ form_id: "wai-s", responses: Array(12).fill("4") }));
    mark("first_call");
    post({ type: "timings", origin: performance.timeOrigin, marks });
  } catch (err) {
    clearInterval(timer);
    fail(err && err.message ? err.message : String(err));
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
