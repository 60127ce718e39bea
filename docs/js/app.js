// Page glue. Loaded on every page; does nothing unless the page holds a .wai-widget, so reading pages
// never download the Python runtime. With Material's instant navigation (document$) it runs again for
// every page and shuts down the previous page's worker.

let teardown = null;
let generation = 0;

async function init() {
  const mine = ++generation;
  if (teardown) {
    teardown();
    teardown = null;
  }
  const roots = [...document.querySelectorAll(".wai-widget[data-widget]")];
  if (roots.length === 0) return;
  const { startWidgets } = await import("./widgets.js");
  const stop = await startWidgets(roots);
  if (mine === generation) teardown = stop;
  else stop(); // the reader already moved on to another page
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => init());
} else {
  init();
}
