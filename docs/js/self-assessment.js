// Clinician self-assessment widget (data-widget="self-assessment"). Like the other widgets it only moves
// data: answers from the page to scorer.web_selfassessment in the worker (sa_* functions), the
// history between localStorage and those functions, and the HTML they return into the page. Python
// validates everything stored or imported and escapes every text a person typed.
// Storage: wai-training:v1:self-assessment:history = {v: 1, entries: [...]} (the saved sessions) and
// wai-training:v1:self-assessment:draft = {v: 1, ...} (the form not yet saved, so a reload loses nothing).

import { getRaw, readStored, removeStored, setRaw } from "./storage.js";
import { $, $$, FormSwitcher, Widget, clearPanel, download, fillPanel, readPanel } from "./widget-base.js";

const DRAFT_KEY = "wai-training:v1:self-assessment:draft";
const HISTORY_KEY = "wai-training:v1:self-assessment:history";

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

class SelfAssessmentWidget extends Widget {
  constructor(root) {
    super(root);
    this.historyKey = root.dataset.storageKey || HISTORY_KEY;
    this.rapportUrl = root.dataset.rapportUrl || "";
    this.therapistPanel = $(root, '[data-section="therapist"] .wai-form-panel');
    this.patientForms = new FormSwitcher($(root, '[data-section="patient"]'));
    this.date = $(root, 'input[data-role="date"]');
    this.label = $(root, 'input[data-role="patient-label"]');
    this.practices = $$(root, "fieldset.wai-practice");
    this.results = $(root, ".wai-results");
    this.history = $(root, ".wai-history");
    this.importInput = $(root, 'input[data-role="import"]');
    this.confirmBox = $(root, '[data-role="confirm"]');
    this.confirmText = $(root, '[data-role="confirm-text"]');
    this.pending = null; // what the confirm step would delete: {all: true} or {id}
    this.draft = null; // a restored draft, checked by Python once it is ready

    this.restoreDraft();
    if (this.date && !this.date.value) this.date.value = today();

    for (const key of ["session", "therapist", "patient", "audit"]) {
      const section = $(root, `[data-section="${key}"]`);
      this.on(section, "change", () => this.saveDraft());
      this.on(section, "input", () => this.saveDraft());
    }
    this.on(this.patientForms.select, "change", () => this.patientForms.show(this.patientForms.select.value));
    this.action("score", (button) => this.score(button));
    this.action("save", (button) => this.record(button));
    this.action("clear", () => this.clearForm());
    this.action("clear-patient", () => {
      clearPanel(this.patientForms.panel());
      this.saveDraft();
    });
    this.action("print", () => window.print());
    this.action("export-json", (button) => this.export("sa_export_json", button));
    this.action("export-csv", (button) => this.export("sa_export_csv", button));
    this.action("delete-all", () => this.askDelete({ all: true }, "Delete every saved session in this browser?"));
    this.action("confirm-delete", () => this.confirmDelete());
    this.action("cancel-delete", () => this.closeConfirm());
    this.on(this.history, "click", (event) => {
      const button = event.target.closest('[data-action="delete-entry"]');
      if (button) this.askDelete({ id: button.dataset.entry }, `${button.getAttribute("aria-label")}?`);
    });
    this.on(this.importInput, "change", () => this.importFile());
    // Another tab of this page: its unsaved form and its history show here too.
    this.watch(() => DRAFT_KEY, (value, raw) => this.takeDraft(value, raw));
    this.watch(() => this.historyKey, () => {
      if (this.client && this.client.state === "ready") this.loadHistory();
    });
  }

  // --- the form ---------------------------------------------------------------------------------

  ratings() {
    return Object.fromEntries(this.practices.map((fs) => {
      const checked = $(fs, "input[type=radio]:checked");
      return [fs.dataset.practice, checked ? checked.value : ""];
    }));
  }

  reflections() {
    return Object.fromEntries(this.practices.map((fs) => [fs.dataset.practice, $(fs, "textarea").value]));
  }

  formArgs() {
    return {
      therapist_responses: readPanel(this.therapistPanel),
      patient_form: this.patientForms.current,
      patient_responses: readPanel(this.patientForms.panel()),
      ratings: this.ratings(),
      reflections: this.reflections(),
      rapport_url: this.rapportUrl,
    };
  }

  draftValue() {
    return {
      v: 1,
      therapist: readPanel(this.therapistPanel),
      patient_form: this.patientForms.current,
      patient: readPanel(this.patientForms.panel()),
      ratings: this.ratings(),
      reflections: this.reflections(),
      patient_label: this.label.value,
      date: this.date.value,
    };
  }

  saveDraft() {
    if (!setRaw(DRAFT_KEY, { ...this.draftValue(), saved: new Date().toISOString() })) {
      this.notice("This browser did not let the page save your answers (storage is full or disabled).");
    }
  }

  applyDraft(d) {
    if (!d || typeof d !== "object") return false;
    if (d.patient_form && this.patientForms.has(d.patient_form)) this.patientForms.show(d.patient_form);
    if (!fillPanel(this.therapistPanel, d.therapist)) return false;
    if (d.patient !== undefined && !fillPanel(this.patientForms.panel(), d.patient)) return false;
    for (const fs of this.practices) {
      const id = fs.dataset.practice;
      const rating = d.ratings && d.ratings[id];
      for (const radio of $$(fs, "input[type=radio]")) radio.checked = rating !== undefined && radio.value === String(rating);
      const note = d.reflections && d.reflections[id];
      $(fs, "textarea").value = typeof note === "string" ? note : "";
    }
    this.label.value = typeof d.patient_label === "string" ? d.patient_label : "";
    this.date.value = typeof d.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d.date) ? d.date : "";
    return true;
  }

  takeDraft(value, raw) {
    if (raw === null) this.resetFields();
    else if (!value || !this.applyDraft(value)) return; // checked on the next load
    this.say($(this.root, '[data-action="save"]'), "The form was updated from another tab of this page.");
  }

  restoreDraft() {
    const stored = readStored(DRAFT_KEY);
    if (stored === null) return;
    if (stored.corrupt || !this.applyDraft(stored.value)) {
      removeStored(DRAFT_KEY);
      this.resetFields();
      this.notice("Unsaved answers kept in this browser could not be read and were removed.");
      return;
    }
    this.draft = stored.value;
  }

  resetFields() {
    clearPanel(this.therapistPanel);
    for (const panel of this.patientForms.panels) clearPanel(panel);
    for (const radio of $$(this.root, "fieldset.wai-practice input[type=radio]")) radio.checked = false;
    for (const note of $$(this.root, "fieldset.wai-practice textarea")) note.value = "";
    this.label.value = "";
    this.date.value = today();
  }

  clearForm() {
    this.resetFields();
    removeStored(DRAFT_KEY);
    this.results.replaceChildren();
    this.clearError();
    this.hush();
  }

  // --- the scorer -------------------------------------------------------------------------------

  async onReady() {
    if (this.draft) {
      try {
        await this.client.call("sa_validate_draft", { draft: this.draft });
      } catch (err) {
        removeStored(DRAFT_KEY);
        this.resetFields();
        this.notice(`Unsaved answers were removed because they do not fit the forms: ${err.message}`);
      }
      this.draft = null;
    }
    await this.loadHistory();
  }

  async loadHistory() {
    let value;
    try {
      value = await this.client.call("sa_history", { history: getRaw(this.historyKey) });
    } catch (err) {
      // The stored history cannot be read at all: reset it, and say so.
      removeStored(this.historyKey);
      this.notice(`Your saved history in this browser could not be read and was reset (${err.message}).`);
      value = await this.run("sa_history", { history: null });
      if (!value) return;
    }
    if (value.dropped && value.dropped.length) {
      setRaw(this.historyKey, value.history);
      this.notice(
        `${value.dropped.length} damaged saved session(s) were removed from this browser; ` +
          `the others are kept. First problem: ${value.dropped[0]}`,
      );
    }
    this.showHistory(value);
  }

  showHistory(value) {
    this.history.innerHTML = value.html; // built by Python; every user text escaped there
    this.root.dataset.entries = String(value.count);
  }

  // Write the new history; false (with a notice) when the browser refuses, so nothing is cleared.
  storeHistory(value) {
    if (value.history.entries.length === 0) {
      removeStored(this.historyKey);
      return true;
    }
    if (setRaw(this.historyKey, value.history)) return true;
    this.notice("This browser did not let the page save the history (storage is full or disabled). " +
      "Export it now to keep a copy.");
    return false;
  }

  async score(button) {
    const value = await this.run("sa_evaluate", this.formArgs(), { near: button });
    if (value) this.results.innerHTML = value.html;
  }

  async record(button) {
    const value = await this.run("sa_record", {
      history: getRaw(this.historyKey),
      ...this.formArgs(),
      patient_label: this.label.value,
      date: this.date.value,
      now: new Date().toISOString(),
    }, { near: button });
    if (!value) return;
    this.results.innerHTML = value.session_html;
    if (!this.storeHistory(value)) return;
    this.showHistory(value);
    this.resetFields();
    removeStored(DRAFT_KEY);
    this.say(button, `${value.message} The form is cleared for your next session.`);
  }

  async export(fn, button) {
    const value = await this.run(fn, { history: getRaw(this.historyKey), today: today() }, { near: button });
    if (value) download(value);
  }

  async importFile() {
    const file = this.importInput.files && this.importInput.files[0];
    if (!file) return;
    let text;
    try {
      text = await file.text();
    } catch (err) {
      this.showError(`The file could not be read (${err.message}). Your history is unchanged.`,
        { near: this.importInput });
      return;
    } finally {
      this.importInput.value = "";
    }
    const value = await this.run("sa_import", { text, history: getRaw(this.historyKey) },
      { near: this.importInput });
    if (!value) {
      if (this.errorBox) {
        const text = this.errorBox.textContent.trimEnd();
        this.errorBox.textContent = `${text}${/[.!?]$/.test(text) ? "" : "."} Your history is unchanged.`;
      }
      return;
    }
    if (!this.storeHistory(value)) return;
    this.showHistory(value);
    this.say(this.importInput, value.message);
  }

  // --- delete, with a confirm step --------------------------------------------------------------

  askDelete(pending, question) {
    this.pending = pending;
    this.confirmText.textContent = `${question} This cannot be undone.`;
    this.confirmBox.hidden = false;
    const yes = $(this.confirmBox, '[data-action="confirm-delete"]');
    if (yes) yes.focus();
  }

  closeConfirm() {
    this.pending = null;
    this.confirmBox.hidden = true;
    const all = $(this.root, '[data-action="delete-all"]');
    if (all) all.focus();
  }

  async confirmDelete() {
    const pending = this.pending;
    if (!pending) return;
    const near = $(this.root, '[data-action="delete-all"]'); // where the focus returns
    let value;
    let message;
    if (pending.all) {
      removeStored(this.historyKey);
      value = await this.run("sa_history", { history: null }, { near });
      message = "Deleted every saved session from this browser.";
    } else {
      value = await this.run("sa_delete", { history: getRaw(this.historyKey), entry_id: pending.id }, { near });
      if (value && !this.storeHistory(value)) value = null;
      message = value?.message;
    }
    this.closeConfirm();
    if (!value) return;
    this.showHistory(value);
    this.say(near, message);
  }
}

export const SELF_ASSESSMENT_KINDS = { "self-assessment": SelfAssessmentWidget };
