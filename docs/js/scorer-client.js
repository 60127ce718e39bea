// The page's side of the worker protocol (ARCHITECTURE.md "Browser protocol"): one worker per page,
// requests paired with replies by id, and a start-up deadline so a broken runtime ends in a message.

export const STARTUP_TIMEOUT_MS = 30000;

const WORKER_URL = new URL("./worker.js", import.meta.url);

// A worker started before the page was parsed (docs/js/boot.js), with the messages it sent before a
// ScorerClient took it over; null when there is none or it was taken.
let early = null;

export function prestartWorker() {
  if (early) return;
  const worker = new Worker(WORKER_URL, { type: "module" });
  const box = { worker, started: performance.now(), queue: [] };
  worker.onmessage = (event) => box.queue.push(["message", event.data]);
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

export class ScorerClient {
  // onEvent receives {type: "progress", detail} | {type: "ready"} | {type: "error", error}.
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.state = "loading";
    this.pending = new Map();
    this.nextId = 1;
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
          if (kind === "message") this.receive(data || {});
          else this.workerFailed(data);
        }
      });
    }
    const elapsed = box ? performance.now() - box.started : 0;
    this.timer = setTimeout(() => {
      this.fail(
        `The scorer did not start within ${STARTUP_TIMEOUT_MS / 1000} s. Check that the site's pyodide/ ` +
          "and wheels/ folders were deployed and that .wasm files are served as application/wasm, then reload.",
      );
    }, Math.max(0, STARTUP_TIMEOUT_MS - elapsed));
  }

  workerFailed(message) {
    this.fail(`The scorer's worker could not start (${message || "js/worker.js failed to load"}).`);
  }

  receive(message) {
    if (message.type === "progress") {
      if (this.state === "loading") this.onEvent({ type: "progress", detail: message.detail });
    } else if (message.type === "ready") {
      if (this.state !== "loading") return;
      clearTimeout(this.timer);
      this.state = "ready";
      this.onEvent({ type: "ready" });
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
    for (const { reject } of this.pending.values()) reject(new Error(error));
    this.pending.clear();
    this.onEvent({ type: "error", error });
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

  terminate() {
    clearTimeout(this.timer);
    this.state = "closed";
    this.worker.terminate();
    this.pending.clear();
  }
}
