// The DP255 follow-up page: the report of our devices in partial installs and prepayment meters left without the
// WAN, counted by region and age and listed (with the API's CSV as a download), for supervisors, operations and
// administrators; and the call centre's list of no-WAN code service offers with their outcomes.
import { api } from './api.js';
import { start } from './chrome.js';
import { announce, badge, clear, day, deviceWords, h, plural, wanBadge, when } from './dom.js';
import { askReason } from './dialog.js';
import { csvLink } from './csv.js';
import { field } from './forms.js';

const user = await start(['AGENT', 'SUPERVISOR', 'OPS', 'ADMIN'], 'DP255 follow-up');
const CALLERS = ['AGENT', 'SUPERVISOR'];
/** Age bands: the API's names for each (the first as documented), and words. */
const BANDS = [
  { names: ['UNDER_30'], label: 'Under 30 days' },
  { names: ['30_TO_89', 'DAYS_30_TO_89'], label: '30 to 89 days' },
  { names: ['90_PLUS', 'DAYS_90_PLUS'], label: '90 days or more' },
  { names: ['UNKNOWN'], label: 'Install date unknown' },
];
const CATEGORY_WORDS = { PARTIAL_INSTALL: 'Partial install', PREPAYMENT_NO_WAN: 'Prepayment meter without WAN' };
const REASON_WORDS = {
  REACTIVE_INSTALL_AND_LEAVE: 'install and leave (coverage expected)',
  PROACTIVE_INSTALL_AND_LEAVE: 'install and leave (no coverage)', PARTIAL_INSTALL: 'partial install',
};

const bandOf = (name) => BANDS.find((b) => b.names.includes(name));
const words = (text) => String(text || '–').replace(/_/g, ' ').toLowerCase();

function count(row, band) {
  for (const name of band.names) {
    const n = (row.byAge && row.byAge[name]) ?? row[name];
    if (n !== undefined && n !== null) {
      return Number(n);
    }
  }
  return 0;
}

function report(container) {
  const region = h('select', { id: 'report-region' }, h('option', { value: '' }, 'All regions'));
  const again = h('button', { type: 'button', class: 'button secondary', id: 'report-again' }, 'Run the report again');
  const status = h('p', { class: 'muted', id: 'report-status', role: 'status' }, 'Running the report…');
  const summary = h('div', { id: 'report-summary' });
  const download = h('div', { class: 'actions', id: 'report-download' });
  const items = h('div', { id: 'report-items' });
  clear(container, status, summary,
      h('div', { class: 'inline-form' }, field({ label: 'Show the devices of', control: region }), again),
      download, items);
  let data = null;
  let link = null;
  region.addEventListener('change', () => drawItems());
  again.addEventListener('click', load);

  async function load() {
    again.disabled = true;
    try {
      const [json, csv] = await Promise.all([api('GET', '/api/v1/reports/dp255'),
        api('GET', '/api/v1/reports/dp255.csv', { headers: { Accept: 'text/csv, application/problem+json' }, text: true })]);
      data = json.data;
      status.textContent = `${plural(data.total, 'device')} to follow up, as of ${day(data.asOf)}.`;
      drawSummary();
      link = csvLink(csv.data, `dp255-${data.asOf}.csv`, `Download the report as CSV (${plural(data.items.length, 'row')})`,
          { id: 'report-csv', previous: link });
      clear(download, link);
      drawItems();
    } catch (e) {
      status.textContent = `Could not run the report: ${e.message}`;
    } finally {
      again.disabled = false;
    }
  }

  function drawSummary() {
    const regions = data.summary.map((r) => r.region);
    const chosen = region.value;
    clear(region, h('option', { value: '' }, 'All regions'),
        regions.map((r) => h('option', { value: r, selected: r === chosen }, r)));
    const totals = BANDS.map((b) => data.summary.reduce((n, r) => n + count(r, b), 0));
    clear(summary, h('div', { class: 'table-wrap' }, h('table', { id: 'report-by-region' },
        h('caption', {}, 'Devices by region (postcode area) and time since the install'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Region'),
            BANDS.map((b) => h('th', { scope: 'col', class: 'num' }, b.label)), h('th', { scope: 'col', class: 'num' }, 'All'))),
        h('tbody', {}, data.summary.length ? data.summary.map((r) => h('tr', { dataset: { region: r.region } },
            h('th', { scope: 'row' }, r.region),
            BANDS.map((b) => h('td', { class: 'num' }, String(count(r, b)))),
            h('td', { class: 'num' }, String(BANDS.reduce((n, b) => n + count(r, b), 0)))))
          : h('tr', {}, h('td', { colspan: BANDS.length + 2 }, 'Nothing to follow up.'))),
        data.summary.length > 1 ? h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'All regions'),
            totals.map((n) => h('td', { class: 'num' }, String(n))),
            h('td', { class: 'num' }, String(data.total)))) : null)));
  }

  function drawItems() {
    const shown = data.items.filter((i) => !region.value || i.region === region.value);
    clear(items, h('div', { class: 'table-wrap' }, h('table', { id: 'report-list' },
        h('caption', {}, `${plural(shown.length, 'device')}${region.value ? ` in ${region.value}` : ''}, oldest install first`),
        h('thead', {}, h('tr', {}, ['Device', 'Why', 'Installed', 'Where', 'Customer', 'Payment', 'Code service']
            .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, shown.map((i) => h('tr', { dataset: { device: i.deviceId } },
            h('td', {}, h('a', { href: `/console/devices.html#device=${i.deviceId}`, class: 'mono' }, i.deviceId),
                h('br'), deviceWords(i.deviceType)),
            h('td', {}, CATEGORY_WORDS[i.category] || words(i.category), h('br'), wanBadge(i.wanState), h('br'),
                h('span', { class: 'muted' }, `${words(i.commissioning)}${i.reason ? `: ${REASON_WORDS[i.reason] || words(i.reason)}` : ''}`)),
            h('td', {}, i.installedOn ? day(i.installedOn) : 'not recorded', h('br'),
                h('span', { class: 'muted' }, i.ageDays === undefined || i.ageDays === null ? (bandOf(i.ageBand) || {}).label
                  : `${plural(i.ageDays, 'day')} ago (${((bandOf(i.ageBand) || {}).label || '').toLowerCase()})`)),
            h('td', {}, i.region, h('br'), i.postcode),
            h('td', {}, i.customerName || '–', h('br'), h('span', { class: 'muted' }, [i.accountNumber, i.mpxn].filter(Boolean).join(', '))),
            h('td', {}, words(i.paymentMode)),
            h('td', {}, badge(i.codeService))))))));
  }

  load();
}

function offers(container) {
  const show = h('select', { id: 'offers-show' }, [['OFFERED', 'Waiting for an answer'], ['ACCEPTED', 'Accepted'],
    ['DECLINED', 'Declined']].map(([v, t]) => h('option', { value: v }, t)));
  const list = h('ul', { class: 'results', id: 'offers-list' });
  const status = h('p', { class: 'muted', id: 'offers-status', role: 'status' }, 'Loading…');
  clear(container, h('div', { class: 'inline-form' }, field({ label: 'Show offers', control: show })), status, list);
  show.addEventListener('change', refresh);

  async function refresh() {
    try {
      const { data } = await api('GET', `/api/v1/no-wan-offers?status=${show.value}`);
      clear(list, data.items.map(item));
      status.textContent = `${plural(data.items.length, 'offer')} ${show.value === 'OFFERED' ? 'waiting for an answer'
        : show.value.toLowerCase()}.`;
    } catch (e) {
      status.textContent = `Could not load the offers: ${e.message}`;
    }
  }

  function item(o) {
    const actions = [];
    if (o.status === 'OFFERED' && CALLERS.includes(user.role)) {
      actions.push(decide(o, 'ACCEPTED', 'Accepted', 'button small'),
          decide(o, 'DECLINED', 'Declined', 'button small secondary'));
    }
    if (CALLERS.includes(user.role)) {
      actions.push(h('a', { class: 'button small secondary', href: `/console/agent.html#q=${encodeURIComponent(o.accountNumber)}`
          + `&customer=${encodeURIComponent(o.customerId)}` }, `Open ${o.name}’s page`));
    }
    return h('li', { dataset: { offer: o.id, status: o.status } },
        h('p', { class: 'name' }, `${o.name} (${o.accountNumber})`),
        h('p', {}, badge(o.status), ` ${CATEGORY_WORDS[o.reason] || words(o.reason)}; phone ${o.phone || 'none on file'}; `
            + `${o.postcode || ''}`),
        h('p', {}, 'Devices: ', (o.devices || []).map((d) => [h('span', { class: 'mono' }, d), ' '])),
        h('p', { class: 'muted' }, `Offered ${when(o.offeredAt)}${o.appLinked ? '; the app is already linked' : ''}`
            + `${o.outcomeAt ? `; answered ${when(o.outcomeAt)}` : ''}${o.outcomeNote ? `: “${o.outcomeNote}”` : ''}`),
        actions.length ? h('div', { class: 'actions' }, actions) : null);
  }

  function decide(o, outcome, text, kind) {
    const b = h('button', { type: 'button', class: kind, 'aria-label': `${o.name} ${text.toLowerCase()} the offer` }, text);
    b.addEventListener('click', async () => {
      const done = await askReason({
        title: `${o.name} ${text.toLowerCase()} the no-WAN code service?`, danger: false, optional: true, apiField: 'note',
        intro: outcome === 'ACCEPTED' ? 'Then open their page and make the app activation code to read out.'
          : 'The offer is closed; they keep getting codes read out by the call centre.',
        label: 'Note (optional)', confirm: `Record: ${text.toLowerCase()}`,
        send: (note) => api('POST', `/api/v1/no-wan-offers/${o.id}/outcome`, { body: { outcome, note: note || null } }),
      });
      if (done) {
        announce(`Recorded: ${o.name} ${text.toLowerCase()} the offer.`);
        refresh();
      }
    });
    return b;
  }

  refresh();
}

if (['SUPERVISOR', 'OPS', 'ADMIN'].includes(user.role)) {
  report(document.getElementById('report'));
}
offers(document.getElementById('offers'));
