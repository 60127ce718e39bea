// Service worker: keeps the site and the scorer usable offline after one visit.
// The build (sitebuild/postbuild/offline.py) fills in VERSION (a hash of the whole built site) and PRECACHE
// (every page and asset except the Pyodide runtime). A new build changes VERSION, so the browser
// installs this worker afresh and the old cache is dropped on activation.
const VERSION = "__WAI_VERSION__";
const PRECACHE = ["__WAI_PRECACHE__"];
const CACHE = `wai-training-${VERSION}`;
const SCOPE = new URL("./", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // cache: "reload" skips the browser's HTTP cache, which could hand the new version old files.
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(new URL(path, SCOPE).href, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

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

// Pages and assets: the cache of this version first, then the network (and remember the answer).
// The Pyodide runtime and the wheel are not precached (reading pages must not download them):
// they are stored the first time a scorer page fetches them.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(fromCacheOrNetwork(request));
});

async function fromCacheOrNetwork(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  if (cached) return cached;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    if (request.mode === "navigate") {
      const fallback = await cache.match(new URL("404.html", SCOPE).href);
      if (fallback) return fallback;
    }
    throw error;
  }
}
