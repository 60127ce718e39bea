"""Layout checks run in the page (no pytest here, so a benchmark or a one-off script can use them).

``OVERFLOW_JS`` lists what pokes out of the content column (``.md-content``): any element whose box
reaches past the column's left or right edge, unless the box that clips it scrolls sideways and
says so: ``tabindex="0"`` and either ``role="region"`` with an ``aria-label`` (what js/a11y.js
makes of Material's table wrappers and the widgets' scroll boxes) or a native table or code block.
Such a scroll box must itself lie inside the column. Only the outermost offender is reported.
"""

from __future__ import annotations

OVERFLOW_JS = """() => {
  const column = document.querySelector(".md-content");
  if (!column) return ["no .md-content on the page"];
  const box = column.getBoundingClientRect();
  const outside = (r) => r.right > box.right + 1 || r.left < box.left - 1;
  const says = (el) => el.getAttribute("tabindex") === "0" &&
    ((el.getAttribute("role") === "region" && (el.getAttribute("aria-label") || "").trim() !== "") ||
     el.tagName === "TABLE" || el.tagName === "CODE");
  const bad = [];
  for (const el of column.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || !outside(r)) continue;
    if (bad.some((b) => b.el.contains(el))) continue;
    let clipper = null;
    for (let a = el.parentElement; a && a !== column; a = a.parentElement) {
      const ar = a.getBoundingClientRect();
      if (getComputedStyle(a).overflowX !== "visible" && (r.right > ar.right + 1 || r.left < ar.left - 1)) {
        clipper = a;
        break;
      }
    }
    if (clipper && says(clipper) && !outside(clipper.getBoundingClientRect())) continue;
    const name = (e) => e.tagName.toLowerCase() + [...e.classList].map((c) => "." + c).join("");
    bad.push({ el, text: `${name(el)} [${Math.round(r.left)}..${Math.round(r.right)}] in column ` +
      `[${Math.round(box.left)}..${Math.round(box.right)}]` +
      (clipper ? `, clipped by ${name(clipper)} that does not say it scrolls` : "") });
  }
  return bad.map((b) => b.text);
}"""

#: Wait for js/a11y.js to have looked at the page (it marks scroll boxes after layout settles).
A11Y_SETTLE_MS = 400
