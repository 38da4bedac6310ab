// The customer's Priority Services Register entry on the customer card (issue 17): what the supplier has recorded
// (needs, consent, review date, nominee) and a form to record or change it, through the psr feature's API
// (GET/PUT /api/v1/customers/{id}/psr, audited there). The needs come from GET /api/v1/psr/needs, never copied here;
// the rules (review date range, lengths, control characters) are the API's, shown next to their fields.
import { api } from './api.js';
import { announce, clear, day, h, when } from './dom.js';
import { checkbox, dateErrors, dateInput, field, group, showErrors, showProblem, summaryBox } from './forms.js';

let needsList = null;

function allNeeds() {
  needsList = needsList || api('GET', '/api/v1/psr/needs').then((r) => r.data).catch((e) => {
    needsList = null;
    throw e;
  });
  return needsList;
}

/** A year from today (meter-local dates are what the API checks; a day either way does not matter here). */
function aYearOn() {
  const d = new Date();
  d.setFullYear(d.getFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

/** Draws customer `id`'s PSR entry into `container` (a section), with Record/Change opening the form. */
export function psrView(container, id) {
  const path = `/api/v1/customers/${encodeURIComponent(id)}/psr`;
  const body = h('div', { id: 'psr-entry' });
  const status = h('p', { role: 'status', id: 'psr-status', class: 'muted' });
  container.setAttribute('aria-labelledby', 'psr-heading');
  clear(container, h('h3', { id: 'psr-heading', tabindex: '-1' }, 'Priority Services Register'), body, status);

  async function show(focus) {
    let entry = null;
    try {
      entry = (await api('GET', path)).data;
    } catch (e) {
      if (e.status !== 404) {
        clear(body, h('p', { class: 'alert' }, `Could not read the PSR entry: ${e.message}`));
        return;
      }
    }
    const edit = h('button', { type: 'button', class: 'button small secondary', id: 'psr-edit' },
        entry ? 'Change the PSR entry' : 'Add to the PSR');
    edit.addEventListener('click', () => openForm(entry));
    clear(body, entry ? summary(entry) : h('p', { id: 'psr-none' }, 'Not on the Priority Services Register.'), edit);
    if (focus) {
      edit.focus();
    }
  }

  function summary(e) {
    const row = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
    return h('dl', { class: 'psr', id: 'psr-summary' },
        row('Needs', h('ul', { class: 'psr-needs' }, e.needs.map((n) => h('li', {}, n.label)))),
        e.medicallyDependent ? row('Medically dependent', 'Yes: on the at-risk list before everyone else') : null,
        row('Consent', e.consent ? `Given${e.consentAt ? ` ${when(e.consentAt)}` : ''}` : 'Not given: the needs '
            + 'steer only this supplier’s own service'),
        row('Review by', day(e.reviewDate)),
        e.nominee ? row('Nominee', e.nominee) : null,
        e.note ? row('Note', e.note) : null,
        row('Last changed', when(e.updatedAt)));
  }

  async function openForm(entry) {
    let needs;
    try {
      needs = await allNeeds();
    } catch (e) {
      status.textContent = `Could not read the list of needs: ${e.message}`;
      return;
    }
    const chosen = new Set(entry ? entry.needs.map((n) => n.code) : []);
    const boxes = needs.map((n) => checkbox(n.label, { name: 'need', value: n.code, checked: chosen.has(n.code) }));
    const consent = h('input', { type: 'checkbox', id: 'psr-consent', checked: Boolean(entry && entry.consent) });
    consent.dataset.field = 'consent';
    const review = dateInput({ value: entry ? entry.reviewDate : aYearOn() });
    const nominee = h('input', { maxlength: '200', autocomplete: 'off', value: entry && entry.nominee || '' });
    const note = h('textarea', { rows: 2, maxlength: '500' }, entry && entry.note || '');
    const cancel = h('button', { type: 'button', class: 'button secondary', id: 'psr-cancel' }, 'Cancel');
    const form = h('form', { id: 'psr-form', novalidate: true }, summaryBox(),
        group({ legend: 'Needs', controls: boxes, apiField: 'needs', id: 'psr-needs',
          hint: 'Every need the customer or their nominee told you about' }),
        h('div', { class: 'field' }, h('label', { class: 'check', for: 'psr-consent' }, consent,
            'The customer agreed to be on the register and to share it with their network operator')),
        field({ label: 'Review by', control: review, apiField: 'reviewDate', id: 'psr-review',
          hint: 'When to check the needs with the customer again' }),
        field({ label: 'Nominee (optional)', control: nominee, apiField: 'nominee', id: 'psr-nominee',
          hint: 'Who may be contacted for the customer, and how' }),
        field({ label: 'Note (optional)', control: note, apiField: 'note', id: 'psr-note' }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button', id: 'psr-save' },
            'Save the PSR entry'), ' ', cancel));
    cancel.addEventListener('click', () => show(true));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const picked = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
      const bad = dateErrors([review]);
      if (bad.length) {
        showErrors(form, bad);
        return;
      }
      try {
        await api('PUT', path, { body: { needs: picked, consent: consent.checked, reviewDate: review.value.trim() || null,
          nominee: nominee.value, note: note.value } });
        status.textContent = 'PSR entry saved.';
        announce(status.textContent);
        await show(true);
      } catch (e) {
        showProblem(form, e);
      }
    });
    status.textContent = '';
    clear(body, form);
    form.querySelector('input').focus();
  }

  show(false);
  return { refresh: () => show(false) };
}
