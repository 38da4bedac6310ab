// The issue form for one meter: choose a command, fill its fields (checked as the API checks them), preview
// what it will do, then issue it with an Idempotency-Key, kept for the same request so a retry after a lost
// answer can never make a second code. 201 opens the read-out view; 202 says it waits for approval.
import { api, uuid } from './api.js';
import { announce, badge, clear, h } from './dom.js';
import { COMMANDS, byName, loadCommands, renderFields } from './commands.js';
import { clearErrors, field, showErrors, showProblem, summaryBox } from './forms.js';
import { renderPreview } from './preview.js';

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
    const checked = current.check();
    const errors = checked.errors ? [...checked.errors] : [];
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
