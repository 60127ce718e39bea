// The three interactive widgets (score, case, compare). They only move data: answers from the page
// to scorer.web in the worker, and the HTML it returns back into the page. Answers are saved in
// localStorage under wai-training:v1:<widget>:<form> on every change (ARCHITECTURE.md "Storage").

import { ScorerClient } from "./scorer-client.js";

const PREFIX = "wai-training:v1:";
const READY_TEXT = "Scorer ready. Your answers stay in this browser.";

const $ = (root, selector) => root.querySelector(selector);
const $$ = (root, selector) => [...root.querySelectorAll(selector)];

// --- storage -----------------------------------------------------------------------------------

function storageKey(widget, form) {
  return `${PREFIX}${widget}:${form}`;
}

// null when nothing is stored; {corrupt: true} when the stored text cannot be used (it is removed).
function readStored(key) {
  let raw;
  try {
    raw = window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the widget still works, it just cannot remember
  }
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw);
    if (value && typeof value === "object" && !Array.isArray(value) && value.v === 1) return { value };
  } catch {
    // fall through
  }
  removeStored(key);
  return { corrupt: true };
}

function writeStored(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify({ v: 1, ...value, saved: new Date().toISOString() }));
    return true;
  } catch {
    return false;
  }
}

function removeStored(key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing stored, nothing to remove
  }
}

// --- the radio-button forms rendered by scorer.render.form_html --------------------------------

function readPanel(panel) {
  return $$(panel, "fieldset.wai-item").map((fieldset) => {
    const checked = $(fieldset, "input[type=radio]:checked");
    return checked ? checked.value : null;
  });
}

// false when a value has no matching radio button (the stored answers do not fit this form).
function fillPanel(panel, values) {
  const fieldsets = $$(panel, "fieldset.wai-item");
  if (!Array.isArray(values) || values.length !== fieldsets.length) return false;
  const targets = [];
  for (const [i, value] of values.entries()) {
    if (value === null || value === "") continue;
    const radio = $$(fieldsets[i], "input[type=radio]").find((r) => r.value === String(value));
    if (!radio) return false;
    targets.push(radio);
  }
  clearPanel(panel);
  for (const radio of targets) radio.checked = true;
  return true;
}

function clearPanel(panel) {
  for (const radio of $$(panel, "input[type=radio]")) radio.checked = false;
}

function download({ filename, mime, text }) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function setUrlParams(params) {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, "", url);
}

// --- the part every widget shares --------------------------------------------------------------

class Widget {
  constructor(root) {
    this.root = root;
    this.kind = root.dataset.widget;
    this.status = $(root, ".wai-status");
    this.errorBox = $(root, ".wai-error");
    this.noticeBox = $(root, ".wai-notice");
    this.client = null;
    this.listeners = [];
    this.restored = []; // [storage key, stored value] to double-check in Python once it is ready
    this.params = new URL(window.location.href).searchParams;
  }

  on(element, type, handler) {
    if (!element) return;
    element.addEventListener(type, handler);
    this.listeners.push([element, type, handler]);
  }

  action(name, handler) {
    for (const button of $$(this.root, `[data-action="${name}"]`)) this.on(button, "click", handler);
  }

  stop() {
    for (const [element, type, handler] of this.listeners) element.removeEventListener(type, handler);
    this.listeners = [];
  }

  setState(state, text) {
    this.root.dataset.state = state;
    if (this.status) this.status.textContent = text;
    for (const button of $$(this.root, '[data-needs="python"]')) button.disabled = state !== "ready";
  }

  onScorerEvent(event) {
    if (event.type === "progress") this.setState("loading", event.detail);
    else if (event.type === "ready") {
      this.setState("ready", READY_TEXT);
      this.verifyRestored();
      this.onReady();
    } else if (event.type === "error") {
      this.setState(
        "error",
        `The scorer could not start. ${event.error} Your answers are still saved in this browser.`,
      );
    }
  }

  onReady() {}

  showError(message) {
    if (!this.errorBox) return;
    this.errorBox.textContent = message;
    this.errorBox.hidden = false;
  }

  clearError() {
    if (!this.errorBox) return;
    this.errorBox.textContent = "";
    this.errorBox.hidden = true;
  }

  notice(message) {
    if (!this.noticeBox) return;
    this.noticeBox.textContent = message;
    this.noticeBox.hidden = false;
  }

  // Call scorer.web; a ScorerError shows next to the widget and the answers stay as they are.
  async run(fn, args) {
    this.clearError();
    try {
      return await this.client.call(fn, args);
    } catch (err) {
      this.showError(err.message);
      return null;
    }
  }

  restore(key, apply) {
    const stored = readStored(key);
    if (stored === null) return null;
    if (stored.corrupt || !apply(stored.value)) {
      removeStored(key);
      this.notice("Some saved answers in this browser could not be read and were removed. " +
        "Please check the form before scoring.");
      return null;
    }
    this.restored.push([key, stored.value]);
    return stored.value;
  }

  save(key, value) {
    if (!writeStored(key, value)) {
      this.notice("This browser did not let the page save your answers (storage is full or disabled); " +
        "export them before leaving the page.");
    }
  }

  // The page trusted its own shape check; Python checks every value against the form's key.
  async verifyRestored() {
    for (const [key, value] of this.restored) {
      try {
        await this.client.call("validate_saved", { blob: value });
      } catch (err) {
        removeStored(key);
        this.onCorruptRestore(key);
        this.notice(`Saved answers were removed because they do not fit the form: ${err.message}`);
      }
    }
    this.restored = [];
  }

  onCorruptRestore() {}
}

// A select plus one .wai-form-panel per form (all rendered at build time; the others hidden).
class FormSwitcher {
  constructor(scope) {
    this.select = $(scope, 'select[data-role="form-select"]');
    this.panels = $$(scope, ".wai-form-panel");
  }

  has(formId) {
    return this.panels.some((panel) => panel.dataset.formId === formId);
  }

  panel(formId = this.current) {
    return this.panels.find((panel) => panel.dataset.formId === formId);
  }

  get current() {
    return this.select ? this.select.value : this.panels[0].dataset.formId;
  }

  show(formId) {
    if (!this.has(formId)) return;
    if (this.select) this.select.value = formId;
    for (const panel of this.panels) panel.hidden = panel.dataset.formId !== formId;
  }
}

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
      const form = panel.dataset.formId;
      this.restore(storageKey("score", form), (value) => fillPanel(panel, value.responses));
      this.on(panel, "change", () => this.save(storageKey("score", form), { form, responses: readPanel(panel) }));
    }
    this.on(this.forms.select, "change", () => {
      this.forms.show(this.forms.select.value);
      root.dataset.form = this.forms.current;
      setUrlParams({ form: this.forms.current });
      this.results.replaceChildren();
      this.clearError();
    });
    this.action("score", () => this.score());
    this.action("paste", () => this.pasteRow());
    this.action("clear", () => this.clear());
    this.action("export-csv", () => this.export("export_csv"));
    this.action("export-json", () => this.export("export_json"));
    this.action("print", () => window.print());
  }

  onCorruptRestore(key) {
    const form = key.slice(storageKey("score", "").length);
    if (this.forms.has(form)) clearPanel(this.forms.panel(form));
  }

  async score() {
    const value = await this.run("score", { form_id: this.forms.current, responses: readPanel(this.forms.panel()) });
    if (value) this.results.innerHTML = value.html.all;
  }

  async pasteRow() {
    const form = this.forms.current;
    const value = await this.run("parse_row", { form_id: form, text: this.paste.value });
    if (!value) return;
    fillPanel(this.forms.panel(form), value.responses);
    this.save(storageKey("score", form), { form, responses: readPanel(this.forms.panel(form)) });
    if (this.status) this.status.textContent = `Filled ${value.responses.length} answers from the pasted row.`;
  }

  clear() {
    const form = this.forms.current;
    clearPanel(this.forms.panel(form));
    removeStored(storageKey("score", form));
    this.results.replaceChildren();
    if (this.paste) this.paste.value = "";
    this.clearError();
  }

  async export(fn) {
    const value = await this.run(fn, { form_id: this.forms.current, responses: readPanel(this.forms.panel()) });
    if (value) download(value);
  }
}

// --- Practice cases ----------------------------------------------------------------------------

const ANSWERS = ["goal_sum", "task_sum", "bond_sum", "total_sum", "goal_mean", "task_mean", "bond_mean", "total_mean"];

class CaseWidget extends Widget {
  constructor(root) {
    super(root);
    this.formSelect = $(root, 'select[data-role="form-select"]');
    this.profileSelect = $(root, 'select[data-role="profile-select"]');
    this.seedInput = $(root, 'input[data-role="seed"]');
    this.caseBox = $(root, ".wai-case");
    this.feedback = $(root, ".wai-feedback");
    this.solutionBox = $(root, ".wai-solution");
    this.inputs = Object.fromEntries(ANSWERS.map((name) => [name, $(root, `input[data-answer="${name}"]`)]));

    const options = (select) => (select ? [...select.options].map((o) => o.value) : []);
    const form = this.params.get("form");
    if (options(this.formSelect).includes(form)) this.formSelect.value = form;
    const stored = this.restore(this.key(), (value) => this.validShape(value));
    const profile = this.params.get("profile") ?? stored?.profile;
    if (options(this.profileSelect).includes(profile)) this.profileSelect.value = profile;
    const seed = this.params.get("seed") ?? stored?.seed;
    if (seed !== undefined && seed !== null && /^\d+$/.test(String(seed))) this.seedInput.value = String(seed);
    if (stored && String(stored.seed) === this.seedInput.value && stored.profile === this.profileSelect.value) {
      this.setAnswers(stored.answers || {});
    }
    root.dataset.form = this.formSelect.value;
    this.hideStaleCase();

    for (const input of Object.values(this.inputs)) this.on(input, "input", () => this.saveAnswers());
    for (const control of [this.formSelect, this.profileSelect, this.seedInput]) {
      this.on(control, "change", () => this.switchCase());
    }
    this.action("check", () => this.check());
    this.action("solution", () => this.solution());
    this.action("new-case", () => this.newCase());
    this.action("clear", () => this.clear());
    this.action("print", () => window.print());
  }

  key() {
    return storageKey("case", this.formSelect.value);
  }

  // The build renders the default case; if the URL or saved work asks for another, do not show a
  // sheet that does not belong to the numbers being typed.
  hideStaleCase() {
    const card = $(this.caseBox, ".wai-case-card");
    const { form_id, seed, profile } = this.caseArgs();
    if (!card || (card.dataset.form === form_id && card.dataset.seed === seed && card.dataset.profile === profile)) {
      return;
    }
    const message = document.createElement("p");
    message.className = "wai-case-pending";
    message.textContent = `Case ${seed} appears here as soon as the scorer is ready.`;
    this.caseBox.replaceChildren(message);
  }

  validShape(value) {
    return /^\d+$/.test(String(value.seed)) && typeof value.profile === "string" &&
      value.answers && typeof value.answers === "object" &&
      Object.entries(value.answers).every(([k, v]) => ANSWERS.includes(k) && typeof v === "string");
  }

  caseArgs() {
    return { form_id: this.formSelect.value, seed: this.seedInput.value, profile: this.profileSelect.value };
  }

  getAnswers() {
    return Object.fromEntries(ANSWERS.map((name) => [name, this.inputs[name] ? this.inputs[name].value : ""]));
  }

  setAnswers(answers) {
    for (const name of ANSWERS) if (this.inputs[name]) this.inputs[name].value = answers[name] ?? "";
  }

  saveAnswers() {
    const { seed, profile } = this.caseArgs();
    this.save(this.key(), { form: this.formSelect.value, seed, profile, answers: this.getAnswers() });
  }

  onCorruptRestore() {
    this.setAnswers({});
  }

  onReady() {
    this.loadCase();
  }

  async loadCase() {
    const value = await this.run("new_case", this.caseArgs());
    if (!value) return;
    this.caseBox.innerHTML = value.html;
    this.root.dataset.form = this.formSelect.value;
    setUrlParams({ form: this.formSelect.value, seed: this.seedInput.value, profile: this.profileSelect.value });
  }

  // Another form, profile or number: its saved answers come back if they belong to that very case.
  switchCase() {
    const stored = readStored(this.key());
    const { seed, profile } = this.caseArgs();
    const same = stored?.value && String(stored.value.seed) === seed && stored.value.profile === profile;
    this.setAnswers(same ? stored.value.answers || {} : {});
    this.feedback.replaceChildren();
    this.solutionBox.replaceChildren();
    this.solutionBox.hidden = true;
    if (this.client && this.client.state === "ready") this.loadCase();
    else this.hideStaleCase();
  }

  newCase() {
    const seed = new Uint32Array(1);
    window.crypto.getRandomValues(seed);
    this.seedInput.value = String(seed[0] % 100000);
    this.switchCase();
  }

  async check() {
    const value = await this.run("check_case", { ...this.caseArgs(), answers: this.getAnswers() });
    if (value) this.feedback.innerHTML = value.html;
  }

  async solution() {
    const value = await this.run("solution", this.caseArgs());
    if (!value) return;
    this.solutionBox.innerHTML = value.html;
    this.solutionBox.hidden = false;
  }

  clear() {
    this.setAnswers({});
    removeStored(this.key());
    this.feedback.replaceChildren();
    this.solutionBox.replaceChildren();
    this.solutionBox.hidden = true;
    this.clearError();
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
        const form = panel.dataset.formId;
        this.restore(storageKey("compare", form), (value) => fillPanel(panel, value.responses));
        this.on(panel, "change", () => this.save(storageKey("compare", form), { form, responses: readPanel(panel) }));
      }
      this.on(forms.select, "change", () => {
        forms.show(forms.select.value);
        setUrlParams({ [side]: forms.current });
        this.results.replaceChildren();
      });
    }
    this.results = $(root, ".wai-results");
    this.action("compare", () => this.compare());
    this.action("clear", () => this.clear());
    this.action("export-csv", () => this.export("export_csv"));
    this.action("export-json", () => this.export("export_json"));
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

  async compare() {
    const value = await this.run("compare", this.args());
    if (value) this.results.innerHTML = value.html.all;
  }

  async export(fn) {
    const a = this.args();
    const value = await this.run(fn, {
      form_id: a.patient_form,
      responses: a.patient_responses,
      therapist_form: a.therapist_form,
      therapist_responses: a.therapist_responses,
    });
    if (value) download(value);
  }

  clear() {
    for (const forms of Object.values(this.sides)) {
      clearPanel(forms.panel());
      removeStored(storageKey("compare", forms.current));
    }
    this.results.replaceChildren();
    this.clearError();
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

export {
  FormSwitcher, Widget, clearPanel, download, fillPanel, readPanel, readStored, removeStored, storageKey, writeStored,
};
