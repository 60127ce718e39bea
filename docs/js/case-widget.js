// The practice-case widget (data-widget="case"): a generated case, the student's eight sums and
// means, their check and the worked solution, all computed by scorer.web in the worker.
// Storage (ARCHITECTURE.md "Storage"): each case keeps its own answers, so New case, another case
// number or a second tab on another case wipes nothing:
//   wai-training:v1:case:<form>:<profile>:<seed> = {v: 1, form, seed, profile, answers, saved}
//   wai-training:v1:case-last:<form>             = {v: 1, form, seed, profile, saved} (the case shown
//                                                  last, opened again when the URL names none)
// The one-case-per-form key of earlier versions, case:<form>, is moved to these keys on load.

import { readStored, removeStored, setRaw, storageKey, writeStored } from "./storage.js";
import { $, Widget, setUrlParams } from "./widget-base.js";

// The eight answer keys are not typed here: the build writes one input per key of
// scorer.core.answers.ANSWER_KEYS (data-answer), and the widget reads them from its own page.
function answerKeys(root) {
  return [...root.querySelectorAll("input[data-answer]")].map((input) => input.dataset.answer);
}

const DIGITS = /^\d+$/;

// "017" and "17" are the same case.
function canonicalSeed(seed) {
  return DIGITS.test(String(seed)) ? BigInt(String(seed)).toString() : null;
}

export function caseKey(form, profile, seed) {
  return storageKey("case", `${form}:${profile}:${seed}`);
}

function lastKey(form) {
  return storageKey("case-last", form);
}

function validCase(value, keys) {
  return canonicalSeed(value.seed) !== null && typeof value.profile === "string" &&
    value.answers && typeof value.answers === "object" && !Array.isArray(value.answers) &&
    Object.entries(value.answers).every(([k, v]) => keys.includes(k) && typeof v === "string");
}

const options = (select) => (select ? [...select.options].map((o) => o.value) : []);

export class CaseWidget extends Widget {
  constructor(root) {
    super(root);
    this.formSelect = $(root, 'select[data-role="form-select"]');
    this.profileSelect = $(root, 'select[data-role="profile-select"]');
    this.seedInput = $(root, 'input[data-role="seed"]');
    this.caseBox = $(root, ".wai-case");
    this.feedback = $(root, ".wai-feedback");
    this.solutionBox = $(root, ".wai-solution");
    this.keys = answerKeys(root);
    this.inputs = Object.fromEntries(this.keys.map((name) => [name, $(root, `input[data-answer="${name}"]`)]));

    for (const form of options(this.formSelect)) this.migrate(form);
    const form = this.params.get("form");
    if (options(this.formSelect).includes(form)) this.formSelect.value = form;
    const last = readStored(lastKey(this.formSelect.value))?.value;
    const profile = this.params.get("profile") ?? last?.profile;
    if (options(this.profileSelect).includes(profile)) this.profileSelect.value = profile;
    const seed = canonicalSeed(this.params.get("seed") ?? last?.seed);
    if (seed !== null) this.seedInput.value = seed;
    const stored = this.restore(this.key(), (value) => validCase(value, this.keys));
    if (stored) this.setAnswers(stored.answers);
    root.dataset.form = this.formSelect.value;
    this.hideStaleCase();

    for (const input of Object.values(this.inputs)) {
      this.on(input, "input", () => this.saveAnswers());
      this.on(input, "keydown", (event) => {
        if (event.key === "Enter") this.check($(root, '[data-action="check"]'));
      });
    }
    for (const control of [this.formSelect, this.profileSelect, this.seedInput]) {
      this.on(control, "change", () => this.switchCase());
    }
    this.watch(() => this.key(), (value, raw) => this.takeFromOtherTab(value, raw));
    this.action("check", (button) => this.check(button));
    this.action("solution", (button) => this.solution(button));
    this.action("new-case", () => this.newCase());
    this.action("clear", () => this.clear());
    this.action("print", () => window.print());
  }

  // Move an earlier version's single saved case of `form` to its own key; nothing is lost: the old
  // key goes only once the copy is written (if that case is also saved under the new key, the
  // later save wins).
  migrate(form) {
    const legacy = storageKey("case", form);
    const stored = readStored(legacy);
    if (stored === null) return;
    if (stored.corrupt || !validCase(stored.value, this.keys)) {
      removeStored(legacy);
      this.notice("Some saved answers in this browser could not be read and were removed. " +
        "Please check the form before scoring.");
      return;
    }
    const { profile, answers, saved } = stored.value;
    const seed = canonicalSeed(stored.value.seed);
    const target = caseKey(form, profile, seed);
    const current = readStored(target)?.value;
    const newer = current && String(current.saved ?? "") >= String(saved ?? "");
    const copied = newer || setRaw(target, { v: 1, form, seed, profile, answers, saved });
    if (!copied) return;
    if (readStored(lastKey(form)) === null) setRaw(lastKey(form), { v: 1, form, seed, profile, saved });
    removeStored(legacy);
  }

  key() {
    const { form_id, seed, profile } = this.caseArgs();
    return caseKey(form_id, profile, canonicalSeed(seed) ?? "");
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

  caseArgs() {
    return { form_id: this.formSelect.value, seed: this.seedInput.value, profile: this.profileSelect.value };
  }

  getAnswers() {
    return Object.fromEntries(this.keys.map((name) => [name, this.inputs[name] ? this.inputs[name].value : ""]));
  }

  setAnswers(answers) {
    for (const name of this.keys) if (this.inputs[name]) this.inputs[name].value = answers[name] ?? "";
  }

  rememberCase() {
    const { form_id, seed, profile } = this.caseArgs();
    if (canonicalSeed(seed) !== null) writeStored(lastKey(form_id), { form: form_id, seed: canonicalSeed(seed), profile });
  }

  saveAnswers() {
    const { form_id, seed, profile } = this.caseArgs();
    if (canonicalSeed(seed) === null) return; // no case to keep them under until the number is whole
    const answers = this.getAnswers();
    if (Object.values(answers).every((v) => v === "")) removeStored(this.key());
    else this.save(this.key(), { form: form_id, seed: canonicalSeed(seed), profile, answers });
    this.rememberCase();
  }

  // Another tab saved (or cleared) this very case: show its answers here too.
  takeFromOtherTab(value, raw) {
    if (raw === null) this.setAnswers({});
    else if (value && validCase(value, this.keys)) this.setAnswers(value.answers);
    else return;
    this.say($(this.root, '[data-action="check"]'), "Answers updated from another tab of this page.");
  }

  onCorruptRestore() {
    this.setAnswers({});
  }

  onReady() {
    this.loadCase();
  }

  async loadCase() {
    const value = await this.run("new_case", this.caseArgs(), { near: this.seedInput });
    if (!value) return;
    this.caseBox.innerHTML = value.html;
    this.root.dataset.form = this.formSelect.value;
    setUrlParams({ form: this.formSelect.value, seed: this.seedInput.value, profile: this.profileSelect.value });
  }

  // Another form, profile or number: that case's own saved answers come back (or empty boxes).
  switchCase() {
    const stored = readStored(this.key());
    this.setAnswers(stored?.value && validCase(stored.value, this.keys) ? stored.value.answers : {});
    this.rememberCase();
    this.feedback.replaceChildren();
    this.solutionBox.replaceChildren();
    this.solutionBox.hidden = true;
    this.clearError();
    this.hush();
    if (this.client && this.client.state === "ready") this.loadCase();
    else this.hideStaleCase();
  }

  newCase() {
    const seed = new Uint32Array(1);
    window.crypto.getRandomValues(seed);
    this.seedInput.value = String(seed[0] % 100000);
    this.switchCase();
  }

  async check(button) {
    const value = await this.run("check_case", { ...this.caseArgs(), answers: this.getAnswers() }, { near: button });
    if (value) this.feedback.innerHTML = value.html;
    else this.feedback.replaceChildren();
  }

  async solution(button) {
    const value = await this.run("solution", this.caseArgs(), { near: button });
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
    this.hush();
  }
}
