// Form fields with labels, hints and error slots, and the one place that puts an error next to its field: both
// the console's own checks and the API's problem+json 'errors' ({field, message, allowed}) go through here.
import { clear, h } from './dom.js';

let nextId = 0;

/**
 * A labelled field. `control` is the input/select/textarea; `apiField` is the API's name for it (e.g.
 * 'parameters.amount', 'reason', 'q'), so the API's field errors land next to it.
 */
export function field({ label, control, hint, apiField, id }) {
  const controlId = id || control.id || `f${++nextId}`;
  control.id = controlId;
  if (apiField) {
    control.dataset.field = apiField;
  }
  const hintEl = hint ? h('p', { class: 'hint', id: `${controlId}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${controlId}-error`, hidden: true });
  control.setAttribute('aria-describedby', [hintEl && hintEl.id, errorEl.id].filter(Boolean).join(' '));
  return h('div', { class: 'field' }, h('label', { for: controlId }, label), hintEl, errorEl, control);
}

/** A group of controls (radios, checkboxes) with a legend; the API's field name sits on the fieldset. */
export function group({ legend, controls, hint, apiField, id }) {
  const groupId = id || `g${++nextId}`;
  const hintEl = hint ? h('p', { class: 'hint', id: `${groupId}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${groupId}-error`, hidden: true });
  const set = h('fieldset', { id: groupId, 'aria-describedby': [hintEl && hintEl.id, errorEl.id].filter(Boolean).join(' ') },
      h('legend', {}, legend), hintEl, errorEl, h('div', { class: 'checks' }, controls));
  if (apiField) {
    set.dataset.field = apiField;
  }
  return set;
}

export function checkbox(label, attrs = {}) {
  const input = h('input', { type: 'checkbox', ...attrs });
  return h('label', { class: 'check' }, input, label);
}

/**
 * A date typed as YYYY-MM-DD, whatever the browser's locale: the browser's own date control reads and shows
 * mm/dd/yyyy under en-US, so hints and typed dates would disagree. The one date control of the consoles.
 */
export function dateInput(attrs = {}) {
  return h('input', { type: 'text', inputmode: 'numeric', placeholder: 'YYYY-MM-DD', autocomplete: 'off',
    maxlength: 10, class: 'short', ...attrs });
}

/** `raw`, trimmed, when it is a real calendar date written YYYY-MM-DD; otherwise null. */
export function isoDate(raw) {
  const v = String(raw).trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    return null;
  }
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
}

/** Field errors for date inputs holding text that is not a date YYYY-MM-DD (empty ones are the form's to judge). */
export function dateErrors(inputs) {
  return inputs.filter((i) => i.value.trim() && !isoDate(i.value))
      .map((i) => ({ field: i.dataset.field, message: 'Type the date as YYYY-MM-DD, for example 2026-12-03' }));
}

function errorSlot(control) {
  return document.getElementById(`${control.id}-error`);
}

/** Shows `message` next to `control` (an input, select, textarea or fieldset) and marks it invalid. */
export function setFieldError(control, message) {
  const slot = errorSlot(control);
  if (slot) {
    clear(slot, h('span', { class: 'visually-hidden' }, 'Error: '), message);
    slot.hidden = false;
  }
  if (control.tagName !== 'FIELDSET') {
    control.setAttribute('aria-invalid', 'true');
  }
  const wrapper = control.tagName === 'FIELDSET' ? control : control.closest('.field');
  if (wrapper) {
    wrapper.classList.add('has-error');
  }
}

/** Removes every error from the form and hides its summary. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((slot) => {
    slot.hidden = true;
    clear(slot);
  });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('.has-error').forEach((el) => el.classList.remove('has-error'));
  const summary = form.querySelector('.form-summary');
  if (summary) {
    summary.hidden = true;
    clear(summary);
  }
}

/** The summary box at the top of a form, for errors that belong to no field. */
export function summaryBox() {
  return h('div', { class: 'form-summary alert', role: 'alert', tabindex: '-1', hidden: true });
}

function controlFor(form, path, message) {
  const find = (name) => form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  let control = find(path) || find(path.replace(/\[\d+\]$/, ''));
  // invalid-parameters names the whole 'parameters' object; the message names the parameter itself
  // ('missing parameter amount', 'top-up does not take rate; it takes amount').
  if (!control && path === 'parameters' && message) {
    const named = /missing parameter ([a-z0-9-]+)/.exec(message) || /does not take ([a-z0-9-]+)/.exec(message);
    if (named) {
      control = find(`parameters.${named[1]}`);
    }
  }
  return control && !control.closest('[hidden]') ? control : null;
}

/**
 * Shows errors in the form: each {field, message} next to its control; anything that has no control (or an
 * error without field details) in the form's summary. Focuses the first error. Returns true if any field
 * error was placed.
 */
export function showErrors(form, errors, { title, detail } = {}) {
  clearErrors(form);
  const unplaced = [];
  const byControl = new Map();
  for (const e of errors || []) {
    const control = e.field ? controlFor(form, e.field, e.message) : null;
    if (control) {
      const allowed = e.allowed && !(e.message || '').includes(e.allowed) ? ` (allowed: ${e.allowed})` : '';
      byControl.set(control, [...(byControl.get(control) || []), `${e.message}${allowed}`]);
    } else {
      unplaced.push(e);
    }
  }
  // Several errors for one control (e.g. two bad districts) are shown together.
  byControl.forEach((messages, control) => setFieldError(control, messages.join('; ')));
  const first = byControl.keys().next().value || null;
  const summary = form.querySelector('.form-summary');
  if (summary && (unplaced.length || !first)) {
    clear(summary, h('h3', {}, title || 'There is a problem'),
        detail && !unplaced.length ? h('p', {}, detail) : null,
        unplaced.length ? h('ul', {}, unplaced.map((e) => h('li', {}, e.field ? `${e.field}: ${e.message}` : e.message))) : null);
    summary.hidden = false;
  }
  const target = first || summary;
  if (target) {
    const focusable = target.tagName === 'FIELDSET' ? target.querySelector('input, select, textarea') : target;
    (focusable || target).focus();
  }
  return Boolean(first);
}

/** Shows an ApiError in the form (see showErrors). */
export function showProblem(form, error) {
  return showErrors(form, error.errors, { title: error.title, detail: error.message });
}
