// The issue form for one meter: choose a command, fill its fields (checked as the API checks them), preview
// what it will do, then issue it with an Idempotency-Key, kept for the same request so a retry after a lost
// answer can never make a second code. 201 opens the read-out view; 202 says it waits for approval.
import { api, uuid } from './api.js';
import { announce, badge, clear, h } from './dom.js';
import { COMMANDS, byName, loadCommands, renderFields } from './commands.js';
import { clearErrors, field, showErrors, showProblem, summaryBox } from './forms.js';
import { renderPreview } from './preview.js';

/**
 * What people type, made into what the form checks: '£20' and '1,000' are amounts; '2026-12-01 06:00' is a
 * date and time; '2330' and '9:30' are times.
 */
function forgive(controls) {
  Object.values(controls).forEach((c) => {
    if (c.tagName !== 'INPUT' || c.type !== 'text') {
      return;
    }
    const v = c.value.trim();
    if (c.inputMode === 'decimal') {
      c.value = v.replace(/^£\s*/, '').replace(/,(?=\d{3}\b)/g, '');
    } else if (c.placeholder === 'HH:MM') {
      const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(v);
      c.value = m ? `${m[1].padStart(2, '0')}:${m[2]}` : v;
    } else if (c.placeholder === 'YYYY-MM-DD HH:MM') {
      c.value = v.replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(:\d{2})?$/,
          (all, d, hh, mm) => `${d}T${hh.padStart(2, '0')}:${mm}`);
    }
  });
}

/** An error as what to type: 'Enter an amount in pounds, such as 12.34' rather than 'amount abc is out of range'. */
function inWords(error, controls) {
  const name = error.field.replace(/^parameters\./, '');
  const control = controls[name];
  const label = control && control.labels && control.labels[0] ? control.labels[0].textContent.replace(/ \(.*\)$/, '')
    : name;
  if (/^missing parameter /.test(error.message)) {
    return { ...error, message: `Enter the ${label.toLowerCase()}` };
  }
  const raw = control ? control.value.trim() : '';
  if (control && control.inputMode === 'decimal' && !/^\d*(\.\d*)?$/.test(raw)) {
    const inPence = /\(p\//.test(control.labels && control.labels[0] ? control.labels[0].textContent : '');
    const what = inPence ? 'a price in pence, such as 24.862' : 'an amount in pounds, such as 12.34';
    return { ...error, message: raw.startsWith('-') ? `Enter ${what}, without a minus sign` : `Enter ${what}` };
  }
  if (control && control.placeholder === 'HH:MM' && !/^\d{2}:\d{2}$/.test(raw)) {
    return { ...error, message: 'Enter a 24-hour time such as 23:30' };
  }
  return error;
}

/**
 * Draws the form into `container`. `onIssued(code, status)` is called after each issue; `readoutUrl(code)`
 * gives the read-out page for a released code.
 */
export async function issueForm(container, meterId, { onIssued, readoutUrl }) {
  await loadCommands();
  const command = h('select', {}, COMMANDS.map((c) => h('option', { value: c.name },
      `${c.label} (${c.digits} digits)`)));
  const fields = h('div', { id: 'command-fields' });
  const reason = h('textarea', { rows: 2, maxlength: 500 });
  const previewButton = h('button', { type: 'submit', class: 'button', id: 'preview-button' }, 'Preview');
  const form = h('form', { id: 'issue-form', novalidate: true },
      summaryBox(),
      field({ label: 'Command', control: command, apiField: 'command', id: 'issue-command' }),
      fields,
      field({ label: 'Reason', control: reason, apiField: 'reason', id: 'issue-reason',
        hint: 'Why the code is needed; kept in the audit log, e.g. customer rang: no WAN' }),
      h('div', { class: 'actions' }, previewButton));
  const outcome = h('div', { id: 'issue-outcome' });
  clear(container, form, outcome);

  let current = renderFields(fields, byName(command.value), 'param');
  let pending = null; // {body, key} of the previewed request, until the form changes

  // A draft of the form lives in this tab's sessionStorage until the code is issued: a sign-in again, a reload
  // or a look at another meter never loses a typed amount or reason.
  const draftKey = `lifeline.console.draft.${meterId}`;
  const saveDraft = () => sessionStorage.setItem(draftKey, JSON.stringify(
      { command: command.value, values: current.read(), reason: reason.value }));
  const draft = JSON.parse(sessionStorage.getItem(draftKey) || 'null');
  if (draft && byName(draft.command)) {
    command.value = draft.command;
    current = renderFields(fields, byName(command.value), 'param');
    Object.entries(draft.values || {}).forEach(([name, value]) => {
      const control = current.controls[name];
      if (!control) {
        return;
      }
      if (control.type === 'checkbox') {
        control.checked = value === 'true';
      } else if (typeof value === 'string' && !(name === 'days' && draft.values.daysCustom)) {
        control.value = value;
      }
    });
    reason.value = draft.reason || '';
    fields.dispatchEvent(new Event('change'));
  }
  form.addEventListener('input', saveDraft);
  form.addEventListener('change', saveDraft);

  const forget = () => {
    if (pending) {
      pending = null;
      clear(outcome);
    }
  };
  command.addEventListener('change', () => {
    clearErrors(form);
    current = renderFields(fields, byName(command.value), 'param');
    forget();
  });
  form.addEventListener('input', forget);
  form.addEventListener('change', (e) => {
    if (e.target !== command) {
      forget();
    }
  });

  const request = () => {
    clearErrors(form);
    forgive(current.controls);
    const checked = current.check();
    const errors = checked.errors ? checked.errors.map((e) => inWords(e, current.controls)) : [];
    if (!reason.value.trim()) {
      errors.push({ field: 'reason', message: 'Give a reason: it is kept in the audit log' });
    }
    if (errors.length) {
      showErrors(form, errors, { title: 'Check the highlighted fields' });
      return null;
    }
    return { command: command.value, parameters: checked.parameters, reason: reason.value.trim() };
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = request();
    if (!body) {
      return;
    }
    previewButton.disabled = true;
    try {
      const { data } = await api('POST', `/api/v1/meters/${encodeURIComponent(meterId)}/codes/preview`, { body });
      pending = { body, key: uuid() };
      showPreview(data);
    } catch (e) {
      showProblem(form, e);
    } finally {
      previewButton.disabled = false;
    }
  });

  function showPreview(preview) {
    const label = byName(preview.command).label;
    const allowed = !preview.issuable || preview.issuable.allowed;
    const issueButton = h('button', { type: 'button', class: 'button', id: 'issue-button', disabled: !allowed },
        preview.approval && preview.approval.required ? 'Ask for approval' : 'Issue code');
    const change = h('button', { type: 'button', class: 'button secondary' }, 'Change the request');
    change.addEventListener('click', () => {
      forget();
      command.focus();
    });
    issueButton.addEventListener('click', () => issue(issueButton));
    clear(outcome, renderPreview(preview, label), h('div', { class: 'actions' }, issueButton, change));
    outcome.querySelector('#preview-heading').focus();
  }

  async function issue(button) {
    if (!pending) {
      return;
    }
    button.disabled = true;
    const { body, key } = pending;
    try {
      const { status, data } = await api('POST', `/api/v1/meters/${encodeURIComponent(meterId)}/codes`,
          { body, headers: { 'Idempotency-Key': key } });
      pending = null;
      sessionStorage.removeItem(draftKey);
      onIssued(data, status);
      if (status === 201 && data.digits) {
        location.assign(readoutUrl(data));
        return;
      }
      clear(outcome, h('div', { class: 'alert warn', id: 'issue-result', tabindex: '-1' },
          h('h3', {}, 'Waiting for approval'),
          h('p', {}, 'The code is made (counter ', String(data.counter), ') and is ', badge(data.status),
              '. Its digits appear in the history and the read-out view once a supervisor other than you approves it.'),
          data.approval && data.approval.reasons ? h('ul', {}, data.approval.reasons.map((r) => h('li', {}, r))) : null,
          h('p', {}, h('a', { href: readoutUrl(data) }, 'Open the read-out view to wait for it'))));
      announce('The code waits for a supervisor’s approval');
      outcome.querySelector('#issue-result').focus();
    } catch (e) {
      if (e.status === 0) {
        // The answer was lost: the same key makes a retry safe.
        button.textContent = 'Try again (safe: the same request)';
        showErrors(form, [], { title: e.title, detail: e.message });
      } else {
        pending = null;
        clear(outcome);
        showProblem(form, e);
      }
    } finally {
      button.disabled = false;
    }
  }

  return { form, focus: () => command.focus() };
}
