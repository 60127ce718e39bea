// ScorerClient without a browser: a stand-in Worker records what the client posts, so the pairing of
// requests and replies, and what happens to calls still waiting, can be checked under Node.
import assert from "node:assert/strict";
import { test } from "node:test";

class FakeWorker {
  constructor() { this.posted = []; this.terminated = false; }
  postMessage(message) { this.posted.push(message); }
  terminate() { this.terminated = true; }
}
globalThis.Worker = FakeWorker;

const { ScorerClient } = await import("../../docs/js/scorer-client.js");

function readyClient() {
  const client = new ScorerClient(() => {});
  client.receive({ type: "ready" });
  return client;
}

test("a reply resolves the call with the same id", async () => {
  const client = readyClient();
  const call = client.call("score", { form_id: "wai-s" });
  const { id } = client.worker.posted.at(-1);
  client.receive({ id, ok: true, value: 42 });
  assert.equal(await call, 42);
  client.terminate();
});

test("terminate() rejects the calls still waiting, and stops the worker", async () => {
  const client = readyClient();
  const first = client.call("score", {});
  const second = client.call("compare", {});
  client.terminate();
  assert.ok(client.worker.terminated);
  await assert.rejects(first, /stopped before it answered/);
  await assert.rejects(second, /stopped before it answered/);
  assert.equal(client.pending.size, 0);
});

test("a call after terminate() is refused at once", async () => {
  const client = readyClient();
  client.terminate();
  await assert.rejects(client.call("score", {}), /not ready/);
});
