// Changes of supplier: operations of the gaining supplier records one (after being told, in plain words, what
// it ends and cancels for the losing supplier), and supervisors, operations and administrators see the premises
// gained and lost.
import { api } from './api.js';
import { announce, clear, day, deviceWords, h, plural, when } from './dom.js';
import { clearErrors, dateErrors, dateInput, field, isoDate, showErrors, showProblem, summaryBox } from './forms.js';

/** Why our codes for a device are blocked, in words. */
export const BLOCK_WORDS = {
  SUPPLY_ENDED: 'Blocked: the premises moved to another supplier.',
  AWAITING_CREDENTIALS: 'Blocked: the meter still trusts the losing supplier’s key until our credentials are on it '
      + '(at commissioning, or the DCC’s change-of-supplier credential update).',
};

function today() {
  return new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}

export function switchForm(container, { recorded }) {
  const losing = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 40 });
  const mpxns = h('input', { type: 'text', autocomplete: 'off', maxlength: 120 });
  const on = dateInput({ value: today() });
  const account = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 40 });
  const name = h('input', { type: 'text', autocomplete: 'off', maxlength: 200 });
  const phone = h('input', { type: 'tel', autocomplete: 'off', maxlength: 30 });
  const check = h('button', { type: 'submit', class: 'button', id: 'switch-check' }, 'Continue');
  const form = h('form', { novalidate: true, id: 'switch-form-el' }, summaryBox(),
      h('h3', {}, 'Record a premises we have gained'),
      h('p', {}, 'In production this comes from the Central Switching Service; here operations enters it. The whole '
          + 'premises moves: both fuels, the hub and the prepayment display.'),
      field({ label: 'Losing supplier', control: losing, apiField: 'losingSupplier', id: 'switch-losing',
        hint: 'Its Lifeline code, for example northern-power' }),
      field({ label: 'MPANs and MPRNs at the premises', control: mpxns, apiField: 'mpxns', id: 'switch-mpxns',
        hint: 'One or more, separated by commas; all must be at one premises of the losing supplier' }),
      field({ label: 'Effective on', control: on, apiField: 'effectiveOn', id: 'switch-on', hint: 'Not in the future' }),
      field({ label: 'Our account number', control: account, apiField: 'account.accountNumber', id: 'switch-account',
        hint: 'An existing account of ours, or a new one (then give the name)' }),
      field({ label: 'Customer’s name (for a new account)', control: name, apiField: 'account.name', id: 'switch-name' }),
      field({ label: 'Customer’s phone (optional)', control: phone, apiField: 'account.phone', id: 'switch-phone' }),
      h('div', { class: 'actions' }, check));
  const outcome = h('div', { id: 'switch-outcome' });
  clear(container, form, outcome);
  let body = null;
  const forget = () => {
    body = null;
    clear(outcome);
  };
  form.addEventListener('input', forget);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const numbers = mpxns.value.split(/[,;\n]/).map((m) => m.replace(/\s/g, '')).filter(Boolean);
    const errors = [];
    if (!losing.value.trim()) {
      errors.push({ field: 'losingSupplier', message: 'Give the losing supplier’s code' });
    }
    if (!numbers.length) {
      errors.push({ field: 'mpxns', message: 'Give at least one MPAN or MPRN' });
    }
    if (!on.value.trim()) {
      errors.push({ field: 'effectiveOn', message: 'Give the date the change took effect' });
    } else if (!isoDate(on.value)) {
      errors.push(...dateErrors([on]));
    }
    if (!account.value.trim()) {
      errors.push({ field: 'account.accountNumber', message: 'Give our account number for the customer' });
    }
    if (errors.length) {
      showErrors(form, errors, { title: 'Check the highlighted fields' });
      return;
    }
    body = { losingSupplier: losing.value.trim(), mpxns: numbers, effectiveOn: on.value,
      account: { accountNumber: account.value.trim(), name: name.value.trim() || null, phone: phone.value.trim() || null } };
    confirm(body);
  });

  function confirm(what) {
    const go = h('button', { type: 'button', class: 'button danger', id: 'switch-record' }, 'Record the change of supplier');
    const back = h('button', { type: 'button', class: 'button secondary' }, 'Change it');
    back.addEventListener('click', () => {
      forget();
      losing.focus();
    });
    go.addEventListener('click', async () => {
      go.disabled = true;
      try {
        const { data } = await api('POST', '/api/v1/change-of-supplier', { body: what });
        form.reset();
        on.value = today();
        done(data);
        recorded();
      } catch (e) {
        forget();
        showProblem(form, e);
      }
    });
    const box = h('div', { class: 'alert warn', id: 'switch-confirm', tabindex: '-1' },
        h('h3', {}, `Recording this change of supplier from ${what.losingSupplier} cannot be undone. At once it:`),
        h('ul', {},
            h('li', {}, `ends ${what.losingSupplier}’s supply of the whole premises (it keeps its history, and can no `
                + 'longer issue codes there);'),
            h('li', {}, `cancels ${what.losingSupplier}’s codes for these meters that could still be typed in (waiting for `
                + 'approval, issued or delivered), and tells the customer’s app they are withdrawn;'),
            h('li', {}, `cancels ${what.losingSupplier}’s open install-code requests for these devices;`),
            h('li', {}, `gives us the premises and its devices under account ${what.account.accountNumber}, with our codes `
                + 'blocked until our credentials are on the meters.')),
        h('p', {}, 'The devices’ commissioning records stay with the supplier that installed them.'),
        h('div', { class: 'actions' }, go, back));
    clear(outcome, box);
    box.focus();
  }

  function done(s) {
    const box = h('div', { class: 'alert ok', id: 'switch-done', tabindex: '-1' },
        h('h3', {}, `Premises gained from ${s.losingSupplier.name}, effective ${day(s.effectiveOn)}`),
        h('p', {}, `${s.premises.address}, ${s.premises.postcode}; account ${s.accountNumber}.`),
        deviceTable(s.devices, 'switch-devices'));
    clear(outcome, box);
    box.focus();
    announce(box.querySelector('h3').textContent);
  }
}

function deviceTable(devices, id) {
  return h('div', { class: 'table-wrap' }, h('table', { id },
      h('caption', {}, `${plural(devices.length, 'device')} at the premises`),
      h('thead', {}, h('tr', {}, ['Device', 'MPAN or MPRN', 'Commissioning', 'Installed by', 'Our codes']
          .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, devices.map((d) => h('tr', { dataset: { device: d.deviceId } },
          h('td', {}, h('a', { href: `/console/devices.html#device=${d.deviceId}`, class: 'mono' }, d.deviceId), h('br'),
              deviceWords(d.deviceType)),
          h('td', {}, d.mpxn || '–'),
          h('td', {}, (d.commissioning || 'no record').replace(/_/g, ' ').toLowerCase()),
          h('td', {}, d.installingSupplier || '–'),
          h('td', {}, BLOCK_WORDS[d.codesBlocked] || (d.codesBlocked || 'not blocked')))))));
}

export function switchList(container) {
  async function refresh() {
    try {
      const { data } = await api('GET', '/api/v1/change-of-supplier');
      if (!data.items.length) {
        clear(container, h('p', {}, 'No changes of supplier yet.'));
        return;
      }
      clear(container, h('div', { class: 'table-wrap' }, h('table', { id: 'switch-table' },
          h('caption', {}, `${plural(data.items.length, 'change')} of supplier, newest first`),
          h('thead', {}, h('tr', {}, ['Recorded', 'Change', 'Effective', 'Premises', 'Devices', 'Their codes cancelled']
              .map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, data.items.map((s) => {
            const gained = s.direction ? s.direction === 'GAINED' : Boolean(s.accountNumber);
            return h('tr', { dataset: { switch: s.id } },
                h('td', {}, when(s.recordedAt)),
                h('td', {}, gained ? `Gained from ${s.losingSupplier.name}` : `Lost to ${s.gainingSupplier.name}`),
                h('td', {}, day(s.effectiveOn)),
                h('td', {}, s.premises ? `${s.premises.address}, ${s.premises.postcode}` : '–'),
                h('td', {}, (s.devices || []).map((d) => [h('a', { href: `/console/devices.html#device=${d.deviceId}`,
                  class: 'mono' }, d.deviceId), ' '])),
                h('td', { class: 'num' }, gained ? '–' : String((s.cancelledCodes || []).length)));
          })))));
    } catch (e) {
      clear(container, h('p', { class: 'alert' }, `Could not load the changes of supplier: ${e.message}`));
    }
  }
  refresh();
  return { refresh };
}
