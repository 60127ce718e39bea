// Starts the scorer's worker early on pages with a widget. sitebuild/postbuild/early_start.py puts
// this module, async, into the <head> of those pages only (reading pages never load it), so Pyodide
// boots while the page is still being parsed; docs/js/widgets.js later adopts this worker through
// ScorerClient (scorer-client.js) instead of starting its own.
import { prestartWorker } from "./scorer-client.js";

prestartWorker();
