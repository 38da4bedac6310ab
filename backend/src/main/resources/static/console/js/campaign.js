// A campaign's live page: its counts as server-sent events push them, a chart of coded / pushed / delivered /
// entered over time, cancel, and the call-centre list of customers without a phone (shown, and downloadable as
// the API's CSV).
import { api } from './api.js';
import { start } from './chrome.js';
import { announce, areaText, badge, clear, clock, h, plural, repeat, when, windowText } from './dom.js';
import { campaignName, commandWords } from './words.js';
import { loadCommands } from './commands.js';
import { askReason } from './dialog.js';
import { SERIES, drawChart, swatch } from './chart.js';
import { parseCsv, saveCsv } from './csv.js';
import { streamEvents } from './sse.js';

await start(['OPS', 'ADMIN'], 'Notices and campaigns');

const id = new URLSearchParams(location.search).get('id') || '';
const samples = [];
let view = null;
let listShownFor = -1;
let about = null; // title, message, area, window and launcher (GET /api/v1/console/campaigns/{id})
// Who was reached (reach.js): a campaign whose codes are all made is not done while customers are unreached.
let reached = null;

/** The campaign's status in words that never say done while someone is unreached. */
function statusWords(status) {
  if (status !== 'COMPLETED' || (reached && reached.done)) {
    return badge(status);
  }
  return h('span', { class: 'badge s-RUNNING' }, reached
    ? `codes made; not done: ${reached.notYetReached} of ${reached.coded} not yet reached`
    : 'codes made; who was reached is not known yet');
}

document.addEventListener('lifeline:reach', (e) => {
  reached = e.detail;
  const cell = document.getElementById('campaign-status');
  if (cell && view) {
    clear(cell, statusWords(view.status));
  }
});

const COUNTS = [
  ['total', 'Meters'], ['coded', 'Coded'], ['toDcc', 'Sent over the WAN'], ['pushed', 'Pushed to phones'],
  ['delivered', 'Delivered to the app'], ['entered', 'Entered'], ['failed', 'Failed'], ['noPhone', 'No phone'],
];

function update(next) {
  const before = view;
  view = next;
  samples.push({ t: new Date(), coded: next.coded + next.toDcc, pushed: next.pushed, delivered: next.delivered,
    entered: next.entered });
  const a = about || {};
  document.getElementById('campaign-title').textContent = campaignName(a.title ? a : next);
  document.title = `${campaignName(a.title ? a : next)} – Lifeline console`;
  clear(document.getElementById('campaign-summary'), h('dl', { class: 'dl' },
      h('dt', {}, 'Status'), h('dd', { id: 'campaign-status' }, statusWords(next.status)),
      a.message ? [h('dt', {}, 'Message'), h('dd', { id: 'campaign-message' }, a.message)] : null,
      h('dt', {}, 'Area'), h('dd', { id: 'campaign-area' }, areaText(a.area)),
      a.startsAt ? [h('dt', {}, 'Window'), h('dd', { id: 'campaign-window' }, windowText(a.startsAt, a.endsAt))] : null,
      h('dt', {}, 'What it does'), h('dd', { id: 'campaign-command' }, commandWords(next)),
      h('dt', {}, 'Launched by'), h('dd', { id: 'campaign-launcher' }, a.launchedBy || '–'),
      h('dt', {}, 'Texts'), h('dd', { id: 'campaign-app-deadline' }, 'sent if the app has not fetched the code within '
          + (a.appDeadlineMinutes ? plural(a.appDeadlineMinutes, 'minute') : "the supplier's usual wait")),
      h('dt', {}, 'Reason'), h('dd', {}, next.reason),
      h('dt', {}, 'Started'), h('dd', {}, when(next.createdAt)),
      h('dt', {}, 'Finished'), h('dd', {}, next.finishedAt ? when(next.finishedAt) : 'not yet'),
      h('dt', {}, 'Rate'), h('dd', {}, `${next.ratePerSecond} meters a second`)));
  clear(document.getElementById('counts'), COUNTS.map(([key, label]) =>
    h('div', { dataset: { count: key } }, h('span', { class: 'n' }, String(next[key])), label)));
  const bar = document.getElementById('done-bar');
  bar.max = Math.max(1, next.total);
  bar.value = next.coded + next.toDcc + next.failed + next.cancelled;
  drawChart(document.getElementById('chart'), samples, next.total);
  drawCancel();
  if (before && before.status !== next.status) {
    announce(next.status === 'COMPLETED' ? 'Codes for every meter are made; see who was reached'
      : `The campaign is ${next.status.toLowerCase()}`);
  }
  if (next.status !== 'RUNNING' && next.noPhone !== listShownFor) {
    listShownFor = next.noPhone;
    noPhoneList();
  }
}

function drawCancel() {
  const area = document.getElementById('cancel-area');
  if (view.status !== 'RUNNING') {
    clear(area);
    return;
  }
  if (area.querySelector('button')) {
    return;
  }
  const button = h('button', { type: 'button', class: 'button danger', id: 'cancel-campaign' }, 'Cancel the campaign');
  button.addEventListener('click', async () => {
    const done = await askReason({
      title: 'Cancel this campaign?', intro: 'Meters not coded yet are left alone; codes already made stay valid '
          + 'until cancelled one by one.', label: 'Why cancel it', confirm: 'Cancel the campaign',
      send: (reason) => api('POST', `/api/v1/campaigns/${encodeURIComponent(id)}/cancel`, { body: { reason } }),
    });
    if (done) {
      update(done.data);
    }
  });
  clear(area, button);
}

const SHOWN = 20;
const HEADINGS = ['Account', 'Name', 'Phone', 'Address', 'Postcode', 'MPAN or MPRN', 'Meter', 'Code', 'Code valid until'];

async function noPhoneList() {
  const target = document.getElementById('no-phone');
  try {
    const { data: csv } = await api('GET', `/api/v1/campaigns/${encodeURIComponent(id)}/no-phone`,
        { headers: { Accept: 'text/csv, application/problem+json' }, text: true });
    const rows = parseCsv(csv).slice(1);
    const download = h('button', { type: 'button', class: 'button secondary', id: 'download-csv' },
        `Download the list as CSV (${rows.length} rows)`);
    download.addEventListener('click', () => saveCsv(csv, `campaign-${id}-no-phone.csv`));
    clear(target, rows.length ? h('div', { class: 'actions' }, download) : null,
        rows.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'no-phone-list' },
            h('caption', {}, rows.length > SHOWN ? `The first ${SHOWN} of ${rows.length} meters to call about: the CSV `
                + 'has them all' : `${rows.length} meters to call about`),
            h('thead', {}, h('tr', {}, HEADINGS.map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, rows.slice(0, SHOWN).map((r) => h('tr', {}, r.map((cell, i) => h('td', { class: i === 7 ? 'mono' : null },
                i === 8 ? when(cell) : cell)))))))
          : h('p', {}, 'Every coded customer has a phone registered for the app; whether each was reached is under '
            + '“Who was reached” above.'));
  } catch (e) {
    clear(target, h('p', { class: 'alert' }, `Could not load the list: ${e.message}`));
  }
}

async function live() {
  const status = document.getElementById('live-status');
  let wait = 1000;
  for (;;) {
    try {
      status.textContent = 'Live: connected (server-sent events).';
      await streamEvents(`/api/v1/console/campaigns/${encodeURIComponent(id)}/progress`, (type, data) => {
        if (type === 'progress') {
          update(JSON.parse(data));
          status.textContent = `Live: updated ${clock(new Date())}.`;
          wait = 1000;
        }
      });
    } catch (e) {
      if (e.status && e.status !== 401 && e.status < 500) {
        status.textContent = `Cannot follow this campaign: ${e.message}`;
        return;
      }
    }
    status.textContent = `Connection lost; reconnecting in ${wait / 1000} seconds…`;
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 30000);
  }
}

clear(document.getElementById('legend'), SERIES.map((s) => h('li', {}, swatch(s), ' ', s.label)));
// The time axis moves on while nothing changes; the chart is redrawn to fit a new width.
const redraw = () => view && drawChart(document.getElementById('chart'), samples, view.total);
repeat(async () => redraw(), 5000, { now: false });
window.addEventListener('resize', redraw);
(async () => {
  try {
    // The catalog of commands names a campaign's command and parameters in words (commandWords).
    const [{ data }, context] = await Promise.all([api('GET', `/api/v1/campaigns/${encodeURIComponent(id)}`),
      api('GET', `/api/v1/console/campaigns/${encodeURIComponent(id)}`), loadCommands()]);
    about = context.data;
    update(data);
    live();
  } catch (e) {
    document.getElementById('live-status').textContent = `Cannot show this campaign: ${e.message}`;
  }
})();
