// The devices page: a device's commissioning state as our supplier sees it, recording an install or a
// commissioning, the DCC's credential update after a change of supplier, and revealing an install code where we
// may; and changes of supplier (operations records them). The device shown lives in the URL hash (#device=...).
import { api } from './api.js';
import { start } from './chrome.js';
import { announce, badge, clear, day, deviceWords, h, when } from './dom.js';
import { askReason } from './dialog.js';
import { clearErrors, dateErrors, dateInput, field, showErrors, showProblem, summaryBox } from './forms.js';
import { revealPanel } from './reveal.js';
import { BLOCK_WORDS, switchForm, switchList } from './switching.js';

const user = await start(['AGENT', 'SUPERVISOR', 'OPS', 'ADMIN'], 'Devices and switches');
const RECORDERS = ['SUPERVISOR', 'OPS'];
const REASONS = [['REACTIVE_INSTALL_AND_LEAVE', 'Install and leave: coverage expected, none found'],
  ['PROACTIVE_INSTALL_AND_LEAVE', 'Install and leave: no coverage, installed anyway'],
  ['PARTIAL_INSTALL', 'Partial install: the hub joined the WAN, this device did not']];

const form = document.getElementById('device-form');
const input = document.getElementById('device-id');
const target = document.getElementById('device');
let reveal = null;
let shown = null; // the device on the page

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const id = input.value.replace(/[\s-]/g, '').toUpperCase();
  clearErrors(form);
  if (!/^[0-9A-Z]{16}$/.test(id)) {
    showErrors(form, [{ field: 'deviceId', message: 'A device ID is 16 characters, for example 00DB1234567800E1' }]);
    return;
  }
  window.history.replaceState(null, '', `#device=${id}`);
  show(id, true);
});

async function show(id, focus) {
  shown = id;
  if (reveal) {
    reveal.hide();
  }
  clear(target, h('p', {}, 'Loading…'));
  try {
    const { data } = await api('GET', `/api/v1/devices/${encodeURIComponent(id)}/commissioning`);
    draw(data);
  } catch (e) {
    if (e.status === 404) {
      clear(target, h('div', { class: 'alert info', id: 'device-none', tabindex: '-1' },
          h('h3', {}, `No commissioning record we can see for ${id}`),
          h('p', {}, 'Either nobody has recorded its install, or it is not a device we installed, supply or were given '
              + 'the install code of.')));
      if (RECORDERS.includes(user.role)) {
        target.append(installForm(id, null));
      }
    } else {
      clear(target, h('div', { class: 'alert', tabindex: '-1' }, h('h3', {}, e.title), h('p', {}, e.message)));
    }
  }
  if (focus && target.firstChild) {
    target.firstChild.setAttribute('tabindex', '-1');
    target.firstChild.focus();
  }
}

function draw(r) {
  const supply = r.yourSupply;
  const rows = [
    ['Device', `${deviceWords(r.deviceType)} ${r.deviceId}`],
    ['State', h('span', {}, badge(r.state), r.reason ? ` ${REASONS.find(([v]) => v === r.reason)?.[1] || r.reason}` : '')],
    ['Installed', r.installedOn ? `${day(r.installedOn)} (${r.ageDays} days ago)` : 'date not recorded'],
    ['Installed by', `${r.installingSupplier.name}${r.installedByYou ? ' (us)' : ''}`],
    ['Install code', r.installCodeHeld ? `held by Lifeline (encrypted)${r.installCodeReleasedToYou ? '; released to us' : ''}`
      : 'not held by Lifeline'],
    ['Commissioned', r.commissionedAt ? `${when(r.commissionedAt)} by ${r.commissionedBy.name}` : 'not yet'],
    ['Our supply', supply ? `${supply.status === 'CURRENT' ? 'we supply it now' : 'ended: another supplier has it'}`
      : 'we have never supplied it'],
    ['Our codes', supply ? (BLOCK_WORDS[supply.codesBlocked] || (supply.codesBlocked ? supply.codesBlocked
      : 'we can issue codes for it')) : '–'],
  ];
  const record = h('div', { id: 'device-record', tabindex: '-1' },
      h('h3', {}, `${deviceWords(r.deviceType)} ${r.deviceId}`),
      h('dl', { class: 'dl' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', { dataset: { key: k } }, v)])));
  clear(target, record);
  const current = supply && supply.status === 'CURRENT';
  const mayReveal = r.installCodeHeld && (r.installedByYou || r.installCodeReleasedToYou);
  if (mayReveal && RECORDERS.includes(user.role)) {
    const panel = h('section', { 'aria-labelledby': 'reveal-heading', class: 'panel' },
        h('h3', { id: 'reveal-heading' }, 'Install code'), h('div', {}));
    target.append(panel);
    reveal = revealPanel(panel.lastChild, r);
  } else if (mayReveal) {
    target.append(h('p', {}, 'Only supervisors and operations can reveal install codes.'));
  } else if (!r.installedByYou && r.state !== 'COMMISSIONED' && current && user.role !== 'ADMIN') {
    target.append(h('p', {}, 'We do not have this device’s install code. ',
        h('a', { href: `/console/install-codes.html#device=${r.deviceId}` }, `Ask ${r.installingSupplier.name} for it`), '.'));
  }
  if (!RECORDERS.includes(user.role) || !current) {
    return;
  }
  const actions = h('div', { class: 'actions' });
  if (r.state !== 'COMMISSIONED' && (r.installedByYou || r.installCodeReleasedToYou)) {
    actions.append(actionButton(r.deviceId, 'Record it as commissioned now', 'commissioned-button', async () => {
      await api('POST', `/api/v1/devices/${r.deviceId}/commissioning/commissioned`, { body: {} });
      return 'Recorded as commissioned; our codes for it are no longer blocked.';
    }));
  }
  if (supply.codesBlocked === 'AWAITING_CREDENTIALS' && user.role === 'OPS') {
    actions.append(actionButton(r.deviceId, 'Record the DCC’s credential update', 'credentials-button', async () => {
      const done = await askReason({
        title: 'Record the credential update?', danger: false,
        intro: 'Only when the DCC has confirmed our security credentials replaced the losing supplier’s on this device.',
        label: 'What the DCC confirmed', hint: 'For example: DCC CoS credentials update confirmed',
        confirm: 'Record it',
        send: (reason) => api('POST', `/api/v1/devices/${r.deviceId}/supplier-credentials`, { body: { reason } }),
      });
      return done && 'Recorded: our codes for this meter are no longer blocked.';
    }));
  }
  if (actions.firstChild) {
    target.append(actions);
  }
  if (r.installedByYou) {
    target.append(installForm(r.deviceId, r));
  }
}

/** A button that runs `run()` and, when it says what it did, shows the device again. */
function actionButton(deviceId, text, id, run) {
  const b = h('button', { type: 'button', class: 'button secondary', id }, text);
  const error = h('div', { role: 'alert' });
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const said = await run();
      if (said) {
        announce(said);
        await show(deviceId, false);
      }
    } catch (e) {
      clear(error, h('p', { class: 'alert' }, `${e.title}: ${e.message}`));
      b.after(error);
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/** Recording (or correcting) an install: for the supplier that installed it, and supplies it now. */
function installForm(id, r) {
  const state = h('select', {}, [['INSTALLED_NOT_COMMISSIONED', 'Installed, not commissioned'],
    ['COMMISSIONED', 'Commissioned']].map(([v, t]) => h('option', { value: v, selected: r && r.state === v }, t)));
  const reason = h('select', {}, h('option', { value: '' }, 'Not recorded'),
      REASONS.map(([v, t]) => h('option', { value: v, selected: r && r.reason === v }, t)));
  const on = dateInput({ value: (r && r.installedOn) || '' });
  const code = h('input', { type: 'text', class: 'mono', autocomplete: 'off', spellcheck: 'false', maxlength: 100 });
  const button = h('button', { type: 'submit', class: 'button' }, r ? 'Save the install record' : 'Record the install');
  const installForm = h('form', { novalidate: true, id: 'install-form', class: 'panel' },
      h('h3', {}, r ? 'Correct the install record' : 'Record the install'),
      h('p', {}, 'For devices we installed and supply now. The first record makes us the installing supplier.'),
      summaryBox(),
      field({ label: 'State', control: state, apiField: 'state', id: 'install-state' }),
      field({ label: 'Why it was left uncommissioned', control: reason, apiField: 'reason', id: 'install-reason' }),
      field({ label: 'Installed on', control: on, apiField: 'installedOn', id: 'install-on' }),
      field({ label: 'Install code (optional)', control: code, apiField: 'installCode', id: 'install-code-input',
        hint: r && r.installCodeHeld ? 'Leave it empty to keep the code Lifeline holds; a new one replaces it (audited).'
          : 'Hex digits with the 2-byte CRC at the end, spaces allowed. Stored encrypted; never shown again here.' }),
      h('div', { class: 'actions' }, button));
  installForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(installForm);
    const errors = dateErrors([on]);
    if (state.value === 'INSTALLED_NOT_COMMISSIONED' && !reason.value) {
      errors.push({ field: 'reason', message: 'Say why it was left uncommissioned' });
    }
    if (errors.length) {
      showErrors(installForm, errors);
      return;
    }
    button.disabled = true;
    try {
      const { data } = await api('PUT', `/api/v1/devices/${encodeURIComponent(id)}/commissioning`, { body: {
        state: state.value, reason: reason.value || null, installedOn: on.value.trim() || null,
        installCode: code.value.trim() || undefined } });
      code.value = '';
      draw(data);
      announce('The install record is saved.');
      document.getElementById('device-record').focus();
    } catch (e) {
      showProblem(installForm, e);
    } finally {
      button.disabled = false;
    }
  });
  return installForm;
}

/** The device named in the URL hash, as links from other pages and the switch tables give it. */
function fromHash(focus) {
  const m = /^#device=([0-9A-Za-z]{16})$/.exec(location.hash);
  if (m && m[1].toUpperCase() !== shown) {
    input.value = m[1].toUpperCase();
    show(input.value, focus);
  }
}
window.addEventListener('hashchange', () => fromHash(true));
fromHash(false);
const list = ['SUPERVISOR', 'OPS', 'ADMIN'].includes(user.role) ? switchList(document.getElementById('switch-list')) : null;
if (user.role === 'OPS') {
  switchForm(document.getElementById('switch-form'), { recorded: () => list.refresh() });
}
