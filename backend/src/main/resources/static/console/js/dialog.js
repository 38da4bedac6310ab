// A modal that asks for a reason (cancel a code, refuse an approval, cancel a campaign, reveal an install code)
// and sends it. The API's errors stay in the dialog, next to the reason field, until it works or the user backs
// out. Esc backs out.
import { h } from './dom.js';
import { clearErrors, field, showErrors, showProblem, summaryBox } from './forms.js';

let count = 0;

/**
 * Resolves with what `send(reason)` resolved with, or null if the user backed out. `send` may throw an
 * ApiError; it is shown in the dialog. `apiField` is the API's name for the text (its field errors land next
 * to it); with `optional` an empty text is sent as ''.
 */
export function askReason({ title, intro, label, hint, confirm, danger = true, send, apiField = 'reason',
  optional = false }) {
  const n = ++count;
  const opener = document.activeElement;
  const reason = h('textarea', { rows: 3, maxlength: 500, 'data-field': apiField });
  const back = h('button', { type: 'button', class: 'button secondary' }, 'Go back');
  const form = h('form', { novalidate: true, method: 'dialog' },
      h('h2', { id: `dialog-title-${n}` }, title),
      intro ? h('p', {}, intro) : null,
      summaryBox(),
      field({ label, control: reason, hint, apiField, id: `dialog-reason-${n}` }),
      h('div', { class: 'actions' },
          h('button', { type: 'submit', class: `button ${danger ? 'danger' : ''}` }, confirm), back));
  const dialog = h('dialog', { 'aria-labelledby': `dialog-title-${n}` }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let result = null;
    const done = () => {
      dialog.remove();
      if (opener && opener.isConnected) {
        opener.focus();
      }
      resolve(result);
    };
    dialog.addEventListener('close', done);
    back.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      if (!optional && !reason.value.trim()) {
        showErrors(form, [{ field: apiField, message: 'Give a reason: it is kept in the audit log' }]);
        return;
      }
      const buttons = form.querySelectorAll('button');
      buttons.forEach((b) => { b.disabled = true; });
      try {
        result = await send(reason.value.trim());
        dialog.close();
      } catch (e) {
        showProblem(form, e);
      } finally {
        buttons.forEach((b) => { b.disabled = false; });
      }
    });
    dialog.showModal();
    reason.focus();
  });
}
