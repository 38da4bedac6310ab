// A campaign's reach per channel and its still-unreached customers (issue 14). Renders into <section id="reach">
// on the campaign page; refreshes every 10 seconds.
import { api } from './api.js';
import { h, clear } from './dom.js';
import { saveCsv } from './csv.js';

const section = document.getElementById('reach');
const id = new URLSearchParams(location.search).get('id') || '';

const heading = h('h2', { id: 'reach-heading' }, 'Who was reached');
const summary = h('p', { id: 'reach-summary', role: 'status' }, 'Loading…');
const table = h('table', { id: 'reach-table' });
const unreached = h('div', { id: 'reach-unreached' });
section.setAttribute('aria-labelledby', 'reach-heading');
section.append(heading, summary, table, unreached);

function row(name, counts) {
  return h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, String(counts.sent)),
    h('td', {}, String(counts.delivered)), h('td', {}, String(counts.failed)));
}

async function csv() {
  const text = await api('GET', `/api/v1/campaigns/${encodeURIComponent(id)}/unreached`,
    { headers: { Accept: 'text/csv' }, text: true });
  saveCsv(text, `campaign-${id}-unreached.csv`);
}

async function refresh() {
  try {
    const r = await api('GET', `/api/v1/campaigns/${encodeURIComponent(id)}/reach`);
    clear(summary, r.done ? 'Everyone was reached or confirmed entry.'
      : `Not done: ${r.notYetReached} of ${r.coded} customers not yet reached; ${r.confirmedEntered} confirmed entry.`);
    clear(table,
      h('caption', {}, 'Codes per channel'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Channel'), h('th', { scope: 'col' }, 'Sent'),
        h('th', { scope: 'col' }, 'Delivered'), h('th', { scope: 'col' }, 'Failed'))),
      h('tbody', {}, row('App', r.app), row('Text', r.sms), row('Voice', r.voice)));
    const list = await api('GET', `/api/v1/campaigns/${encodeURIComponent(id)}/unreached`);
    clear(unreached,
      h('h3', {}, `Still unreached (${list.items.length})`),
      list.items.length === 0 ? h('p', {}, 'Nobody.') : h('ul', { id: 'reach-unreached-list' },
        ...list.items.map(u => h('li', {}, `${u.accountNumber} ${u.name}: ${u.tried}`))),
      h('button', { type: 'button', onclick: csv }, 'Download the list (CSV)'));
  } catch (e) {
    clear(summary, `Reach could not be read: ${e.message}`);
  }
}

if (section && id) {
  refresh();
  setInterval(refresh, 10000);
}
