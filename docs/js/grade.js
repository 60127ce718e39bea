// The "Grade a class" widget (data-widget="grade", docs/educators/grade.md). It only moves data: the
// pasted or opened CSV and the two selects go to scorer.web.grade.grade_class in the worker (the code
// `wai-score grade` runs), and the report's HTML comes back into the page. Nothing is stored: the
// grades live in this object until the educator downloads them, and no localStorage key is touched,
// so grading never overwrites the educator's own saved practice answers.

import { $, Widget, download } from "./widget-base.js";

const EXERCISES_URL = new URL("../exercises/exercises.json", import.meta.url);

export class GradeWidget extends Widget {
  constructor(root) {
    super(root);
    this.form = $(root, "form");
    this.answers = $(root, '[name="answers"]');
    this.file = $(root, '[name="file"]');
    this.results = $(root, ".wai-results");
    this.downloadButton = $(root, '[data-action="download"]');
    this.source = "";
    this.gradebook = null;
    this.exercises = undefined;
    this.on(this.form, "submit", (event) => {
      event.preventDefault();
      this.grade();
    });
    this.on(this.file, "change", () => this.open());
    this.on(this.answers, "input", () => {
      this.source = "";
    });
    this.on(this.downloadButton, "click", () => {
      const book = this.gradebook;
      if (book) download({ filename: book.filename, text: book.csv, mime: "text/csv;charset=utf-8" });
    });
    this.action("clear", () => this.clear());
  }

  onScorerEvent(event) {
    if (event.type === "progress") this.setState("loading", event.detail);
    else if (event.type === "ready") this.setState("ready", "Grader ready. Everything stays in this browser.");
    else if (event.type === "error") {
      this.setState("error", `The grader could not start. ${event.error} What you pasted is kept in this page.`);
    }
  }

  async open() {
    const file = this.file.files && this.file.files[0];
    if (!file) return;
    try {
      this.answers.value = await file.text();
      this.source = file.name;
      this.clearError();
    } catch (err) {
      this.showError(`Could not read ${file.name}: ${err.message}`);
    }
  }

  // The site's exercises, for rows that name an exercise id; null when the file cannot be had.
  async loadExercises() {
    if (this.exercises !== undefined) return this.exercises;
    try {
      const response = await fetch(EXERCISES_URL);
      this.exercises = response.ok ? await response.json() : null;
    } catch {
      this.exercises = null;
    }
    return this.exercises;
  }

  // A stale report or download never outlives a new attempt (ux-review M6).
  forget() {
    this.results.replaceChildren();
    this.gradebook = null;
    if (this.downloadButton) this.downloadButton.hidden = true;
  }

  async grade() {
    this.forget();
    if (!this.client) {
      this.showError("The grader is still starting; what you pasted is kept.");
      return;
    }
    const value = await this.run("grade_class", {
      text: this.answers.value,
      form: $(this.root, '[name="form"]').value,
      profile: $(this.root, '[name="profile"]').value,
      exercises: await this.loadExercises(),
      source: this.source,
    });
    if (!value) return;
    this.results.innerHTML = value.html;
    if (this.status) this.status.textContent = value.message; // announced (role=status); the report is not
    this.gradebook = value.students > 0 ? value.gradebook : null;
    if (this.downloadButton) this.downloadButton.hidden = !this.gradebook;
  }

  clear() {
    this.forget();
    this.clearError();
    this.answers.value = "";
    this.file.value = "";
    this.source = "";
  }
}

export const GRADE_KINDS = { grade: GradeWidget };
