// A classic script on purpose: module scripts (the scorer, saving, search) do not run when the built
// site is opened from a file, but this one does. It tells the reader why nothing works and how to
// serve the site instead, and stops the widgets from promising a scorer that will never start.
(function () {
  "use strict";
  if (window.location.protocol !== "file:") return;
  var note = document.createElement("div");
  note.className = "wai-file-notice";
  note.setAttribute("role", "alert");
  var title = document.createElement("strong");
  title.textContent = "This site must be opened through a web server. ";
  note.appendChild(title);
  note.appendChild(document.createTextNode(
    "Opened as a file, its links, search, saving and the scorer do not work. In a terminal, run "));
  var serve = document.createElement("code");
  serve.textContent = "make serve";
  note.appendChild(serve);
  note.appendChild(document.createTextNode(" in the project folder, or "));
  var http = document.createElement("code");
  http.textContent = "python3 -m http.server";
  note.appendChild(http);
  note.appendChild(document.createTextNode(
    " inside the built site/ folder, then open http://127.0.0.1:8000/ in the browser."));
  document.body.insertBefore(note, document.body.firstChild);
  var widgets = document.querySelectorAll(".wai-widget[data-state]");
  for (var i = 0; i < widgets.length; i += 1) {
    widgets[i].setAttribute("data-state", "error");
    var status = widgets[i].querySelector(".wai-status");
    if (status) status.textContent = "The scorer cannot start from a file: see the notice at the top of the page.";
  }
})();
