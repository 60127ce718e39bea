// Educator widgets: a `wai-exercise` self-check (data-widget="exercise") and the roster-to-assignments
// tool (data-widget="assign"). Like widgets.js they only move data: the exercise comes from the page's
// inert JSON block, the typed values go to scorer.web (check_exercise, exercise_solution,
// assign_roster) in the worker, and the HTML that comes back goes into the page. Each widget follows
// the interface startWidgets() expects: constructor(root), a `client` set afterwards,
// onScorerEvent(event) and stop().
// Storage: wai-training:v1:exercise:<exercise id> = {v: 1, answers, attempts, solved}.

const PREFIX = "wai-training:v1:";
const SITE = new URL("../", import.meta.url); // this file lives in <site>/js/

const $ = (root, selector) => root.querySelector(selector);
const $$ = (root, selector) => [...root.querySelectorAll(selector)];

function readStored(key) {
  let raw;
  try {
    raw = window.localStorage.getItem(key);
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw);
    if (value && typeof value === "object" && !Array.isArray(value) && value.v === 1) return { value };
  } catch {
    // fall through: corrupt
  }
  try {
    window.localStorage.removeItem(key);
  } catch {
    // ignore
  }
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
    // ignore
  }
}

function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

class EducatorWidget {
  constructor(root) {
    this.root = root;
    this.status = $(root, ".wai-status");
    this.errorBox = $(root, ".wai-error");
    this.client = null;
    this.listeners = [];
  }

  on(element, type, handler) {
    if (!element) return;
    element.addEventListener(type, handler);
    this.listeners.push([element, type, handler]);
  }

  stop() {
    for (const [element, type, handler] of this.listeners) element.removeEventListener(type, handler);
    this.listeners = [];
  }

  setState(state, text) {
    this.root.dataset.state = state;
    if (this.status && text) this.status.textContent = text;
    for (const button of $$(this.root, '[data-needs="python"]')) button.disabled = state !== "ready";
  }

  onScorerEvent(event) {
    if (event.type === "progress") this.setState("loading", event.detail);
    else if (event.type === "ready") this.setState("ready", "Checker ready. Everything stays in this browser.");
    else if (event.type === "error") {
      this.setState("error", `The checker could not start. ${event.error} Your answers are kept in this page.`);
    }
  }

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

  async run(fn, args) {
    this.clearError();
    if (!this.client) {
      this.showError("The checker is still starting; your answers are kept.");
      return null;
    }
    try {
      return await this.client.call(fn, args);
    } catch (err) {
      this.showError(err.message);
      return null;
    }
  }
}

// --- a wai-exercise self-check -------------------------------------------------------------------

export class ExerciseWidget extends EducatorWidget {
  constructor(root) {
    super(root);
    const block = $(root, "script.wai-exercise-data");
    try {
      this.exercise = JSON.parse(block ? block.textContent : "");
    } catch {
      this.exercise = null;
    }
    this.inputs = $$(root, "input[data-key]");
    this.results = $(root, ".wai-results");
    this.solutionBox = $(root, ".wai-solution");
    this.solutionButton = $(root, '[data-action="solution"]');
    this.attemptsText = $(root, ".wai-attempts");
    this.key = `${PREFIX}exercise:${root.dataset.exercise}`;
    this.attempts = 0;
    this.solved = false;
    if (!this.exercise) {
      this.setState("error", "This exercise's data is missing from the page; rebuild the site.");
      return;
    }
    this.restore();
    for (const input of this.inputs) this.on(input, "input", () => this.save());
    this.on($(root, '[data-action="check"]'), "click", () => this.check());
    this.on(this.solutionButton, "click", () => this.solution());
    this.on($(root, '[data-action="reset"]'), "click", () => this.reset());
    this.on($(root, "form"), "submit", (event) => {
      event.preventDefault();
      this.check();
    });
    this.update();
  }

  answers() {
    const out = {};
    for (const input of this.inputs) {
      const sheet = input.dataset.sheet;
      out[sheet] = out[sheet] || {};
      out[sheet][input.dataset.key] = input.value;
    }
    return out;
  }

  restore() {
    const stored = readStored(this.key);
    if (stored === null) return;
    const value = stored.value;
    const fits =
      value &&
      Number.isInteger(value.attempts) &&
      value.attempts >= 0 &&
      value.answers &&
      typeof value.answers === "object";
    if (stored.corrupt || !fits) {
      removeStored(this.key);
      this.showError("Saved answers for this exercise could not be read and were removed.");
      return;
    }
    for (const input of this.inputs) {
      const sheet = value.answers[input.dataset.sheet] || {};
      const text = sheet[input.dataset.key];
      if (typeof text === "string") input.value = text;
    }
    this.attempts = value.attempts;
    this.solved = value.solved === true;
  }

  save() {
    if (!writeStored(this.key, { answers: this.answers(), attempts: this.attempts, solved: this.solved })) {
      this.showError("This browser did not let the page save your answers (storage full or disabled).");
    }
  }

  get solutionAvailable() {
    return this.solved || this.attempts >= Number(this.exercise.attempts);
  }

  update() {
    const left = Math.max(0, Number(this.exercise.attempts) - this.attempts);
    if (this.solutionButton) this.solutionButton.setAttribute("aria-disabled", String(!this.solutionAvailable));
    if (this.attemptsText) {
      this.attemptsText.dataset.attemptsLeft = String(left);
      this.attemptsText.textContent = this.solutionAvailable
        ? `Checked attempts: ${this.attempts}. The solution is available.`
        : `Attempts left before the solution: ${left}`;
    }
  }

  async check() {
    const value = await this.run("check_exercise", {
      exercise: this.exercise,
      answers: this.answers(),
      attempts_used: this.attempts,
    });
    if (!value) return;
    this.attempts = value.attempts_used;
    this.solved = this.solved || value.all_correct;
    this.results.innerHTML = value.html;
    this.root.dataset.result = value.all_correct ? "correct" : "wrong";
    this.save();
    this.update();
  }

  async solution() {
    if (!this.solutionAvailable) {
      const n = Number(this.exercise.attempts);
      this.showError(`The solution can be shown after ${n} checked attempt${n === 1 ? "" : "s"} ` +
        `(you have used ${this.attempts}), or once every value is right.`);
      return;
    }
    const value = await this.run("exercise_solution", {
      exercise: this.exercise,
      attempts_used: this.attempts,
      solved: this.solved,
    });
    if (!value || !this.solutionBox) return;
    this.solutionBox.innerHTML = value.html;
    this.solutionBox.hidden = false;
    this.solutionBox.focus();
  }

  reset() {
    for (const input of this.inputs) input.value = "";
    this.attempts = 0;
    this.solved = false;
    this.results.replaceChildren();
    if (this.solutionBox) {
      this.solutionBox.replaceChildren();
      this.solutionBox.hidden = true;
    }
    delete this.root.dataset.result;
    removeStored(this.key);
    this.clearError();
    this.update();
  }
}

// --- roster to assignments -----------------------------------------------------------------------

export class AssignWidget extends EducatorWidget {
  constructor(root) {
    super(root);
    this.results = $(root, ".wai-results");
    this.downloadButton = $(root, '[data-action="download"]');
    this.csv = null;
    this.on($(root, '[data-action="assign"]'), "click", () => this.assign());
    this.on(this.downloadButton, "click", () => {
      if (this.csv) download(this.csv.filename, this.csv.text);
    });
  }

  field(name) {
    const element = $(this.root, `[name="${name}"]`);
    return element ? element.value : "";
  }

  async assign() {
    const value = await this.run("assign_roster", {
      form: this.field("form"),
      students: this.field("students"),
      count: this.field("count").trim() || null,
      profile: this.field("profile"),
      key: this.field("key"),
      base_url: SITE.href,
    });
    if (!value) return;
    this.results.innerHTML = value.html;
    this.csv = { filename: value.filename, text: value.csv };
    if (this.downloadButton) this.downloadButton.hidden = false;
  }
}

export const EDUCATOR_KINDS = { exercise: ExerciseWidget, assign: AssignWidget };
