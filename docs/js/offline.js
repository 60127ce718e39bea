// Registers the service worker that keeps the site usable offline (see docs/sw.js), and asks it to
// fill its offline copy only once this page has loaded and the browser is idle, never when the
// browser asks to save data. On a page with a scorer the fill waits for the scorer (scorer-client.js
// calls fillOfflineCopy with the runtime files it used), so it never competes with that download.
// Scope and URL derive from this script's location, so the site also works under a sub-path.
const root = new URL("../", import.meta.url);
const supported = "serviceWorker" in navigator && location.protocol !== "file:";
const saveData = Boolean(navigator.connection && navigator.connection.saveData);
let asked = false;

if (supported) {
  navigator.serviceWorker
    .register(new URL("sw.js", root), { scope: root.pathname, type: "classic" })
    .catch((error) => console.warn("Offline support is unavailable:", error.message));
}

const whenIdle = (callback) =>
  "requestIdleCallback" in window ? requestIdleCallback(callback, { timeout: 10000 }) : setTimeout(callback, 2000);

// Ask the service worker to store this version of the site (and `extra`, files of this site that
// the page itself used), once per page.
export function fillOfflineCopy(extra = []) {
  if (!supported || saveData || asked) return;
  asked = true;
  const send = () => whenIdle(() => {
    navigator.serviceWorker.ready
      .then((registration) => registration.active && registration.active.postMessage({ type: "fill", extra }))
      .catch(() => {});
  });
  if (document.readyState === "complete") send();
  else window.addEventListener("load", send, { once: true });
}

// Pages with a scorer start it from <head> (js/boot.js); their fill comes from scorer-client.js.
if (!document.querySelector(".wai-widget[data-widget]")) fillOfflineCopy();
