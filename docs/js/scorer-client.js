// The page's side of the worker protocol (ARCHITECTURE.md "Browser protocol"): one worker per page,
// requests paired with replies by id. Start-up has no overall deadline (the worker watches its own
// progress, see worker.js); the page gives up only when the worker has sent nothing at all for
// SILENCE_MS, which means it is stuck or dead, not slow.

// Tests (and only tests) shorten the deadlines through a global set before the page's scripts run.
const TEST = globalThis.__waiStartupTest || {};
export const SILENCE_MS = TEST.silenceMs || 120000;

const WORKER_URL = new URL("./worker.js", import.meta.url);
if (TEST.stallMs) WORKER_URL.searchParams.set("stall", String(TEST.stallMs));

// A worker started before the page was parsed (docs/js/boot.js), with the messages it sent before a
// ScorerClient took it over; null when there is none or it was taken.
let early = null;

export function prestartWorker() {
  if (early) return;
  const worker = new Worker(WORKER_URL, { type: "module" });
  const box = { worker, heard: performance.now(), queue: [] };
  worker.onmessage = (event) => {
    box.heard = performance.now();
    box.queue.push(["message", event.data]);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    box.queue.push(["error", event.message]);
  };
  early = box;
}

function takeEarlyWorker() {
  const box = early;
  early = null;
  return box;
}

// The worker's phase times, as User Timing marks on the page's clock ("wai-scorer:<phase>"), so a
// benchmark or the browser's performance panel can read the start-up by phase.
function markPhases(message) {
  if (!message.marks || typeof message.origin !== "number") return;
  const shift = message.origin - performance.timeOrigin;
  for (const [phase, at] of Object.entries(message.marks)) {
    const name = `wai-scorer:${phase}`;
    if (performance.getEntriesByName(name, "mark").length) continue;
    try {
      performance.mark(name, { startTime: Math.max(0, at + shift), detail: phase === "ready" ? message.imports : null });
    } catch {
      // a timing mark is a nicety; never let it stop the scorer
    }
  }
}

// Once the scorer is ready (or has failed), the service worker may fill the offline copy, with the
// runtime files this page used: loaded only now, so start-up never waits for it.
function keepOffline(files) {
  import("./offline.js").then((offline) => offline.fillOfflineCopy(files)).catch(() => {});
}

export class ScorerClient {
  // onEvent receives {type: "progress", detail} | {type: "ready"} | {type: "error", error}.
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.state = "loading";
    this.pending = new Map();
    this.nextId = 1;
    this.detail = null;
    const box = takeEarlyWorker();
    this.worker = box ? box.worker : new Worker(WORKER_URL, { type: "module" });
    this.worker.onmessage = (event) => this.receive(event.data || {});
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.workerFailed(event.message);
    };
    if (box && box.queue.length) {
      // Replayed after the caller has finished setting up (it hands this client to its widgets).
      queueMicrotask(() => {
        for (const [kind, data] of box.queue) {
          if (kind === "message") this.receive(data || {}, false);
          else this.workerFailed(data);
        }
      });
    }
    this.listen(box ? box.heard : performance.now());
  }

  // (Re)arms the deadline: SILENCE_MS after the worker was last heard from.
  listen(heard = performance.now()) {
    clearTimeout(this.timer);
    if (this.state !== "loading") return;
    this.timer = setTimeout(() => {
      this.fail(
        `The scorer stopped responding while it was starting (nothing for ${Math.round(SILENCE_MS / 1000)} s). ` +
          "Reload the page to try again; your answers are kept.",
      );
    }, Math.max(0, SILENCE_MS - (performance.now() - heard)));
  }

  workerFailed(message) {
    this.fail(`The scorer's worker could not start (${message || "js/worker.js failed to load"}). ` +
      "Reload the page to try again; your answers are kept.");
  }

  receive(message, live = true) {
    if (live && this.state === "loading") this.listen();
    if (message.type === "progress") {
      if (this.state === "loading" && message.detail !== this.detail) {
        this.detail = message.detail;
        this.onEvent({ type: "progress", detail: message.detail });
      }
    } else if (message.type === "ready") {
      if (this.state !== "loading") return;
      clearTimeout(this.timer);
      this.state = "ready";
      markPhases(message);
      this.onEvent({ type: "ready" });
      keepOffline(Array.isArray(message.files) ? message.files : []);
    } else if (message.type === "timings") {
      markPhases(message);
    } else if (message.type === "error") {
      this.fail(message.error);
    } else if (message.id !== undefined && this.pending.has(message.id)) {
      const { resolve, reject } = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) resolve(message.value);
      else reject(new Error(message.error));
    }
  }

  fail(error) {
    if (this.state === "error") return;
    clearTimeout(this.timer);
    this.state = "error";
    this.worker.terminate();
    this.rejectPending(error);
    this.onEvent({ type: "error", error });
    keepOffline([]);
  }

  // Call scorer.web.<fn>(**args); resolves with its value, rejects with the scorer's message.
  call(fn, args) {
    if (this.state !== "ready") {
      return Promise.reject(new Error("The scorer is not ready yet; your answers are kept."));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, fn, args });
    });
  }

  // A call still waiting when the worker goes away rejects, so no caller waits for ever.
  rejectPending(reason) {
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
  }

  terminate() {
    clearTimeout(this.timer);
    this.state = "closed";
    this.worker.terminate();
    this.rejectPending("The scorer was stopped before it answered.");
  }
}
