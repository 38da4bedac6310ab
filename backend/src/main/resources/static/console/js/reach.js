// A campaign's reach per channel and its still-unreached customers (issue 14). Renders into <section id="reach">
// on the campaign page; refreshes every 10 seconds and tells the page's status (event 'lifeline:reach'), so a
// campaign whose customers were not all reached never reads as done.
import { api } from './api.js';
import { h, clear, forgetDrawn, plural, redraw } from './dom.js';
import { saveCsv } from './csv.js';

const section = document.getElementById('reach');
const id = new URLSearchParams(location.search).get('id') || '';
const SHOWN = 50;

const heading = h('h2', { id: 'reach-heading' }, 'Who was reached');
const summary = h('p', { id: 'reach-summary', role: 'status' }, 'Loading…');
const figures = h('div', { id: 'reach-figures', class: 'counts' });
const table = h('table', { id: 'reach-table' });
const unreached = h('div', { id: 'reach-unreached' });

function row(key, name, counts) {
  if (!counts) {
    return h('tr', { dataset: { channel: key } }, h('th', { scope: 'row' }, name),
      h('td', { colspan: 3 }, 'Not configured on this backend'));
  }
  return h('tr', { dataset: { channel: key } }, h('th', { scope: 'row' }, name), h('td', {}, String(counts.sent)),
    h('td', {}, String(counts.delivered)), h('td', {}, String(counts.failed)));
}

async function csv() {
  const { data } = await api('GET', `/api/v1/campaigns/${encodeURIComponent(id)}/unreached`,
    { headers: { Accept: 'text/csv, application/problem+json' }, text: true });
  saveCsv(data, `campaign-${id}-unreached.csv`);
}

async function refresh() {
  try {
    const [{ data: r }, { data: list }] = await Promise.all([
      api('GET', `/api/v1/campaigns/${encodeURIComponent(id)}/reach`),
      api('GET', `/api/v1/campaigns/${encodeURIComponent(id)}/unreached`)]);
    document.dispatchEvent(new CustomEvent('lifeline:reach', { detail: r }));
    // A refresh that changes nothing draws nothing: the status is not read out again every 10 seconds.
    redraw(section, [r, list], () => draw(r, list.items));
  } catch (e) {
    forgetDrawn(section);
    clear(summary, `Reach could not be read: ${e.message}`);
  }
}

function draw(r, items) {
  clear(summary, r.done ? 'Done: every customer was reached or confirmed entering the code.'
    : `Not done: ${r.notYetReached} of ${plural(r.coded, 'coded customer')} not yet reached; `
      + `${r.confirmedEntered} confirmed entering the code.`);
  clear(figures,
    h('div', { dataset: { count: 'confirmed' } }, h('span', { class: 'n' }, String(r.confirmedEntered)),
      'Confirmed entered'),
    h('div', { dataset: { count: 'unreached' } }, h('span', { class: 'n' }, String(r.notYetReached)),
      'Not yet reached'));
  clear(table,
    h('caption', {}, 'Codes per channel: sent (taken by the phone service or text gateway, or a call made), '
      + 'delivered (fetched by the app, a text receipt, a call answered), failed'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Channel'), h('th', { scope: 'col' }, 'Sent'),
      h('th', { scope: 'col' }, 'Delivered'), h('th', { scope: 'col' }, 'Failed'))),
    h('tbody', {}, row('app', 'App', r.app), row('sms', 'Text', r.sms), row('voice', 'Voice call', r.voice)));
  clear(unreached,
    h('h3', { id: 'reach-unreached-heading' }, `Still unreached (${items.length})`),
    items.length === 0 ? h('p', {}, 'Nobody: every coded customer was reached or confirmed.') : [
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button secondary',
        id: 'reach-unreached-csv', onclick: csv }, `Download the list as CSV (${items.length} rows)`)),
      h('div', { class: 'table-wrap' }, h('table', { id: 'reach-unreached-list' },
        h('caption', {}, items.length > SHOWN ? `The first ${SHOWN} of ${items.length}: the CSV has them all`
          : 'Customers to call, with what was tried'),
        h('thead', {}, h('tr', {}, ['Account', 'Name', 'What was tried'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, items.slice(0, SHOWN).map((u) => h('tr', { dataset: { code: u.codeId } },
          h('td', {}, u.accountNumber), h('td', {}, u.name), h('td', {}, u.tried))))))]);
}

/** On the demo, a link to the demo phones, where the texts and calls can be seen arriving. */
async function demoPhonesLink() {
  try {
    await api('GET', '/api/v1/demo/phones');
    section.append(h('p', { id: 'demo-phones-link' }, h('a', { href: '/console/demo-phones.html' },
      'See the texts and calls on the demo phones')));
  } catch (e) {
    // Not the demo: there are no demo phones.
  }
}

if (section && id) {
  section.setAttribute('aria-labelledby', 'reach-heading');
  section.append(heading, summary, figures, h('div', { class: 'table-wrap' }, table), unreached);
  demoPhonesLink();
  refresh();
  setInterval(refresh, 10000);
}
