// The score and compare widgets, and startWidgets(): one worker for every widget on the page. The
// widgets only move data: answers from the page to scorer.web in the worker, and the HTML it
// returns back into the page. Answers are saved in localStorage under
// wai-training:v1:<widget>:<form> on every change (ARCHITECTURE.md "Storage"); another tab's saves
// are taken in as they happen. The shared base is widget-base.js; the other kinds live in their own
// modules (KIND_MODULES), loaded on demand.

import { CaseWidget } from "./case-widget.js";
import { ScorerClient } from "./scorer-client.js";
import { removeStored, storageKey } from "./storage.js";
import {
  $, FormSwitcher, READY_TEXT, Widget, clearPanel, download, fillPanel, readPanel, setUrlParams,
} from "./widget-base.js";

// --- Score a questionnaire ---------------------------------------------------------------------

class ScoreWidget extends Widget {
  constructor(root) {
    super(root);
    this.forms = new FormSwitcher(root);
    this.results = $(root, ".wai-results");
    this.paste = $(root, 'textarea[data-role="paste"]');
    const wanted = this.params.get("form");
    this.forms.show(this.forms.has(wanted) ? wanted : root.dataset.form);
    root.dataset.form = this.forms.current;
    for (const panel of this.forms.panels) {
      const key = storageKey("score", panel.dataset.formId);
      this.restore(key, (value) => fillPanel(panel, value.responses));
      this.keepPanel(panel, key);
    }
    this.on(this.forms.select, "change", () => {
      this.forms.show(this.forms.select.value);
      root.dataset.form = this.forms.current;
      setUrlParams({ form: this.forms.current });
      this.results.replaceChildren();
      this.clearError();
      this.hush();
    });
    this.action("score", (button) => this.score(button));
    this.action("paste", (button) => this.pasteRow(button));
    this.action("clear", () => this.clear());
    this.action("export-csv", (button) => this.export("export_csv", button));
    this.action("export-json", (button) => this.export("export_json", button));
    this.action("print", () => window.print());
  }

  onCorruptRestore(key) {
    const form = key.slice(storageKey("score", "").length);
    if (this.forms.has(form)) clearPanel(this.forms.panel(form));
  }

  async score(button) {
    const args = { form_id: this.forms.current, responses: readPanel(this.forms.panel()) };
    const value = await this.run("score", args, { near: button });
    // A failed run leaves no result of other answers on screen.
    if (value) this.results.innerHTML = value.html.all;
    else this.results.replaceChildren();
  }

  // A bad row: the message next to the paste box, with the focus; the answers are left as they were.
  async pasteRow(button) {
    const form = this.forms.current;
    this.hush();
    const value = await this.run("parse_row", { form_id: form, text: this.paste.value }, { near: button, focus: true });
    if (!value) return;
    const panel = this.forms.panel(form);
    fillPanel(panel, value.responses);
    this.save(storageKey("score", form), { form, responses: readPanel(panel) });
    const given = value.responses.filter((v) => v !== null && v !== "").length;
    const open = value.responses.length - given;
    this.say(button, `Filled ${given} of ${value.responses.length} answers from the pasted row` +
      (open ? ` (${open} left unanswered).` : "."));
  }

  clear() {
    const form = this.forms.current;
    clearPanel(this.forms.panel(form));
    removeStored(storageKey("score", form));
    this.results.replaceChildren();
    if (this.paste) this.paste.value = "";
    this.clearError();
    this.hush();
    if (this.status && this.root.dataset.state === "ready") this.status.textContent = READY_TEXT;
  }

  async export(fn, button) {
    const value = await this.run(fn, { form_id: this.forms.current, responses: readPanel(this.forms.panel()) },
      { near: button });
    if (value) download(value);
  }
}

// --- Patient and therapist ---------------------------------------------------------------------

class CompareWidget extends Widget {
  constructor(root) {
    super(root);
    this.sides = {};
    for (const side of ["patient", "therapist"]) {
      const scope = $(root, `.wai-compare-side[data-side="${side}"]`);
      const forms = new FormSwitcher(scope);
      const wanted = this.params.get(side);
      if (forms.has(wanted)) forms.show(wanted);
      else forms.show(forms.current);
      this.sides[side] = forms;
      for (const panel of forms.panels) {
        const key = storageKey("compare", panel.dataset.formId);
        this.restore(key, (value) => fillPanel(panel, value.responses));
        this.keepPanel(panel, key);
      }
      this.on(forms.select, "change", () => {
        forms.show(forms.select.value);
        setUrlParams({ [side]: forms.current });
        this.results.replaceChildren();
      });
    }
    this.results = $(root, ".wai-results");
    this.action("compare", (button) => this.compare(button));
    this.action("clear", () => this.clear());
    this.action("export-csv", (button) => this.export("export_csv", button));
    this.action("export-json", (button) => this.export("export_json", button));
    this.action("print", () => window.print());
  }

  onCorruptRestore(key) {
    const form = key.slice(storageKey("compare", "").length);
    for (const forms of Object.values(this.sides)) if (forms.has(form)) clearPanel(forms.panel(form));
  }

  args() {
    const { patient, therapist } = this.sides;
    return {
      patient_form: patient.current,
      patient_responses: readPanel(patient.panel()),
      therapist_form: therapist.current,
      therapist_responses: readPanel(therapist.panel()),
    };
  }

  async compare(button) {
    const value = await this.run("compare", this.args(), { near: button });
    if (value) this.results.innerHTML = value.html.all;
    else this.results.replaceChildren();
  }

  async export(fn, button) {
    const a = this.args();
    const value = await this.run(fn, {
      form_id: a.patient_form,
      responses: a.patient_responses,
      therapist_form: a.therapist_form,
      therapist_responses: a.therapist_responses,
    }, { near: button });
    if (value) download(value);
  }

  clear() {
    for (const forms of Object.values(this.sides)) {
      clearPanel(forms.panel());
      removeStored(storageKey("compare", forms.current));
    }
    this.results.replaceChildren();
    this.clearError();
    this.hush();
  }
}

const KINDS = { score: ScoreWidget, case: CaseWidget, compare: CompareWidget };

// Widgets written in their own modules, loaded only on pages that use them. A module exports an
// object mapping the kind to its class (same interface: constructor(root), a `client` set
// afterwards, onScorerEvent(event), stop()).
const KIND_MODULES = {
  exercise: "./exercise.js",
  assign: "./exercise.js",
  "self-assessment": "./self-assessment.js",
  grade: "./grade.js",
  handin: "./handin.js",
};

async function widgetClass(kind) {
  if (KINDS[kind]) return KINDS[kind];
  if (!KIND_MODULES[kind]) return null;
  try {
    const module = await import(KIND_MODULES[kind]);
    const table = Object.values(module).find((v) => v && typeof v === "object" && typeof v[kind] === "function");
    return table ? table[kind] : null;
  } catch (err) {
    console.warn(`wai-widget: could not load the ${kind} widget (${err.message})`);
    return null;
  }
}

// Set up every widget on the page and one worker for all of them; resolves to the teardown function.
export async function startWidgets(roots) {
  const widgets = [];
  for (const root of roots) {
    const Kind = await widgetClass(root.dataset.widget);
    if (Kind) widgets.push(new Kind(root));
  }
  if (widgets.length === 0) return () => {};
  const client = new ScorerClient((event) => {
    for (const widget of widgets) widget.onScorerEvent(event);
  });
  for (const widget of widgets) widget.client = client;
  return () => {
    client.terminate();
    for (const widget of widgets) widget.stop();
  };
}

