// Educator widgets: a `wai-exercise` self-check (data-widget="exercise") and the roster-to-assignments
// tool (data-widget="assign"). Like widgets.js they only move data: the exercise comes from the page's
// inert JSON block, the typed values go to scorer.web (check_exercise, exercise_solution,
// assign_roster) in the worker, and the HTML that comes back goes into the page. Each widget follows
// the interface startWidgets() expects: constructor(root), a `client` set afterwards,
// onScorerEvent(event) and stop().
// Storage: wai-training:v1:exercise:<exercise id> = {v: 1, answers, attempts, solved}.

import { Widget, download, readStored, removeStored, storageKey, writeStored } from "./widgets.js";

const SITE = new URL("../", import.meta.url); // this file lives in <site>/js/

const $ = (root, selector) => root.querySelector(selector);
const $$ = (root, selector) => [...root.querySelectorAll(selector)];

// The plumbing (listeners, state, errors, calls) is widgets.js's Widget; only the words differ, and a
// call before the worker exists is answered with a message instead of an exception.
class EducatorWidget extends Widget {
  onScorerEvent(event) {
    if (event.type === "progress") this.setState("loading", event.detail);
    else if (event.type === "ready") this.setState("ready", "Checker ready. Everything stays in this browser.");
    else if (event.type === "error") {
      this.setState("error", `The checker could not start. ${event.error} Your answers are kept in this page.`);
    }
  }

  async run(fn, args) {
    if (!this.client) {
      this.clearError();
      this.showError("The checker is still starting; your answers are kept.");
      return null;
    }
    return super.run(fn, args);
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
    this.key = storageKey("exercise", root.dataset.exercise);
    this.attempts = 0;
    this.solved = false;
    if (!this.exercise) {
      this.setState("error", "This exercise's data is missing from the page; rebuild the site.");
      return;
    }
    this.restoreAnswers();
    for (const input of this.inputs) this.on(input, "input", () => this.saveAnswers());
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

  restoreAnswers() {
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

  saveAnswers() {
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
    this.saveAnswers();
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
      if (this.csv) download({ filename: this.csv.filename, mime: "text/csv;charset=utf-8", text: this.csv.text });
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
