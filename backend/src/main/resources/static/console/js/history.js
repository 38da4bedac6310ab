// A meter's codes, newest first, with their live status: polled every few seconds while the page is visible,
// announcing changes. Released codes link to the read-out view; outstanding ones can be cancelled.
import { api } from './api.js';
import { announce, badge, clear, clock, h, plural, redraw, repeat, when } from './dom.js';
import { askReason } from './dialog.js';
import { commandWords } from './words.js';
import { showAttempts } from './attempts.js';

const CANCELLABLE = ['ISSUED', 'PENDING_APPROVAL', 'DELIVERED'];
/** Codes that may still be read out: released and not cancelled, expired or already used. */
const READABLE = ['ISSUED', 'DELIVERED', 'ENTERED'];
const EVERY_MS = 5000;

export function historyView(container, meterId, { readoutUrl }) {
  const body = h('tbody');
  const status = h('p', { class: 'muted', id: 'history-status' }, 'Loading…');
  const error = h('div', { role: 'alert' });
  clear(container,
      h('h3', { id: 'history-heading' }, 'Codes for this meter'),
      error,
      h('div', { class: 'table-wrap' }, h('table', { id: 'history', 'aria-labelledby': 'history-heading' },
          h('thead', {}, h('tr', {}, ['Issued', 'What and why', 'Status', 'Campaign', 'Actions']
              .map((t) => h('th', { scope: 'col' }, t)))),
          body)),
      status);
  const seen = new Map();
  // names of issuers, approvers and cancellers; campaigns of campaign codes; who cancelled each cancelled code
  let who = { people: {}, campaigns: {}, cancelledBy: {} };

  async function refresh() {
    try {
      const [{ data }, context] = await Promise.all([
        api('GET', `/api/v1/meters/${encodeURIComponent(meterId)}/codes?page=0&size=20`),
        api('GET', `/api/v1/console/meters/${encodeURIComponent(meterId)}/code-people`)]);
      who = context.data;
      clear(error);
      // Unchanged, the table is left alone: an agent's place on a Cancel button is not taken away.
      redraw(body, [data.items, who], () => draw(data));
      status.textContent = `${plural(data.totalItems, 'code')} in all; showing the newest ${data.items.length}. `
          + `Status updated ${clock(new Date())}, every ${EVERY_MS / 1000} seconds.`;
    } catch (e) {
      clear(error, h('p', { class: 'alert' }, `Could not load the codes: ${e.message}`));
    }
  }

  function draw(page) {
    const changes = [];
    clear(body, ...page.items.map((code) => {
      const before = seen.get(code.id);
      if (before && before !== code.status) {
        changes.push(`Code with counter ${code.counter} is now ${code.status.replace(/_/g, ' ').toLowerCase()}`);
      }
      seen.set(code.id, code.status);
      return row(code);
    }));
    if (!page.items.length) {
      body.append(h('tr', {}, h('td', { colspan: 5 }, 'No codes yet.')));
    }
    if (changes.length) {
      announce(changes.join('. '));
    }
  }

  function row(code) {
    const note = code.resultReason || code.cancelReason;
    const actions = [];
    if (code.digits && READABLE.includes(code.status)) {
      actions.push(h('a', { class: 'button small secondary', href: readoutUrl(code),
        'aria-label': `Read out the code with counter ${code.counter}` }, 'Read out'));
    }
    if (code.status !== 'PENDING_APPROVAL') {
      actions.push(h('button', { type: 'button', class: 'button small secondary', onclick: () => showAttempts(code),
        'aria-label': `How the code with counter ${code.counter} reached the customer` }, 'Delivery'));
    }
    if (CANCELLABLE.includes(code.status)) {
      const cancel = h('button', { type: 'button', class: 'button small danger',
        'aria-label': `Cancel the code with counter ${code.counter}` }, 'Cancel');
      cancel.addEventListener('click', () => cancelCode(code));
      actions.push(cancel);
    }
    const campaign = who.campaigns[code.id];
    const approver = code.approval && code.approval.approvedBy;
    const canceller = who.cancelledBy[code.id];
    return h('tr', { dataset: { code: code.id, status: code.status } },
        h('td', {}, when(code.issuedAt), h('br'), h('span', { class: 'muted issued-by' },
            `by ${who.people[code.issuedBy] || 'a former user'}`)),
        h('td', {}, h('strong', { class: 'words' }, commandWords(code)), h('br'),
            h('span', { class: 'muted why' }, `Why: ${code.reason}`), h('br'),
            h('span', { class: 'muted' }, `Counter ${code.counter}`)),
        h('td', {}, badge(code.status),
            approver ? [h('br'), h('span', { class: 'muted approved-by' },
                `approved by ${who.people[approver] || 'a former user'} ${when(code.approval.approvedAt)}`)] : null,
            canceller ? [h('br'), h('span', { class: 'muted cancelled-by' },
                `${code.cancelReason && code.cancelReason.startsWith('refused') ? 'refused' : 'cancelled'} by `
                + `${who.people[canceller] || 'a former user'}`)] : null,
            note ? [h('br'), h('span', { class: 'muted note' }, note)] : null),
        h('td', { class: 'campaign' }, campaign ? campaign.title || (campaign.kind === 'NOTICE' ? 'Notice' : 'Price change')
          : h('span', { class: 'muted' }, 'none')),
        h('td', {}, h('div', { class: 'actions' }, actions)));
  }

  async function cancelCode(code) {
    const done = await askReason({
      title: 'Cancel this code?',
      intro: `${commandWords(code)} (counter ${code.counter}). A cancelled code must not be read out; `
          + 'if the customer has already typed it in, report the result instead.',
      label: 'Why cancel it', confirm: 'Cancel the code',
      send: (reason) => api('POST', `/api/v1/codes/${code.id}/cancel`, { body: { reason } }),
    });
    if (done) {
      announce('The code is cancelled');
      refresh();
    }
  }

  const poll = repeat(refresh, EVERY_MS);
  return { refresh, stop: () => poll.stop() };
}
