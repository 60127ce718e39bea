// Educator widgets: a `wai-exercise` self-check (data-widget="exercise") and the roster-to-assignments
// tool (data-widget="assign"). Like widgets.js they only move data: the exercise comes from the page's
// inert JSON block, the typed values go to scorer.web (check_exercise, exercise_solution,
// assign_roster) in the worker, and the HTML that comes back goes into the page. Each widget follows
// the interface startWidgets() (widgets.js) expects: constructor(root), a `client` set afterwards,
// onScorerEvent(event) and stop().
// Storage: wai-training:v1:exercise:<exercise id> = {v: 1, answers, attempts, solved}.

import { readStored, removeStored, storageKey, writeStored } from "./storage.js";
import { $, $$, Widget, download } from "./widget-base.js";

const SITE = new URL("../", import.meta.url); // this file lives in <site>/js/

// The plumbing (listeners, state, errors, calls) is widget-base.js's Widget; only the words differ, and a
// call before the worker exists is answered with a message instead of an exception.
class EducatorWidget extends Widget {
  // What the page calls this widget: the exercise's "checker", the Assignments page's "assignment tool".
  get toolName() {
    return this.kind === "assign" ? "assignment tool" : "checker";
  }

  onScorerEvent(event) {
    const name = this.toolName;
    if (event.type === "progress") this.setState("loading", event.detail);
    else if (event.type === "ready") {
      this.setState("ready", `${name[0].toUpperCase()}${name.slice(1)} ready. Everything stays in this browser.`);
    } else if (event.type === "error") {
      this.setState("error", `The ${name} could not start. ${event.error} Your answers are kept in this page.`);
    }
  }

  async run(fn, args, where = {}) {
    if (!this.client) {
      this.clearError();
      this.showError(`The ${this.toolName} is still starting; your answers are kept.`, where);
      return null;
    }
    return super.run(fn, args, where);
  }
}

// --- a wai-exercise self-check -------------------------------------------------------------------

const fits = (value) =>
  Boolean(value) && Number.isInteger(value.attempts) && value.attempts >= 0 &&
  Boolean(value.answers) && typeof value.answers === "object";

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
    this.checkButton = $(root, '[data-action="check"]');
    this.restoreAnswers();
    for (const input of this.inputs) this.on(input, "input", () => this.saveAnswers());
    this.on(this.checkButton, "click", () => this.check());
    this.on(this.solutionButton, "click", () => this.solution());
    this.on($(root, '[data-action="reset"]'), "click", () => this.reset());
    this.on($(root, "form"), "submit", (event) => {
      event.preventDefault();
      this.check();
    });
    this.watch(() => this.key, (value, raw) => this.takeFromOtherTab(value, raw));
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
    if (stored.corrupt || !fits(stored.value)) {
      removeStored(this.key);
      this.showError("Saved answers for this exercise could not be read and were removed.");
      return;
    }
    this.apply(stored.value);
  }

  apply(value) {
    for (const input of this.inputs) {
      const sheet = value.answers[input.dataset.sheet] || {};
      const text = sheet[input.dataset.key];
      input.value = typeof text === "string" ? text : "";
    }
    this.attempts = value.attempts;
    this.solved = value.solved === true;
  }

  // Another tab of this page checked or typed: its answers and attempts count here too.
  takeFromOtherTab(value, raw) {
    if (raw === null) this.reset({ keepStored: true });
    else if (value && fits(value)) {
      this.apply(value);
      this.update();
    } else return;
    this.say(this.checkButton, "Answers updated from another tab of this page.");
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
    }, { near: this.checkButton });
    if (!value) {
      this.results.replaceChildren();
      delete this.root.dataset.result;
      return;
    }
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
        `(you have used ${this.attempts}), or once every value is right.`, { near: this.solutionButton });
      return;
    }
    const value = await this.run("exercise_solution", {
      exercise: this.exercise,
      attempts_used: this.attempts,
      solved: this.solved,
    }, { near: this.solutionButton });
    if (!value || !this.solutionBox) return;
    this.solutionBox.innerHTML = value.html;
    this.solutionBox.hidden = false;
    this.solutionBox.focus();
  }

  reset({ keepStored = false } = {}) {
    for (const input of this.inputs) input.value = "";
    this.attempts = 0;
    this.solved = false;
    this.results.replaceChildren();
    if (this.solutionBox) {
      this.solutionBox.replaceChildren();
      this.solutionBox.hidden = true;
    }
    delete this.root.dataset.result;
    if (!keepStored) removeStored(this.key);
    this.clearError();
    this.hush();
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
    this.on($(root, '[data-action="assign"]'), "click", (event) => this.assign(event.currentTarget));
    this.on(this.downloadButton, "click", () => {
      if (this.csv) download({ filename: this.csv.filename, mime: "text/csv;charset=utf-8", text: this.csv.text });
    });
  }

  field(name) {
    const element = $(this.root, `[name="${name}"]`);
    return element ? element.value : "";
  }

  async assign(button) {
    const value = await this.run("assign_roster", {
      form: this.field("form"),
      students: this.field("students"),
      count: this.field("count").trim() || null,
      profile: this.field("profile"),
      key: this.field("key"),
      base_url: SITE.href,
    }, { near: button });
    if (!value) {
      // A failed run leaves neither the previous table nor its download on screen.
      this.results.replaceChildren();
      this.csv = null;
      if (this.downloadButton) this.downloadButton.hidden = true;
      return;
    }
    this.results.innerHTML = value.html;
    this.csv = { filename: value.filename, text: value.csv };
    if (this.downloadButton) this.downloadButton.hidden = false;
  }
}

export const EDUCATOR_KINDS = { exercise: ExerciseWidget, assign: AssignWidget };
