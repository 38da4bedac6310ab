// The install-codes page (MP121): ask for codes one by one or from a CSV file, answer the requests other
// suppliers send us, follow the ones we raised, and (supervisors, operations, administrators) how requests were
// answered in time.
import { api } from './api.js';
import { start } from './chrome.js';
import { clear, day, h } from './dom.js';
import { clearErrors, dateErrors, dateInput, field, showErrors, showProblem, summaryBox } from './forms.js';
import { bulkForm, raiseForm } from './request-forms.js';
import { requestList } from './request-list.js';

const user = await start(['AGENT', 'SUPERVISOR', 'OPS', 'ADMIN'], 'Install codes');
const REPORTERS = ['SUPERVISOR', 'OPS', 'ADMIN'];

requestList(document.getElementById('owed'), user, 'OWED');
const raised = requestList(document.getElementById('raised'), user, 'RAISED');
if (user.role !== 'ADMIN') {
  raiseForm(document.getElementById('raise'), { raised: () => raised.refresh() });
  bulkForm(document.getElementById('bulk'), { raised: () => raised.refresh() });
}
// From a device's page: the device to ask about.
const asked = /^#device=([0-9A-Za-z]{16})$/.exec(location.hash);
if (asked && user.role !== 'ADMIN') {
  const device = document.getElementById('raise-device');
  device.value = asked[1].toUpperCase();
  device.focus();
}
if (REPORTERS.includes(user.role)) {
  performance(document.getElementById('performance'));
}

function performance(container) {
  const from = dateInput();
  const to = dateInput();
  const button = h('button', { type: 'submit', class: 'button secondary', id: 'performance-button' }, 'Show');
  const form = h('form', { novalidate: true, id: 'performance-form' }, summaryBox(),
      h('div', { class: 'inline-form' },
          field({ label: 'Raised from', control: from, apiField: 'from', id: 'performance-from' }),
          field({ label: 'Raised up to', control: to, apiField: 'to', id: 'performance-to' }),
          button),
      h('p', { class: 'hint' }, 'Leave both empty for the last 90 days.'));
  const report = h('div', { id: 'performance-report', 'aria-live': 'polite' });
  clear(container, form, report);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });

  async function load() {
    clearErrors(form);
    const bad = dateErrors([from, to]);
    if (bad.length) {
      showErrors(form, bad);
      return;
    }
    const p = new URLSearchParams();
    if (from.value) {
      p.set('from', from.value.trim());
    }
    if (to.value) {
      p.set('to', to.value.trim());
    }
    try {
      const { data } = await api('GET', `/api/v1/install-code-requests/performance?${p}`);
      draw(data);
    } catch (e) {
      showProblem(form, e);
    }
  }

  function draw(data) {
    const heads = ['Who answered', 'Requests', 'Answered in time', 'Answered late', 'Open, not yet due',
      'Open and overdue', 'Withdrawn or cancelled', 'In time, of those due'];
    const rows = data.items.map((l) => {
      const due = l.answeredInTime + l.answeredLate + l.openOverdue;
      const share = due ? `${Math.round((100 * l.answeredInTime) / due)}% (${l.answeredInTime} of ${due})` : 'none due yet';
      const who = l.direction === 'RAISED' ? `${l.supplier.name}, answering us` : `We, answering ${l.supplier.name}`;
      return h('tr', { dataset: { direction: l.direction, supplier: l.supplier.code } },
          h('th', { scope: 'row' }, who),
          [l.requests, l.answeredInTime, l.answeredLate, l.openInTime, l.openOverdue, l.closed]
              .map((n) => h('td', { class: 'num' }, String(n))),
          h('td', { class: 'num' }, share));
    });
    clear(report, h('div', { class: 'table-wrap' }, h('table', { id: 'performance-table' },
        h('caption', {}, `Requests raised ${day(data.from)} to ${day(data.to)}`),
        h('thead', {}, h('tr', {}, heads.map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: heads.length }, 'No requests in this period.'))))));
  }

  load();
}
