// Accessibility fixes to markup that Material for MkDocs creates in the browser (found by axe-core,
// tests/e2e/test_accessibility.py); they cannot be made at build time because the elements do not
// exist in the built HTML or are rewritten by the theme's script.
// - The search overlay has role="dialog" but no name: it gets one.
// - Material wraps wide tables in a horizontally scrolling .md-typeset__scrollwrap; one that really
//   scrolls (or a table added later that scrolls by itself) becomes a focusable, named region, so
//   keyboard users can scroll it with the arrow keys, with a visible "scroll sideways" hint above it.

function nameSearchDialog() {
  const dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
}

function regionName(wrap) {
  const caption = wrap.querySelector("caption");
  const text = caption ? caption.textContent.trim() : "";
  return text ? `${text} (scrollable table)` : "Scrollable table";
}

// Tables that widgets add later are not wrapped by Material; such a table scrolls by itself. The
// widgets' own scroll boxes (the assignments result, the self-assessment history) are listed too.
const SCROLLERS = ".md-typeset__scrollwrap, .md-typeset table:not([class]), " +
  ".wai-widget.wai-assign .wai-results, .wai-widget .wai-history-table";

// The visible cue above a box that scrolls sideways (overlay scrollbars show nothing until used).
function hint(el, show) {
  const before = el.previousElementSibling;
  const has = before && before.classList.contains("wai-scroll-hint");
  if (show && !has) {
    const p = document.createElement("p");
    p.className = "wai-scroll-hint";
    p.setAttribute("aria-hidden", "true"); // the box's own name already says it scrolls
    p.textContent = "Scroll sideways to see every column →";
    el.before(p);
  } else if (!show && has) {
    before.remove();
  }
}

function markScrollers() {
  for (const el of document.querySelectorAll(SCROLLERS)) {
    const isTable = el.tagName === "TABLE"; // keeps its table role and caption; only made focusable
    const scrolls = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
    if (scrolls) {
      el.tabIndex = 0;
      el.dataset.waiScroller = "";
      if (!isTable) {
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", regionName(el));
      }
    } else if ("waiScroller" in el.dataset) {
      delete el.dataset.waiScroller;
      el.removeAttribute("tabindex");
      if (!isTable) {
        el.removeAttribute("role");
        el.removeAttribute("aria-label");
      }
    }
    if (el.clientWidth > 0) hint(el, scrolls);
  }
}

function fix() {
  nameSearchDialog();
  markScrollers();
}

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(markScrollers, 200);
});
// Widgets put tables into the page later (results, solutions): look again when the content changes.
const observer = new MutationObserver(() => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(markScrollers, 100);
});

function start() {
  fix();
  const content = document.querySelector(".md-content");
  if (content) observer.observe(content, { childList: true, subtree: true });
}

// Material's own document$ subscribers (which wrap the tables) run before this module's.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => start());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
