// What every widget shares: listeners that stop with the page, the start-up state, calls to
// scorer.web that show a ScorerError next to the control that caused it, confirmations beside that
// control, saved answers checked again by Python, and the radio-button forms of
// scorer.render.form_html. The widget modules (widgets.js, case-widget.js, exercise.js,
// self-assessment.js) import from here and never from each other, so no module imports in a circle.

import { changeOf, readStored, removeStored, writeStored } from "./storage.js";

export const READY_TEXT = "Scorer ready. Your answers stay in this browser.";
// A control's message goes after the group of buttons it sits in (or after the control itself).
const GROUPS = ".wai-actions, .wai-buttons, .wai-toolbar, .wai-confirm, .wai-import";

export const $ = (root, selector) => root.querySelector(selector);
export const $$ = (root, selector) => [...root.querySelectorAll(selector)];

// The message element of `selector` that already follows `anchor` (messages sit right after it).
function following(anchor, selector) {
  for (let el = anchor.nextElementSibling; el && el.matches(".wai-said, .wai-error"); el = el.nextElementSibling) {
    if (el.matches(selector)) return el;
  }
  return null;
}

// --- the radio-button forms rendered by scorer.render.form_html --------------------------------

export function readPanel(panel) {
  return $$(panel, "fieldset.wai-item").map((fieldset) => {
    const checked = $(fieldset, "input[type=radio]:checked");
    return checked ? checked.value : null;
  });
}

// false when a value has no matching radio button (the stored answers do not fit this form).
export function fillPanel(panel, values) {
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

export function clearPanel(panel) {
  for (const radio of $$(panel, "input[type=radio]")) radio.checked = false;
}

export function download({ filename, mime, text }) {
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

export function setUrlParams(params) {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, "", url);
}

// A select plus one .wai-form-panel per form (all rendered at build time; the others hidden).
export class FormSwitcher {
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

// --- the widget --------------------------------------------------------------------------------

export class Widget {
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
    if (this.errorBox) this.errorBox.tabIndex = -1; // so it can take the focus (see showError)
  }

  on(element, type, handler) {
    if (!element) return;
    element.addEventListener(type, handler);
    this.listeners.push([element, type, handler]);
  }

  // handler(event.currentTarget) on a click of any [data-action=name] button.
  action(name, handler) {
    for (const button of $$(this.root, `[data-action="${name}"]`)) {
      this.on(button, "click", (event) => handler(event.currentTarget));
    }
  }

  // handler(value | null) when another tab changes the stored value under key() (a function, so
  // the key can follow the case or form on show).
  watch(key, handler) {
    this.on(window, "storage", (event) => {
      const change = changeOf(event, key());
      if (change) handler(change.value, change.raw);
    });
  }

  // Save a radio panel on every change under `key`, and take in what another tab saves there.
  keepPanel(panel, key) {
    const form = panel.dataset.formId;
    this.on(panel, "change", () => this.save(key, { form, responses: readPanel(panel) }));
    this.watch(() => key, (value, raw) => {
      if (raw === null) clearPanel(panel);
      else if (!value || !fillPanel(panel, value.responses)) return; // checked again on the next load
      this.say($(this.root, ".wai-actions [data-action]"), "Answers updated from another tab of this page.");
    });
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

  // The one error line of the widget moves next to `near` (the control the person just used), and
  // with focus: true takes the focus, so a message far down the page is never missed.
  showError(message, { near = null, focus = false } = {}) {
    if (!this.errorBox) return;
    if (near) {
      const anchor = near.closest(GROUPS) ?? near;
      if (following(anchor, ".wai-error") !== this.errorBox) anchor.after(this.errorBox);
    }
    this.errorBox.textContent = message;
    this.errorBox.hidden = false;
    if (focus) this.errorBox.focus();
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

  // A confirmation ("Saved", "Deleted", ...) in a polite live region beside `control`; also in the
  // status line, which keeps the widget's latest news.
  say(control, message) {
    if (this.status) this.status.textContent = message;
    if (!control) return;
    const anchor = control.closest(GROUPS) ?? control;
    let region = following(anchor, ".wai-said");
    if (!region) {
      region = document.createElement("p");
      region.className = "wai-said wai-no-print";
      region.setAttribute("role", "status");
      anchor.after(region);
      // A live region announces changes made after it is in the page: fill it on the next frame.
      requestAnimationFrame(() => {
        region.textContent = message;
      });
      return;
    }
    region.textContent = message;
  }

  // Empty every confirmation (after Clear, nothing old stays on screen).
  hush() {
    for (const region of $$(this.root, ".wai-said")) region.textContent = "";
  }

  // Call scorer.web; a ScorerError shows next to `near` and the answers stay as they are.
  async run(fn, args, { near = null, focus = false } = {}) {
    this.clearError();
    try {
      return await this.client.call(fn, args);
    } catch (err) {
      this.showError(err.message, { near, focus });
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
