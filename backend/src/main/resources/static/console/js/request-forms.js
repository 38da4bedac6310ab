// Asking for install codes: one device (by its EUI-64 or its MPAN/MPRN), or a CSV file of them. An upload is
// all or nothing: with any bad row nothing is created, the bad rows are listed, and only an explicit "request
// the valid rows" sends the same file again keeping the good ones.
import { api } from './api.js';
import { announce, clear, day, h, plural } from './dom.js';
import { clearErrors, field, showErrors, showProblem, summaryBox } from './forms.js';

const MAX_BYTES = 1024 * 1024;
const ROW_WORDS = {
  'malformed-row': 'Malformed row',
  'duplicate-row': 'Repeats an earlier row',
  'unknown-device': 'Not a device you supply',
  mismatch: 'Device and MPAN/MPRN are different meters',
  'already-requested': 'Already requested',
  'already-commissioned': 'Already commissioned: no code needed',
  'own-install': 'You installed it: reveal the code instead',
  'installer-unknown': 'Installer not known to Lifeline',
  'code-already-released': 'Already released to you: reveal it',
};
const REVEAL_HINT = ['own-install', 'code-already-released'];

function outcomeBox(kind, title, ...children) {
  return h('div', { class: `alert ${kind}`, tabindex: '-1' },
      h('h3', {}, title), children);
}

function showOutcome(target, box) {
  clear(target, box);
  box.focus();
  announce(box.querySelector('h3').textContent);
}

/** The form for one request. `raised()` is told of each new one. */
export function raiseForm(container, { raised }) {
  const device = h('input', { type: 'text', class: 'mono', autocomplete: 'off', spellcheck: 'false', maxlength: 40 });
  const mpxn = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 30 });
  const note = h('textarea', { rows: 2, maxlength: 500 });
  const button = h('button', { type: 'submit', class: 'button', id: 'raise-button' }, 'Ask for the install code');
  const form = h('form', { novalidate: true, id: 'raise-form' }, summaryBox(),
      h('p', {}, 'Give the device ID, or the MPAN or MPRN of its meter, or both (they must be the same meter).'),
      field({ label: 'Device ID (EUI-64)', control: device, apiField: 'deviceId', id: 'raise-device',
        hint: '16 hex digits, for example 00DB1234567800E1' }),
      field({ label: 'MPAN or MPRN', control: mpxn, apiField: 'mpxn', id: 'raise-mpxn',
        hint: 'The 13-digit MPAN core, or the MPRN' }),
      field({ label: 'Note (optional)', control: note, apiField: 'note', id: 'raise-note',
        hint: 'Shown to the other supplier, for example: gained 1 May; no WAN yet' }),
      h('div', { class: 'actions' }, button));
  const outcome = h('div', { id: 'raise-outcome' });
  clear(container, form, outcome);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    clear(outcome);
    const deviceId = device.value.replace(/[\s-]/g, '');
    const number = mpxn.value.replace(/\s/g, '');
    const errors = [];
    if (!deviceId && !number) {
      errors.push({ field: 'deviceId', message: 'Give a device ID or an MPAN or MPRN' });
    }
    if (deviceId && !/^[0-9A-Za-z]{16}$/.test(deviceId)) {
      errors.push({ field: 'deviceId', message: 'A device ID is 16 characters, for example 00DB1234567800E1' });
    }
    if (number && !/^[0-9]{6,13}$/.test(number)) {
      errors.push({ field: 'mpxn', message: 'An MPAN core is 13 digits; an MPRN 6 to 10' });
    }
    if (errors.length) {
      showErrors(form, errors, { title: 'Check the highlighted fields' });
      return;
    }
    button.disabled = true;
    try {
      const { data } = await api('POST', '/api/v1/install-code-requests', { body: {
        deviceId: deviceId || undefined, mpxn: number || undefined, note: note.value.trim() || undefined } });
      form.reset();
      showOutcome(outcome, outcomeBox('ok', 'Request raised',
          h('p', {}, `${data.responder.name} is asked for the install code of ${data.deviceId}. They must answer by `
              + `${day(data.dueOn)} (ten working days).`)));
      raised(data);
    } catch (e) {
      showProblem(form, e);
      if (REVEAL_HINT.includes(e.code)) {
        clear(outcome, h('p', {}, 'The code can be revealed by a supervisor or operations on the ',
            h('a', { href: `/console/devices.html#device=${encodeURIComponent(deviceId)}` }, 'device page'), '.'));
      }
    } finally {
      button.disabled = false;
    }
  });
}

/** The CSV upload, with its row-by-row report and the explicit choice to keep the valid rows. */
export function bulkForm(container, { raised }) {
  const file = h('input', { type: 'file', accept: '.csv,text/csv' });
  const button = h('button', { type: 'submit', class: 'button', id: 'bulk-button' }, 'Check and upload');
  const form = h('form', { novalidate: true, id: 'bulk-form' }, summaryBox(),
      field({ label: 'CSV file', control: file, apiField: 'file', id: 'bulk-file',
        hint: 'A header row naming deviceId and/or mpxn (and note if you like), then one device per row: at most '
            + '5,000 rows and 1 MB. If any row is bad, nothing is created until you choose.' }),
      h('div', { class: 'actions' }, button));
  const outcome = h('div', { id: 'bulk-outcome' });
  clear(container, form, outcome);
  let sent = null; // the text of the file last checked, kept only to send the same rows again
  file.addEventListener('change', () => {
    sent = null;
    clear(outcome);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    clear(outcome);
    const chosen = file.files[0];
    if (!chosen) {
      showErrors(form, [{ field: 'file', message: 'Choose a CSV file' }]);
      return;
    }
    if (chosen.size > MAX_BYTES) {
      showErrors(form, [{ field: 'file', message: 'The file is over 1 MB: split it into smaller files' }]);
      return;
    }
    sent = await chosen.text();
    await upload(false);
  });

  async function upload(keepValidRows) {
    button.disabled = true;
    try {
      const { data } = await api('POST', `/api/v1/install-code-requests/bulk?keepValidRows=${keepValidRows}`,
          { raw: sent, headers: { 'Content-Type': 'text/csv' } });
      sent = null;
      form.reset();
      const skipped = data.rejected || [];
      showOutcome(outcome, outcomeBox('ok', `${plural(data.created.length, 'request')} raised`
          + (skipped.length ? `; ${plural(skipped.length, 'row')} skipped` : ''),
      h('p', {}, 'Each is due ten working days from today; follow them under “Requests you raised”.'),
      skipped.length ? rowTable(skipped, 'Rows skipped') : null));
      raised();
    } catch (e) {
      if (e.code === 'bulk-upload-rejected') {
        rejected(e, keepValidRows);
      } else {
        sent = null;
        showProblem(form, e);
      }
    } finally {
      button.disabled = false;
    }
  }

  function rejected(e, keepValidRows) {
    const valid = e.problem.validRows || 0;
    const rows = e.problem.rows || [];
    const keep = h('button', { type: 'button', class: 'button', id: 'bulk-keep' },
        `Request the ${plural(valid, 'valid row')} only`);
    keep.addEventListener('click', () => upload(true));
    const drop = h('button', { type: 'button', class: 'button secondary', id: 'bulk-drop' }, 'Fix the file instead');
    drop.addEventListener('click', () => {
      sent = null;
      clear(outcome);
      file.value = '';
      file.focus();
    });
    showOutcome(outcome, outcomeBox('', `Nothing was created: ${plural(rows.length, 'row')} cannot be requested`,
        rowTable(rows, 'Rows that cannot be requested'),
        valid && !keepValidRows ? h('p', {}, `You can fix these rows and upload the file again, or request the other `
            + `${plural(valid, 'row')} now and leave these out.`) : h('p', {}, 'No row can be requested.'),
        valid && !keepValidRows ? h('div', { class: 'actions' }, keep, drop) : null));
  }
}

function rowTable(rows, caption) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'row-errors' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ['Row', 'Problem', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((r) => h('tr', { dataset: { row: r.row, code: r.code } },
          h('td', {}, h('span', {}, String(r.row)), h('br'),
              h('span', { class: 'muted' }, `line ${r.row + 1} of the file`)),
          h('td', {}, ROW_WORDS[r.code] || r.code),
          h('td', {}, r.message))))));
}
