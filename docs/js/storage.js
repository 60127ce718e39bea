// The widgets' localStorage (ARCHITECTURE.md "Storage"): keys wai-training:v1:<widget>:<name>, values
// JSON objects with v: 1. Every read and write goes through here, so a browser that refuses storage
// (private mode, full disk) only makes the widgets forget, never fail. Other tabs of the site write
// to the same keys; watchStored() tells a widget when they do, so two tabs stay in step instead of
// the last save silently winning.

export const PREFIX = "wai-training:v1:";

export function storageKey(widget, name) {
  return `${PREFIX}${widget}:${name}`;
}

// The stored text, or null (nothing stored, or storage disabled).
export function getRaw(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

// false when the browser refuses (storage full or disabled).
export function setRaw(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function parse(raw) {
  try {
    const value = JSON.parse(raw);
    if (value && typeof value === "object" && !Array.isArray(value) && value.v === 1) return value;
  } catch {
    // not JSON
  }
  return null;
}

// null when nothing is stored; {corrupt: true} when the stored text cannot be used (it is removed).
export function readStored(key) {
  const raw = getRaw(key);
  if (raw === null) return null;
  const value = parse(raw);
  if (value) return { value };
  removeStored(key);
  return { corrupt: true };
}

export function writeStored(key, value) {
  return setRaw(key, { v: 1, ...value, saved: new Date().toISOString() });
}

export function removeStored(key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing stored, nothing to remove
  }
}

// What a "storage" event (another tab wrote or removed a key) means for `key`: null when it is about
// another key, else {value, raw} (value null when the key was removed or holds something unusable).
// The browser fires the event only in the other tabs, so a tab never hears its own saves.
export function changeOf(event, key) {
  if (event.storageArea !== window.localStorage) return null;
  if (event.key !== null && event.key !== key) return null;
  const raw = event.key === null ? null : event.newValue;
  return { value: raw === null ? null : parse(raw), raw };
}
