// Registers the service worker that keeps the site usable offline (see docs/sw.js).
// Scope and URL derive from this script's location, so the site also works under a sub-path.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const root = new URL("../", import.meta.url);
  navigator.serviceWorker
    .register(new URL("sw.js", root), { scope: root.pathname, type: "classic" })
    .catch((error) => console.warn("Offline support is unavailable:", error.message));
}
