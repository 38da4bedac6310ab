// The read-out view: one 20-digit block at a time in large digits grouped 4-4-4-4-4 ('Block 2 of 3'), a marker
// the agent moves on as the customer types each group, a copy button, optional read-aloud of each group with
// the browser's speech synthesis, the code's live status, and the result the customer's display showed.
import { api } from './api.js';
import { start } from './chrome.js';
import { announce, badge, clear, h, repeat, when } from './dom.js';
import { clearErrors, field, group, showErrors, showProblem, summaryBox } from './forms.js';
import { commandWords, meterBanner } from './words.js';
import { press, speedKeys } from './keys.js';

await start(['AGENT', 'SUPERVISOR'], 'Customers');

const params = new URLSearchParams(location.search);
const codeId = params.get('code');
const back = params.get('back');
if (back && /^\/console\/agent\.html(#.*)?$/.test(back)) {
  document.getElementById('back-link').href = back;
}
const summary = document.getElementById('code-summary');
const meterBox = document.getElementById('meter-context');
const readout = document.getElementById('readout');
const resultSection = document.getElementById('result');
const speech = 'speechSynthesis' in window ? window.speechSynthesis : null;
const REJECTIONS = ['typo', 'unsupported', 'bad-mac', 'duplicate', 'counter-too-old', 'block-out-of-order',
  'block-from-another-code', 'locked-out', 'expired', 'out-of-window'];
const EVERY_MS = 5000;
const DEAD = ['CANCELLED', 'EXPIRED'];

let code = null;
let blocks = []; // [[group, group, group, group, group], ...]
// The group the customer is typing now (group 5: the block is done), kept in this tab so a reload or a sign-in
// again comes back to the same group.
const placeKey = `lifeline.console.readout.${codeId}`;
let at = JSON.parse(sessionStorage.getItem(placeKey) || 'null') || { block: 0, group: 0 };
let aloud = false;
let meter = null; // whose meter it is (GET /api/v1/console/meters/{id}), named above the digits

async function loadMeter() {
  try {
    const { data } = await api('GET', `/api/v1/console/meters/${encodeURIComponent(code.meterId)}`);
    meter = data;
    clear(meterBox, meterBanner(meter));
  } catch (e) {
    clear(meterBox, h('div', { class: 'alert', role: 'alert' }, h('h2', {}, 'Check the meter before reading out'),
        h('p', {}, `Could not load whose meter this is (${e.message}). Meter `, h('span', { class: 'mono' }, code.meterId), '.')));
  }
}

async function load() {
  try {
    const { data } = await api('GET', `/api/v1/codes/${encodeURIComponent(codeId || '')}`);
    const first = !code;
    const released = !code?.digits && data.digits;
    code = data;
    if (first) {
      await loadMeter();
    }
    drawSummary();
    const dead = DEAD.includes(code.status);
    if (first || released || (dead && blocks.length)) {
      // A cancelled or expired code must not be read out: its digits are not shown at all.
      blocks = dead ? [] : (code.digits || []).map((b) => b.split(' '));
      if (at.block >= blocks.length) {
        at = { block: 0, group: 0 };
      }
      drawReadout();
      drawResultForm();
    }
  } catch (e) {
    clear(summary, h('div', { class: 'alert', role: 'alert' }, h('h2', {}, e.title), h('p', {}, e.message)));
  }
}

function drawSummary() {
  const note = code.resultReason || code.cancelReason;
  clear(summary, h('dl', { class: 'dl' },
      h('dt', {}, 'What it does'), h('dd', { id: 'code-words' }, commandWords(code)),
      h('dt', {}, 'Status'), h('dd', { id: 'code-status' }, badge(code.status), note ? ` ${note}` : ''),
      h('dt', {}, 'Counter'), h('dd', {}, String(code.counter)),
      h('dt', {}, 'Valid until'), h('dd', {}, when(code.expiresAt))));
  if (code.status === 'CANCELLED' || code.status === 'EXPIRED') {
    summary.append(h('div', { class: 'alert', role: 'alert' }, h('h2', {}, `This code is ${code.status.toLowerCase()}`),
        h('p', {}, 'Do not read it out. Issue a new code if the customer still needs one.')));
  }
}

function drawReadout() {
  if (DEAD.includes(code.status)) {
    clear(readout);
    return;
  }
  if (!blocks.length) {
    clear(readout, h('div', { class: 'alert warn', id: 'waiting' },
        h('h2', { id: 'block-title' }, 'Waiting for approval'),
        h('p', {}, 'A supervisor other than the requester must approve this code. Its digits appear here as soon as '
            + 'they do; this page checks every few seconds.')));
    return;
  }
  const total = blocks.length;
  const b = at.block;
  const groups = blocks[b];
  const doneBlock = at.group >= groups.length;
  const digits = h('div', { class: 'digits', id: 'digits', tabindex: '0', role: 'group',
    'aria-label': `Block ${b + 1} of ${total}. Left and right arrow keys move the marker.` },
  groups.map((g, i) => h('span', { class: `group${i < at.group ? ' done' : ''}${i === at.group ? ' current' : ''}`,
    dataset: { group: i + 1 } },
  h('span', { class: 'visually-hidden' }, `Group ${i + 1}${i < at.group ? ', typed' : i === at.group ? ', now' : ''}: `),
  h('span', { class: 'g-digits' }, g),
  h('span', { class: 'marker', 'aria-hidden': 'true' }, i < at.group ? '✓ typed' : i === at.group ? '▲ now' : '\u00a0'))));
  digits.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight') {
      e.preventDefault();
      move(1);
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      move(-1);
    }
  });
  const next = h('button', { type: 'button', class: 'button', id: 'next-group' },
      doneBlock ? (b + 1 < total ? `Go to block ${b + 2} of ${total}` : 'All blocks read out') : 'Typed: next group');
  next.disabled = doneBlock && b + 1 >= total;
  next.addEventListener('click', () => move(1));
  const prev = h('button', { type: 'button', class: 'button secondary', id: 'previous-group' }, 'Back a group');
  prev.disabled = b === 0 && at.group === 0;
  prev.addEventListener('click', () => move(-1));
  const say = h('button', { type: 'button', class: 'button secondary', id: 'say-group', disabled: !speech || doneBlock },
      'Say this group');
  say.addEventListener('click', () => speak(groups[at.group]));
  const copy = h('button', { type: 'button', class: 'button secondary', id: 'copy-code' }, 'Copy the code');
  copy.addEventListener('click', copyCode);
  const aloudBox = h('input', { type: 'checkbox', id: 'read-aloud', checked: aloud, disabled: !speech });
  aloudBox.addEventListener('change', () => {
    aloud = aloudBox.checked;
    if (aloud && !doneBlock) {
      speak(groups[at.group]);
    }
  });
  const progress = doneBlock ? (b + 1 < total
    ? `Block ${b + 1} is read out: the display should say it took the block. Then go to block ${b + 2}.`
    : 'Every block is read out. Ask what the display shows and record it below.')
    : `Group ${at.group + 1} of ${groups.length}: ${groups[at.group].split('').join(' ')}`;
  clear(readout,
      h('h2', { class: 'block-title', id: 'block-title' }, `Block ${b + 1} of ${total}`),
      total > 1 ? h('ol', { class: 'blocks-overview', 'aria-label': 'Blocks' }, blocks.map((_, i) => h('li',
          { 'aria-current': i === b ? 'step' : null }, `Block ${i + 1}${i < b ? ': done' : i === b ? ': now' : ''}`))) : null,
      h('p', { class: 'muted' }, total > 1 ? 'Read one block, let the customer type it and press the accept key, then '
          + 'go to the next block.' : 'Read the groups one by one; move the marker on as the customer types each.'),
      digits,
      h('p', { class: 'progress-text', id: 'progress-text', 'aria-live': 'polite' }, progress),
      h('progress', { max: total * 5, value: b * 5 + Math.min(at.group, 5), 'aria-label': 'Groups typed' }),
      h('div', { class: 'actions center' }, prev, next, say, copy),
      h('p', {}, h('label', { class: 'check', for: 'read-aloud' }, aloudBox,
          speech ? 'Read each group aloud as the marker moves' : 'Read-aloud is not available in this browser')),
      h('p', { id: 'copy-status', role: 'status', class: 'muted' }));
}

function move(step) {
  const groups = blocks[at.block].length;
  let { block, group: g } = at;
  g += step;
  if (g > groups) {
    if (block + 1 >= blocks.length) {
      return;
    }
    block += 1;
    g = 0;
  } else if (g < 0) {
    if (block === 0) {
      return;
    }
    block -= 1;
    g = groups;
  }
  const newBlock = block !== at.block;
  const focusId = document.activeElement && document.activeElement.id;
  at = { block, group: g };
  sessionStorage.setItem(placeKey, JSON.stringify(at));
  drawReadout();
  const again = focusId && document.getElementById(focusId);
  (again && !again.disabled ? again : document.getElementById('digits')).focus();
  if (newBlock) {
    announce(`Block ${block + 1} of ${blocks.length}`);
  }
  if (aloud && g < groups) {
    speak(blocks[block][g]);
  }
}

function speak(groupText) {
  if (!speech || !groupText) {
    return;
  }
  speech.cancel();
  const u = new SpeechSynthesisUtterance(groupText.split('').join(', '));
  u.lang = 'en-GB';
  u.rate = 0.8;
  speech.speak(u);
}

async function copyCode() {
  const text = (code.digits || []).join('\n');
  const status = document.getElementById('copy-status');
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Plain HTTP from another host has no Clipboard API: copy through a selected text area instead.
    const area = h('textarea', { 'aria-hidden': 'true', class: 'offscreen' }, text);
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  status.textContent = `Copied ${text.replace(/\D/g, '').length} digits.`;
}

function drawResultForm() {
  if (!code.digits || code.status === 'CANCELLED') {
    resultSection.hidden = true;
    return;
  }
  const outcome = [['ACCEPTED', 'Accepted'], ['REJECTED', 'Rejected']].map(([value, label]) =>
    h('label', { class: 'check' }, h('input', { type: 'radio', name: 'outcome', value }), label));
  const reason = h('select', {}, h('option', { value: '' }, 'Choose what it said'),
      REJECTIONS.map((r) => h('option', { value: r }, r)));
  const form = h('form', { id: 'result-form', novalidate: true }, summaryBox(),
      group({ legend: 'What did the display show?', controls: outcome, apiField: 'outcome', id: 'result-outcome' }),
      field({ label: 'If rejected, the reason shown', control: reason, apiField: 'reason', id: 'result-reason' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button secondary' }, 'Record the result')),
      h('p', { role: 'status', id: 'result-status' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const chosen = form.querySelector('input[name="outcome"]:checked');
    if (!chosen) {
      showErrors(form, [{ field: 'outcome', message: 'Choose accepted or rejected' }]);
      return;
    }
    if (chosen.value === 'REJECTED' && !reason.value) {
      showErrors(form, [{ field: 'reason', message: 'Choose the reason the display gave' }]);
      return;
    }
    try {
      const body = { outcome: chosen.value, reason: chosen.value === 'REJECTED' ? reason.value : null };
      const { data } = await api('POST', `/api/v1/codes/${code.id}/result`, { body });
      code = data;
      drawSummary();
      document.getElementById('result-status').textContent = `Recorded: ${data.status.toLowerCase()}.`;
    } catch (e) {
      showProblem(form, e);
    }
  });
  clear(resultSection, h('h2', { id: 'result-heading' }, 'Result'), form);
  resultSection.hidden = false;
}

async function poll() {
  const before = code?.status;
  await load();
  if (code && before && before !== code.status) {
    announce(`The code is now ${code.status.replace(/_/g, ' ').toLowerCase()}`);
  }
}

speedKeys([
  { key: 'n', label: 'Typed: next group', run: () => press('next-group') },
  { key: 'b', label: 'Back a group', run: () => press('previous-group') },
  { key: 's', label: 'Say this group', run: () => press('say-group') },
  { key: 'c', label: 'Copy the code', run: () => press('copy-code') },
]);
load().then(() => {
  document.getElementById('digits')?.focus();
  repeat(poll, EVERY_MS, { now: false });
});
