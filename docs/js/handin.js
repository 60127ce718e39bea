// "Hand in" (data-widget="handin"), placed after an assigned case or an exercise: it reads what the
// student typed in the widget named by data-for, asks scorer.web.grade.handin for the one CSV line
// the grading page reads, and offers it to copy or download. Nothing is sent anywhere.
// Storage: wai-training:v1:handin:student = {v: 1, student} (the id, remembered for next time).

import { readStored, storageKey, writeStored } from "./storage.js";
import { $, $$, Widget, download } from "./widget-base.js";

const STUDENT_KEY = storageKey("handin", "student");

function values(root, selector) {
  return Object.fromEntries($$(root, selector).map((input) => [input.dataset.answer || input.dataset.key, input.value]));
}

export class HandinWidget extends Widget {
  constructor(root) {
    super(root);
    const target = root.dataset.for;
    this.target = document.getElementById(target) ||
      document.querySelector(`[data-widget="exercise"][data-exercise="${CSS.escape(target)}"]`);
    this.student = $(root, '[data-role="student"]');
    this.result = $(root, ".wai-handin-result");
    this.line = $(root, '[data-role="line"]');
    this.copied = $(root, ".wai-handin-copied");
    this.file = null;
    // On the practice page only a case opened from an assignment link (its URL names a seed) is handed in.
    if (root.dataset.when === "assigned") root.hidden = !this.params.has("seed");
    const stored = readStored(STUDENT_KEY);
    if (stored && stored.value && typeof stored.value.student === "string") this.student.value = stored.value.student;
    this.on(this.student, "change", () => writeStored(STUDENT_KEY, { student: this.student.value.trim() }));
    this.action("handin", () => this.handin());
    this.action("copy", () => this.copy());
    this.action("download", () => {
      if (this.file) download({ filename: this.file.filename, mime: "text/csv;charset=utf-8", text: `${this.file.line}\n` });
    });
  }

  onScorerEvent(event) {
    if (event.type === "progress") this.setState("loading", event.detail);
    else if (event.type === "ready") this.setState("ready", "Ready to hand in: type your id and press Hand in.");
    else if (event.type === "error") this.setState("error", `Hand-in could not start. ${event.error}`);
  }

  // What the student typed in the case or exercise this hand-in belongs to.
  args() {
    const target = this.target;
    if (!target) return null;
    if (target.dataset.widget === "case") {
      return {
        form: $(target, 'select[data-role="form-select"]').value,
        seed: $(target, 'input[data-role="seed"]').value,
        profile: $(target, 'select[data-role="profile-select"]').value,
        values: values(target, "input[data-answer]"),
      };
    }
    let exercise = {};
    try {
      exercise = JSON.parse($(target, "script.wai-exercise-data").textContent);
    } catch {
      return null;
    }
    return {
      form: exercise.form,
      exercise: target.dataset.exercise,
      values: values(target, 'input[data-sheet="main"]'),
      pair: exercise.pair ? values(target, 'input[data-sheet="pair"]') : null,
    };
  }

  async handin() {
    this.result.hidden = true;
    this.file = null;
    const args = this.args();
    if (!args) {
      this.showError("This page's case or exercise could not be read; reload the page.");
      return;
    }
    writeStored(STUDENT_KEY, { student: this.student.value.trim() });
    const value = await this.run("handin", { student: this.student.value, ...args });
    if (!value) return;
    this.file = value;
    this.line.value = value.line;
    this.copied.textContent = "";
    this.result.hidden = false;
  }

  async copy() {
    if (!this.file) return;
    try {
      await navigator.clipboard.writeText(this.file.line);
    } catch {
      this.line.select(); // clipboard refused (permissions): leave the line selected to copy by hand
      this.copied.textContent = "Press Ctrl+C (or ⌘+C) to copy the selected line.";
      return;
    }
    this.copied.textContent = "Copied. Paste it into your course's submission box.";
  }
}

export const HANDIN_KINDS = { handin: HandinWidget };
