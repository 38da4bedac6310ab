// A list of install-code requests, as one side sees them: those we must answer (OWED) or those we raised
// (RAISED). Due dates in words, overdue said in words, and what each side may do next: answer (release the code
// or 'not the installing party'), withdraw, escalate once overdue, and the way to reveal a released code.
import { api } from './api.js';
import { announce, badge, clear, clock, day, deviceWords, forgetDrawn, h, plural, redraw, repeat, when } from './dom.js';
import { askReason } from './dialog.js';
import { clearErrors, field, group, showProblem, summaryBox } from './forms.js';

const EVERY_MS = 30000;
const ACTORS = ['AGENT', 'SUPERVISOR', 'OPS'];
const REVEALERS = ['SUPERVISOR', 'OPS'];
const FILTERS = [['OPEN', 'Open'], ['OVERDUE', 'Overdue'], ['RELEASED', 'Released'], ['ALL', 'All']];

/** 'Due Wednesday 20 May 2026: 4 working days left', or how late it is, or when it was answered. */
export function dueText(r) {
  if (r.status !== 'OPEN') {
    if (!r.answeredAt) {
      return `Was due ${day(r.dueOn)}`;
    }
    return `Answered ${when(r.answeredAt)}, ${r.answeredInTime ? 'in time' : 'late'} (due ${day(r.dueOn)})`;
  }
  const left = r.workingDaysLeft;
  if (r.overdue) {
    const late = left === undefined || left === null ? '' : `: ${plural(-left, 'working day')} late`;
    return `Overdue: was due ${day(r.dueOn)}${late}`;
  }
  if (left === 0) {
    return `Due today, ${day(r.dueOn)}: the last day to answer in time`;
  }
  return `Due ${day(r.dueOn)}: ${plural(left, 'working day')} left`;
}

/** The overdue marker: a word and a symbol, not a colour alone. */
export function overdueMark() {
  return h('strong', { class: 'badge overdue' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), 'Overdue');
}

export function requestList(container, user, direction) {
  const show = h('select', { id: `${direction}-show` }, FILTERS.map(([value, label]) => h('option', { value }, label)));
  const list = h('ul', { class: 'results', id: `${direction}-list` });
  const status = h('p', { class: 'muted', id: `${direction}-status`, role: 'status' }, 'Loading…');
  const message = h('div', { id: `${direction}-message` });
  const label = direction === 'OWED' ? 'Show requests to answer' : 'Show requests you raised';
  clear(container, h('div', { class: 'inline-form' }, field({ label, control: show })), message, list, status);
  show.addEventListener('change', refresh);

  async function refresh() {
    const p = new URLSearchParams({ direction, size: '50' });
    if (show.value === 'OVERDUE') {
      p.set('overdue', 'true');
    } else if (show.value !== 'ALL') {
      p.set('status', show.value);
    }
    try {
      const { data } = await api('GET', `/api/v1/install-code-requests?${p}`);
      // An answer form being filled in is not thrown away by a refresh.
      if (list.querySelector('form')) {
        return;
      }
      // Overdue ones first: they are the ones to act on.
      const items = [...data.items.filter((r) => r.overdue), ...data.items.filter((r) => !r.overdue)];
      redraw(list, [items, direction], () => {
        clear(list, ...items.map(item));
        if (!data.items.length) {
          list.append(h('li', {}, direction === 'OWED' ? 'No requests to answer here.' : 'No requests here.'));
        }
      });
      const shown = data.total > data.items.length ? `; showing the newest ${data.items.length}` : '';
      const overdue = data.items.filter((r) => r.overdue).length;
      status.textContent = `${plural(data.total, 'request')}${shown}`
          + `${overdue && show.value !== 'OVERDUE' ? `, ${overdue} overdue` : ''}. Updated ${clock(new Date())}.`;
    } catch (e) {
      status.textContent = `Could not load the requests: ${e.message}`;
    }
  }

  function item(r) {
    const other = direction === 'OWED' ? `Asked by ${r.requester.name}`
      : `Asked of ${r.responder.name} (${r.routedTo === 'LOSING_SUPPLIER' ? 'the supplier we gained it from: '
          + 'Lifeline has no install record' : 'the installing supplier'})`;
    const notes = [
      r.note ? `Note: “${r.note}”` : null,
      r.answerNote ? `Answer: “${r.answerNote}”` : null,
      r.escalatedAt ? `Escalated ${when(r.escalatedAt)}: “${r.escalationNote}”` : null,
      r.closedReason ? `Closed: ${r.closedReason}` : null,
    ].filter(Boolean);
    return h('li', { dataset: { request: r.id, device: r.deviceId, status: r.status },
      class: r.overdue ? 'overdue' : null },
    h('p', { class: 'name' }, `${deviceWords(r.deviceType)} `, h('span', { class: 'mono' }, r.deviceId)),
    h('p', {}, badge(r.status), ' ', r.overdue ? overdueMark() : null, ' ',
        r.mpxn ? `MPAN/MPRN ${r.mpxn}, ` : '', r.postcode || ''),
    h('p', {}, `${other}. Raised ${when(r.requestedAt)}.`),
    h('p', { class: r.overdue ? 'due late' : 'due' }, dueText(r)),
    notes.length ? h('ul', {}, notes.map((n) => h('li', {}, n))) : null,
    h('div', { class: 'actions' }, actions(r)));
  }

  function actions(r) {
    const may = ACTORS.includes(user.role);
    const out = [];
    const about = `the request for ${r.deviceId}`;
    if (direction === 'OWED' && r.status === 'OPEN' && may) {
      out.push(button('Answer', `Answer ${about}`, (b) => answerForm(r, b)));
    }
    if (direction === 'RAISED' && r.status === 'OPEN' && may) {
      out.push(button('Withdraw', `Withdraw ${about}`, () => withdraw(r), 'danger'));
      if (r.overdue && REVEALERS.includes(user.role) && !r.escalatedAt) {
        out.push(button('Escalate', `Escalate ${about}`, () => escalate(r)));
      }
    }
    if (direction === 'RAISED' && r.installCodeAvailable) {
      out.push(REVEALERS.includes(user.role)
        ? h('a', { class: 'button small', href: `/console/devices.html#device=${encodeURIComponent(r.deviceId)}`,
          'aria-label': `Reveal the install code of ${r.deviceId}` }, 'Reveal the install code')
        : h('p', { class: 'muted' }, 'Released: a supervisor or operations can reveal the code.'));
    }
    return out;
  }

  function button(text, label, onClick, kind = '') {
    const b = h('button', { type: 'button', class: `button small ${kind}`, 'aria-label': label }, text);
    b.addEventListener('click', () => onClick(b));
    return b;
  }

  async function withdraw(r) {
    const done = await askReason({
      title: 'Withdraw this request?',
      intro: `${r.responder.name} will no longer be asked for the install code of ${r.deviceId}.`,
      label: 'Why withdraw it', confirm: 'Withdraw the request',
      send: (reason) => api('POST', `/api/v1/install-code-requests/${r.id}/withdraw`, { body: { reason } }),
    });
    if (done) {
      said('Withdrawn', `The request for ${r.deviceId} is withdrawn.`);
    }
  }

  async function escalate(r) {
    const done = await askReason({
      title: 'Escalate this overdue request?', danger: false, apiField: 'note',
      intro: `${r.responder.name} has not answered by ${day(r.dueOn)}. The escalation is recorded and shown to both `
          + 'suppliers; contact SECAS or the supplier by your usual route as well (Lifeline sends no email).',
      label: 'What you did', hint: 'For example: chased by email 21 May; escalating to our SECAS contact',
      confirm: 'Record the escalation',
      send: (note) => api('POST', `/api/v1/install-code-requests/${r.id}/escalate`, { body: { note } }),
    });
    if (done) {
      said('Escalated', `The escalation of the request for ${r.deviceId} is recorded.`);
    }
  }

  async function answerForm(r, opener) {
    const n = r.id.slice(0, 8);
    const radios = [['RELEASED', 'Release the install code'],
      ['NOT_INSTALLING_PARTY', 'We are not the installing party: we did not install this device']]
      .map(([value, label], i) => h('label', { class: 'check' },
          h('input', { type: 'radio', name: `outcome-${n}`, value, checked: i === 0 }), label));
    const outcome = group({ legend: 'Your answer', controls: radios, apiField: 'outcome', id: `answer-outcome-${n}` });
    const code = h('input', { type: 'text', class: 'mono', autocomplete: 'off', spellcheck: 'false', maxlength: 100 });
    const codeField = field({ label: 'Install code (only when Lifeline does not hold it)', control: code,
      apiField: 'installCode', id: `answer-code-${n}`,
      hint: 'Hex digits with the 2-byte CRC at the end, spaces allowed, for example 83FE D340 7A93 9723 A5C6 39B2 '
          + '6916 D505 C3B5. Leave it empty to release the code Lifeline holds.' });
    const held = h('p', { class: 'muted', id: `answer-held-${n}` });
    const note = h('textarea', { rows: 2, maxlength: 500 });
    const send = h('button', { type: 'submit', class: 'button' }, 'Send the answer');
    const back = h('button', { type: 'button', class: 'button secondary' }, 'Cancel');
    const form = h('form', { novalidate: true, class: 'panel', id: `answer-form-${n}`, 'aria-label': `Answer the request for ${r.deviceId}` },
        summaryBox(), outcome, held, codeField,
        field({ label: 'Note to the requester (optional)', control: note, apiField: 'note', id: `answer-note-${n}` }),
        h('div', { class: 'actions' }, send, back));
    opener.closest('.actions').replaceWith(form);
    outcome.addEventListener('change', () => {
      codeField.hidden = outcome.querySelector('input:checked').value !== 'RELEASED';
      held.hidden = codeField.hidden;
    });
    back.addEventListener('click', () => {
      // The form took the place of the row's buttons: the list is drawn again even if nothing in it changed.
      form.remove();
      forgetDrawn(list);
      refresh();
      document.getElementById(`${direction}-show`).focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const chosen = outcome.querySelector('input:checked').value;
      const body = { outcome: chosen, note: note.value.trim() || null };
      if (chosen === 'RELEASED' && code.value.trim()) {
        body.installCode = code.value.trim();
      }
      send.disabled = true;
      try {
        await api('POST', `/api/v1/install-code-requests/${r.id}/answer`, { body });
        form.remove();
        forgetDrawn(list);
        code.value = '';
        said('Answered', chosen === 'RELEASED' ? `The install code of ${r.deviceId} is released to ${r.requester.name}.`
          : `${r.requester.name} is told we are not the installing party for ${r.deviceId}.`);
      } catch (e) {
        showProblem(form, e);
      } finally {
        send.disabled = false;
      }
    });
    radios[0].querySelector('input').focus();
    // Whether Lifeline holds the code already decides whether one must be typed in.
    try {
      const { data } = await api('GET', `/api/v1/devices/${encodeURIComponent(r.deviceId)}/commissioning`);
      held.textContent = data.installCodeHeld
        ? 'Lifeline holds the install code your supplier recorded: releasing sends it without showing it to you.'
        : 'Lifeline holds no install code for this device: type it in to release it.';
    } catch {
      held.textContent = 'Lifeline has no install record of ours for this device: type the code in to release it.';
    }
  }

  function said(title, text) {
    const note = h('div', { class: 'alert ok', tabindex: '-1' }, h('h3', {}, title), h('p', {}, text));
    clear(message, note);
    note.focus();
    announce(`${title}. ${text}`);
    refresh();
  }

  const poll = repeat(refresh, EVERY_MS);
  return { refresh, stop: () => poll.stop() };
}
