// The agent's page: find a customer, see their premises and meters (with WAN state), open a meter to see its
// modelled state and code history and to issue a code, and their PSR entry (psr.js); supervisors also get the
// approvals queue (#approvals).
// The page's state lives in the URL hash (#q=...&customer=...&meter=...) so the read-out view can come back.
import { api } from './api.js';
import { start } from './chrome.js';
import { clear, deviceWords, h, wanBadge } from './dom.js';
import { clearErrors, showErrors, showProblem } from './forms.js';
import { approvalsView } from './approvals.js';
import { historyView } from './history.js';
import { issueForm } from './issue.js';
import { stateList } from './preview.js';
import { press, speedKeys } from './keys.js';
import { psrView } from './psr.js';
import { timelineView } from './timeline.js';

const user = await start(['AGENT', 'SUPERVISOR'], location.hash === '#approvals' ? 'Approvals' : 'Customers');

const METERS = ['ESME', 'GSME'];

const form = document.getElementById('search-form');
const results = document.getElementById('results');
const customerSection = document.getElementById('customer');
const meterSection = document.getElementById('meter');
let state = { q: '', customer: null, meter: null };
let found = [];
let codes = null;
let approvals = null;

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { q: p.get('q') || '', customer: p.get('customer'), meter: p.get('meter') };
}

function writeHash() {
  const p = new URLSearchParams();
  Object.entries(state).forEach(([k, v]) => v && p.set(k, v));
  window.history.replaceState(null, '', `#${p}`);
}

/** Where the read-out view for a code is, with the way back to this meter. */
function readoutUrl(code) {
  const back = `/console/agent.html${location.hash}`;
  return `/console/readout.html?code=${encodeURIComponent(code.id)}&back=${encodeURIComponent(back)}`;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const q = form.q.value.trim();
  clearErrors(form);
  if (q.length < 2) {
    showErrors(form, [{ field: 'q', message: 'Give at least 2 characters' }]);
    return;
  }
  state = { q, customer: null, meter: null };
  writeHash();
  await search(q, true);
});

async function search(q, focusResults) {
  const button = document.getElementById('search-button');
  button.disabled = true;
  clear(results, h('p', {}, 'Searching…'));
  closeCustomer();
  try {
    const { data } = await api('GET', `/api/v1/customers?q=${encodeURIComponent(q)}`);
    found = data.items;
    drawResults(q, focusResults);
  } catch (e) {
    clear(results);
    showProblem(form, e);
  } finally {
    button.disabled = false;
  }
}

function drawResults(q, focusResults) {
  const heading = h('h3', { id: 'results-heading', tabindex: '-1' },
      found.length === 1 ? '1 customer found' : `${found.length} customers found`);
  if (!found.length) {
    clear(results, heading, h('p', { id: 'no-results' }, `No customer of yours matches “${q}”. `
        + 'Check the number, or try the postcode or surname.'));
  } else {
    clear(results, heading, h('ul', { class: 'results', 'aria-labelledby': 'results-heading' },
        found.map((c) => h('li', { class: c.id === state.customer ? 'selected' : null, dataset: { customer: c.id } },
            h('p', { class: 'name' }, c.name),
            h('p', {}, `Account ${c.accountNumber}`, h('br'),
                c.premises.map((p) => `${p.address}, ${p.postcode}`).join('; ')),
            h('button', { type: 'button', class: 'button small', 'aria-label': `Open ${c.name}, account ${c.accountNumber}`,
              onclick: () => openCustomer(c.id, true) }, 'Open')))));
  }
  if (found.length === 1) {
    openCustomer(found[0].id, focusResults);
  } else if (focusResults) {
    heading.focus();
  }
}

function closeCustomer() {
  customerSection.hidden = true;
  closeMeter();
}

function closeMeter() {
  meterSection.hidden = true;
  clear(meterSection);
  codes?.stop();
  codes = null;
}

function openCustomer(id, focus) {
  const c = found.find((x) => x.id === id);
  if (!c) {
    return;
  }
  state.customer = id;
  state.meter = null;
  writeHash();
  closeMeter();
  results.querySelectorAll('li[data-customer]').forEach((li) => li.classList.toggle('selected', li.dataset.customer === id));
  remember(c);
  const heading = h('h2', { id: 'customer-heading', tabindex: '-1' }, c.name);
  clear(customerSection, heading,
      h('p', {}, `Account ${c.accountNumber}`),
      c.premises.length ? null : h('p', {}, 'No premises on this account.'),
      c.premises.map((p) => h('div', { class: 'premises panel' },
          h('h3', {}, `${p.address}, ${p.postcode}`),
          h('ul', { class: 'devices', 'aria-label': `Devices at ${p.address}` }, p.devices.map(device)))),
      h('section', { id: 'customer-psr', class: 'panel' }),
      h('div', { id: 'customer-timeline' }));
  psrView(document.getElementById('customer-psr'), c.id);
  timelineView(document.getElementById('customer-timeline'), c.id);
  customerSection.hidden = false;
  if (focus) {
    heading.focus();
  }
}

function device(d) {
  const words = deviceWords(d.type);
  const open = METERS.includes(d.type) ? h('button', { type: 'button', class: 'button small',
    'aria-label': `Codes and issuing for the ${words.toLowerCase()} ${d.meterId}`, onclick: () => openMeter(d, true) }, 'Codes and issuing') : null;
  return h('li', { dataset: { meter: d.meterId }, class: d.meterId === state.meter ? 'selected' : null },
      h('span', {}, h('strong', {}, words), ' ', h('span', { class: 'mono' }, d.meterId)),
      d.mpxn ? h('span', {}, `${d.fuel === 'GAS' ? 'MPRN' : 'MPAN'} `, h('span', { class: 'mono' }, d.mpxn)) : null,
      wanBadge(d.wanState), open);
}

function openMeter(d, focus) {
  state.meter = d.meterId;
  writeHash();
  customerSection.querySelectorAll('li[data-meter]').forEach((li) => li.classList.toggle('selected', li.dataset.meter === d.meterId));
  closeMeter();
  const words = deviceWords(d.type);
  const heading = h('h2', { id: 'meter-heading', tabindex: '-1' }, `${words} `, h('span', { class: 'mono' }, d.meterId));
  const model = h('div', { id: 'meter-model' }, h('p', {}, 'Loading the modelled state…'));
  const issue = h('div', { id: 'issue' });
  const codesBox = h('div', { id: 'codes' });
  clear(meterSection, heading, h('p', {}, wanBadge(d.wanState),
      d.wanState === 'COMMISSIONED_WAN' ? ' Codes can also reach this meter over the WAN.' : ' Read codes out to the customer.'),
  h('div', { class: 'columns' }, h('div', {}, h('h3', {}, 'The meter as modelled'), model), codesBox),
  h('h3', {}, 'Issue a code'), issue);
  meterSection.hidden = false;
  codes = historyView(codesBox, d.meterId, { readoutUrl });
  issueForm(issue, d.meterId, { readoutUrl, onIssued: () => codes && codes.refresh() });
  loadModel(d.meterId, model);
  if (focus) {
    heading.focus();
  }
}

async function loadModel(meterId, target) {
  try {
    const { data } = await api('GET', `/api/v1/meters/${encodeURIComponent(meterId)}/model`);
    const src = data.model || {};
    clear(target, stateList(data.state),
        h('p', { class: 'muted' }, `From ${String(src.source || '').toLowerCase()} data; energy used since then is not `
            + 'charged here, so the meter’s own balance is probably lower.'));
  } catch (e) {
    clear(target, h('p', {}, e.code === 'no-meter-model'
      ? 'The backend holds no modelled state for this meter; previews cannot show balances.'
      : `Could not load the modelled state: ${e.message}`));
  }
}

async function route() {
  const approvalsSection = document.getElementById('approvals-view');
  const customers = document.getElementById('customers-view');
  if (location.hash === '#approvals' && user.role === 'SUPERVISOR') {
    customers.hidden = true;
    approvalsSection.hidden = false;
    closeMeter();
    approvals = approvals || approvalsView(document.getElementById('approvals'), user, { readoutUrl });
    document.getElementById('approvals-heading').focus();
    setCurrent('Approvals');
    return;
  }
  approvals?.stop();
  approvals = null;
  approvalsSection.hidden = true;
  customers.hidden = false;
  setCurrent('Customers');
  const wanted = readHash();
  if (wanted.q && (wanted.q !== state.q || (wanted.customer && wanted.customer !== state.customer))) {
    form.q.value = wanted.q;
    state = { q: wanted.q, customer: null, meter: null };
    await search(wanted.q, false);
    if (wanted.customer && found.some((c) => c.id === wanted.customer)) {
      openCustomer(wanted.customer, false);
      const d = found.find((c) => c.id === wanted.customer).premises.flatMap((p) => p.devices)
          .find((x) => x.meterId === wanted.meter);
      if (d) {
        openMeter(d, true);
      }
    }
  }
}

function setCurrent(label) {
  document.querySelectorAll('.site-header nav a').forEach((a) => {
    if (a.textContent === label) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  document.title = `${label} – Lifeline console`;
}

// The address and the page always agree: a changed address (typed, pasted, Back) opens what it names.
window.addEventListener('hashchange', () => route());

const RECENT_KEY = 'lifeline.console.recent';
const RECENT_MOST = 5;

/** The customers this tab opened last, newest first, as links to them. */
function drawRecent() {
  const recent = JSON.parse(sessionStorage.getItem(RECENT_KEY) || '[]');
  const box = document.getElementById('recent');
  clear(box, recent.length ? [h('h3', { id: 'recent-heading' }, 'Recent customers'),
    h('ul', { class: 'recent', 'aria-labelledby': 'recent-heading' }, recent.map((r) => h('li', {},
        h('a', { href: `#q=${encodeURIComponent(r.account)}&customer=${encodeURIComponent(r.id)}` },
            `${r.name} (${r.account})`))))] : null);
}

function remember(c) {
  const recent = JSON.parse(sessionStorage.getItem(RECENT_KEY) || '[]').filter((r) => r.id !== c.id);
  recent.unshift({ id: c.id, name: c.name, account: c.accountNumber });
  sessionStorage.setItem(RECENT_KEY, JSON.stringify(recent.slice(0, RECENT_MOST)));
  drawRecent();
}

speedKeys([
  { key: '/', label: 'Search for a customer', run: () => form.q.focus() },
  { key: 'p', label: 'Preview the code', run: () => press('preview-button') },
  { key: 'i', label: 'Issue the previewed code', run: () => press('issue-button') },
]);
drawRecent();
await route();
// Arriving with nothing open, the cursor waits in the search box.
if (!state.q && location.hash !== '#approvals') {
  form.q.focus();
}
