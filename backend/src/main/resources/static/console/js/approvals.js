// Codes waiting for a supervisor: approve or refuse, never one's own (the API answers four-eyes; the console
// does not offer it). Refreshed every few seconds.
import { api } from './api.js';
import { announce, clear, clock, h, redraw, repeat, when } from './dom.js';
import { commandWords } from './words.js';
import { askReason } from './dialog.js';

const EVERY_MS = 8000;

export function approvalsView(container, user, { readoutUrl }) {
  const list = h('ul', { class: 'results', id: 'approvals-list' });
  const status = h('p', { class: 'muted' }, 'Loading…');
  const message = h('div', { role: 'status', id: 'approvals-message' });
  clear(container,
      h('p', {}, 'Codes above an agent’s limits, and risky commands, wait here. Approving releases the digits to '
          + 'the requester; refusing cancels the code. You cannot approve your own requests.'),
      message, list, status);

  async function refresh() {
    try {
      const { data } = await api('GET', '/api/v1/console/pending-codes');
      // Unchanged, the list is left alone: a supervisor's place on an Approve button is not taken away.
      redraw(list, data.items, () => {
        clear(list, ...data.items.map(item));
        if (!data.items.length) {
          list.append(h('li', {}, 'Nothing is waiting for approval.'));
        }
      });
      status.textContent = `${data.items.length} waiting. Updated ${clock(new Date())}.`;
    } catch (e) {
      status.textContent = `Could not load the codes waiting for approval: ${e.message}`;
    }
  }

  function item(code) {
    const own = code.issuedBy === user.id;
    const what = commandWords(code);
    const approve = h('button', { type: 'button', class: 'button', 'aria-label': `Approve ${what} for ${code.customerName}` }, 'Approve');
    const refuse = h('button', { type: 'button', class: 'button danger', 'aria-label': `Refuse ${what} for ${code.customerName}` }, 'Refuse');
    const rowError = h('div', { role: 'alert' });
    approve.addEventListener('click', async () => {
      approve.disabled = true;
      try {
        const { data } = await api('POST', `/api/v1/codes/${code.id}/approve`);
        done(h('div', { class: 'alert ok', tabindex: '-1' }, h('h3', {}, 'Approved'),
            h('p', {}, `${what} for ${code.customerName} is released. `,
                h('a', { href: readoutUrl(data) }, 'Open its read-out view'))));
      } catch (e) {
        approve.disabled = false;
        clear(rowError, h('p', { class: 'alert' }, `${e.title}: ${e.message}`));
      }
    });
    refuse.addEventListener('click', async () => {
      const refused = await askReason({
        title: 'Refuse this code?', intro: `${what} for ${code.customerName}, asked for by ${code.requestedBy}.`,
        label: 'Why refuse it', confirm: 'Refuse the code',
        send: (reason) => api('POST', `/api/v1/codes/${code.id}/refuse`, { body: { reason } }),
      });
      if (refused) {
        done(h('div', { class: 'alert info', tabindex: '-1' }, h('h3', {}, 'Refused'),
            h('p', {}, `${what} for ${code.customerName} is cancelled.`)));
      }
    });
    return h('li', { dataset: { code: code.id } },
        h('p', { class: 'name' }, `${code.customerName} (${code.accountNumber})`),
        h('p', {}, h('strong', {}, what), ' – meter ', h('span', { class: 'mono' }, code.meterId),
            `, counter ${code.counter}`),
        h('p', {}, `Asked for by ${code.requestedBy} at ${when(code.issuedAt)}: “${code.reason}”`),
        h('ul', {}, (code.approvalReasons || []).map((r) => h('li', {}, r))),
        rowError,
        own ? h('p', { class: 'muted' }, 'Your own request: another supervisor must approve or refuse it.')
          : h('div', { class: 'actions' }, approve, refuse));
  }

  function done(note) {
    clear(message, note);
    note.focus();
    announce(note.querySelector('h3').textContent);
    refresh();
  }

  return repeat(refresh, EVERY_MS);
}
