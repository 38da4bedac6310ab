// The at-risk page: today's list of no-WAN customers who may be self-disconnecting, with reasons and the run-out
// window, and what an agent can do (record a contact, ask for additional support credit through the ordinary
// issuing path); for supervisors, the winter protection proposals and the month's figures (issue 17).
import { api, uuid } from './api.js';
import { start } from './chrome.js';
import { announce, clear, h, money, plural } from './dom.js';
import { csvLink } from './csv.js';
import { field } from './forms.js';

const user = await start(['AGENT', 'SUPERVISOR'], 'At risk');
const ACTIONS = { 'friendly-credit-offered': 'Offered friendly credit', 'emergency-credit-guidance':
    'Talked through emergency credit', call: 'Called', voicemail: 'Left a voicemail', text: 'Sent a text' };
const OUTCOMES = { reached: 'Reached', 'not-reached': 'Not reached', declined: 'Declined', supported: 'Supported' };
const options = (map) => Object.entries(map).map(([v, label]) => h('option', { value: v }, label));

async function list(container) {
  const status = h('p', { role: 'status', id: 'list-status' }, 'Working out today’s list…');
  const items = h('ol', { class: 'risk-list', id: 'risk-items' });
  clear(container, status, items);
  try {
    const { data } = await api('GET', '/api/v1/at-risk?days=3');
    status.textContent = `${plural(data.atRisk, 'meter')} at risk of ${plural(data.meters, 'meter')} without the`
        + ` WAN (${data.psrAtRisk} on the Priority Services Register).`;
    clear(items, data.entries.map(entry));
  } catch (e) {
    status.textContent = `Could not work out the list: ${e.message}`;
  }
}

function entry(e) {
  const id = `risk-${e.meterId}`;
  const result = h('p', { role: 'status', class: 'muted' });
  return h('li', { id, class: e.psr ? 'risk psr' : 'risk' },
      h('h3', {}, `${e.rank}. ${e.customerName} – ${e.fuel} meter ${e.meterId}`),
      e.psr ? h('p', { class: 'psr-needs' }, `Priority Services Register${e.medicallyDependent
          ? ' (medically dependent)' : ''}: ${e.psrNeeds.join(', ')}`) : null,
      h('ul', { class: 'reasons' }, e.reasons.map((r) => h('li', { 'data-signal': r.signal }, r.detail))),
      e.runOut && e.runOut.windowText ? h('p', {}, `Runs out between ${e.runOut.windowText.replace(' to ',
          ' and ')} (from ${e.runOut.basis.replace(/-/g, ' ')}).`) : null,
      h('p', { class: 'muted' }, `Modelled credit ${money(e.availablePence)}, supply ${e.supply}.`),
      contactForm(e, result), supportForm(e, result), result);
}

function contactForm(e, result) {
  const action = h('select', { name: 'action' }, options(ACTIONS));
  const outcome = h('select', { name: 'outcome' }, options(OUTCOMES));
  const note = h('input', { name: 'note', maxlength: '500' });
  const form = h('form', { class: 'inline-form' },
      field({ label: 'What you did', control: action }), field({ label: 'Outcome', control: outcome }),
      field({ label: 'Note', control: note }),
      h('button', { type: 'submit', class: 'button secondary' }, 'Record the contact'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', `/api/v1/at-risk/${e.meterId}/contacts`, { body: { action: action.value,
        outcome: outcome.value, note: note.value } });
      result.textContent = 'Contact recorded.';
    } catch (err) {
      result.textContent = `Not recorded: ${err.message}`;
    }
    announce(result.textContent);
  });
  return form;
}

function supportForm(e, result) {
  const amount = h('input', { name: 'amount', inputmode: 'decimal', value: '10.00', size: '6' });
  const reason = h('input', { name: 'reason', maxlength: '400', required: true });
  const form = h('form', { class: 'inline-form' },
      field({ label: 'Support credit (£)', control: amount }), field({ label: 'Why', control: reason }),
      h('button', { type: 'submit', class: 'button' }, 'Ask for support credit'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const { status, data } = await api('POST', `/api/v1/at-risk/${e.meterId}/support-credit`, {
        body: { amount: amount.value, reason: reason.value }, headers: { 'Idempotency-Key': uuid() } });
      result.textContent = status === 202 ? `Support credit ${data.parameters.amount} is waiting for a`
          + ' supervisor’s approval.' : `Support credit code: ${data.digits.join(' ')}`;
    } catch (err) {
      result.textContent = `No code: ${err.message}`;
    }
    announce(result.textContent);
  });
  return form;
}

async function proposals(container) {
  const status = h('p', { role: 'status', id: 'proposals-status' });
  const propose = h('button', { type: 'button', class: 'button secondary', id: 'propose' }, 'Run the winter policy');
  const items = h('ul', { id: 'proposal-items' });
  clear(container, propose, status, items);
  async function load() {
    const { data } = await api('GET', '/api/v1/protection-proposals');
    status.textContent = `${plural(data.length, 'proposal')} waiting.`;
    clear(items, data.map((p) => {
      const approve = h('button', { type: 'button', class: 'button small' }, 'Approve and make the code');
      const li = h('li', { id: `proposal-${p.id}` }, `${p.customerName}, meter ${p.meterId}: friendly credit`
          + ` ${p.parameters.start}–${p.parameters.end} every day. `, approve);
      approve.addEventListener('click', async () => {
        try {
          await api('POST', `/api/v1/protection-proposals/${p.id}/approve`, { headers: { 'Idempotency-Key': uuid() } });
          status.textContent = 'Approved: the code was made.';
          await load();
        } catch (err) {
          status.textContent = `Not approved: ${err.message}`;
        }
        announce(status.textContent);
      });
      return li;
    }));
  }
  propose.addEventListener('click', async () => {
    try {
      const { data } = await api('POST', '/api/v1/protection-proposals');
      status.textContent = `${plural(data.proposed, 'new proposal')}.`;
      await load();
    } catch (err) {
      status.textContent = err.message;
    }
  });
  await load().catch((err) => { status.textContent = err.message; });
}

async function figures(container) {
  try {
    const [{ data }, csv] = await Promise.all([api('GET', '/api/v1/reports/at-risk'),
      api('GET', '/api/v1/reports/at-risk.csv', { text: true, headers: { Accept: 'text/csv, application/problem+json' } })]);
    clear(container, h('dl', { id: 'figures-list' },
        ['detectedMeters', 'detectedPsrMeters', 'customersContacted', 'customersSupported', 'supportCreditCodes',
          'selfDisconnectionsReported'].flatMap((k) => [h('dt', {}, k.replace(/([A-Z])/g, ' $1').toLowerCase()),
          h('dd', {}, String(data[k]))])),
        csvLink(csv.data, `at-risk-${data.month}.csv`, `Download ${data.month} as CSV`, { id: 'figures-csv' }));
  } catch (e) {
    clear(container, h('p', {}, `Could not read the figures: ${e.message}`));
  }
}

list(document.getElementById('list'));
if (user.role === 'SUPERVISOR') {
  proposals(document.getElementById('proposals'));
  figures(document.getElementById('figures'));
}
