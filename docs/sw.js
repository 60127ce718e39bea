// Service worker: keeps the site and the scorer usable offline after one visit.
// The build (sitebuild/postbuild/offline.py) fills in VERSION (a hash of the whole built site) and PRECACHE
// (every page and asset except the Pyodide runtime). A new build changes VERSION, so the browser
// installs this worker afresh and the old cache is dropped on activation.
//
// Installing stores nothing but the offline fallback page: a reader's first page must not wait for,
// or share its connection with, a download of the whole site. The page asks for the rest with a
// {type: "fill", extra: [urls]} message once it has loaded and the browser is idle (js/offline.js),
// and never when the browser asks to save data; `extra` names the runtime files a scorer page used.
const VERSION = "__WAI_VERSION__";
const PRECACHE = ["__WAI_PRECACHE__"];
const CACHE = `wai-training-${VERSION}`;
const SCOPE = new URL("./", self.location).href;
const FALLBACK = new URL("404.html", SCOPE).href;
const FILL_CONNECTIONS = 2; // leave the browser's other connections to the reader's own requests

// "no-cache" revalidates with the server (a 304 moves no body), so a new version is never filled
// from the browser's HTTP cache with the old version's files.
const fresh = (url) => new Request(url, { cache: "no-cache" });

self.addEventListener("install", (event) => {
  event.waitUntil(
    routeRuntimeToCache(event)
      .then(() => caches.open(CACHE))
      .then((cache) => cache.add(fresh(FALLBACK)))
      .catch((error) => console.warn("Offline fallback page not stored:", error.message))
      .then(() => self.skipWaiting()),
  );
});

// Where the browser supports it (Chromium's static routing), the runtime and the wheel are answered
// from this version's cache, or the network when not stored yet, without starting this script:
// the scorer's start-up then never waits for the service worker. They are stored by the fill.
async function routeRuntimeToCache(event) {
  if (typeof event.addRoutes !== "function") return;
  try {
    await event.addRoutes(["pyodide/*", "wheels/*"].map((path) => ({
      condition: { urlPattern: new URL(path, SCOPE).pathname, requestMethod: "GET" },
      source: { cacheName: CACHE },
    })));
  } catch (error) {
    console.warn("Static routes not set; the fetch handler serves the runtime:", error.message);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith("wai-training-") && key !== CACHE)
          .map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

let filling = Promise.resolve();

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "fill") return;
  const extra = Array.isArray(data.extra) ? data.extra.filter((url) => typeof url === "string") : [];
  filling = filling.then(() => fill(extra));
  event.waitUntil(filling);
});

// Stores every file of this version not stored yet, a few at a time; a failure skips that file.
async function fill(extra) {
  const cache = await caches.open(CACHE);
  const wanted = new Set(
    [...PRECACHE, ...extra].map((path) => new URL(path, SCOPE).href).filter((url) => url.startsWith(SCOPE)),
  );
  const queue = [];
  for (const url of wanted) if (!(await cache.match(url))) queue.push(url);
  const worker = async () => {
    while (queue.length) {
      const url = queue.shift();
      try {
        const response = await fetch(fresh(url));
        if (response.ok && response.type === "basic") await cache.put(url, response);
      } catch {
        // offline or gone: the next fill (next page load) tries again
      }
    }
  };
  await Promise.all(Array.from({ length: FILL_CONNECTIONS }, worker));
}

// Pages and assets: the cache of this version first, then the network. A network answer goes to the
// page at once, streaming; it is stored on the side, so the page never waits for the cache.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(fromCacheOrNetwork(event));
});

async function fromCacheOrNetwork(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  if (cached) return cached;
  try {
    // Revalidated, not taken from the HTTP cache as is, which may still hold an older build's file.
    const response = await fetch(new Request(request, { cache: "no-cache" }));
    if (response.ok && response.type === "basic") event.waitUntil(cache.put(request, response.clone()));
    return response;
  } catch (error) {
    if (request.mode === "navigate") {
      const fallback = await cache.match(FALLBACK);
      if (fallback) return fallback;
    }
    throw error;
  }
}
