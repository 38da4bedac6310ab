// Shows a code preview (POST /api/v1/meters/{id}/codes/preview): size, counter, approval, whether it would be
// issued, and what the tariff engine says it does to the meter, before and after, row by row.
import { badge, h, money, price, when } from './dom.js';

function tariffText(t) {
  if (!t) {
    return 'none';
  }
  if (t.tariff) {
    return `${tariffText(t.tariff)}, from ${t.from}`;
  }
  const standing = `standing charge ${price(t.standingCharge)}/day`;
  switch (t.type) {
    case 'single-rate':
      return `single rate ${price(t.unitRate)}/kWh, ${standing}`;
    case 'time-of-use':
      return `time of use: ${(t.switches || []).map((s) => `from ${String(s.from).slice(0, 5)} ${price(s.rate)}/kWh`).join(', ')}; ${standing}`;
    case 'block':
      return `block tariff: ${(t.tiers || []).map((x) => `up to ${x.upToWattHours / 1000} kWh ${price(x.rate)}/kWh`).join(', ')}; ${standing}`;
    default:
      return JSON.stringify(t);
  }
}

function debtText(d) {
  return d ? `${money(d.amountPence)}, recovering ${money(d.ratePence)} ${String(d.per).replace('-', ' ')}` : '–';
}

function slotsText(fc) {
  const slots = (fc && fc.slots) || [];
  const set = slots.map((s, i) => ({ ...s, n: i + 1 })).filter((s) => (s.days && s.days.length) || s.bankHolidays);
  return set.length ? set.map((s) => `slot ${s.n}: ${s.start.slice(0, 5)}–${s.end.slice(0, 5)} ${(s.days || [])
      .map((d) => d.slice(0, 3).toLowerCase()).join(',')}${s.bankHolidays ? ' and bank holidays' : ''}`).join('; ') : 'none';
}

function protectionText(p) {
  if (!p) {
    return '–';
  }
  const period = p.nonDisconnect ? `; non-disconnect ${when(p.nonDisconnect.start)} to ${when(p.nonDisconnect.end)}` : '';
  return `${p.protectedNow ? 'protected now' : 'not protected now'}${period}`;
}

/** The rows agents compare: label, how to read it from a MeterView, and whether it is money (for the change). */
export const ROWS = [
  ['Balance', (v) => v.balancePence, true],
  ['Available to spend', (v) => v.availablePence, true],
  ['Emergency credit', (v) => v.emergencyCredit && (v.emergencyCredit.active
    ? `${money(v.emergencyCredit.balancePence)} in use of ${money(v.emergencyCredit.limitPence)}`
    : `not in use (limit ${money(v.emergencyCredit.limitPence)})`)],
  ['Total debt', (v) => v.debt && v.debt.totalPence, true],
  ['Payment-based debt', (v) => v.debt && `${money(v.debt.paymentBased.amountPence)}, ${v.debt.paymentBased.percent}% of each top-up`],
  ['Time-based debt 1', (v) => v.debt && debtText(v.debt.timeBased1)],
  ['Time-based debt 2', (v) => v.debt && debtText(v.debt.timeBased2)],
  ['Accumulated debt', (v) => v.debt && v.debt.accumulatedPence, true],
  ['Prices', (v) => tariffText(v.tariff)],
  ['Prices waiting for a date', (v) => tariffText(v.pendingTariff)],
  ['Supply', (v) => v.supply],
  ['Payment mode', (v) => v.mode],
  ['Disconnection', (v) => protectionText(v.protection)],
  ['Friendly-credit periods', (v) => slotsText(v.protection && v.protection.friendlyCredit)],
];

function show(value, isMoney) {
  return isMoney ? money(value) : value === undefined || value === null ? '–' : String(value);
}

/** The modelled state as a definition list (the meter panel's summary). */
export function stateList(view) {
  return h('dl', { class: 'dl' }, ROWS.slice(0, 4).concat(ROWS.slice(8, 9), ROWS.slice(10, 11))
      .flatMap(([label, read, isMoney]) => [h('dt', {}, label), h('dd', {}, show(read(view), isMoney))]));
}

function effectTable(before, after) {
  const rows = ROWS.map(([label, read, isMoney]) => {
    const a = read(before);
    const b = read(after);
    const changed = JSON.stringify(a) !== JSON.stringify(b);
    let change = '';
    if (changed) {
      change = isMoney && typeof a === 'number' && typeof b === 'number'
        ? `${b >= a ? '+' : '−'}${money(Math.abs(b - a))}` : 'changes';
    }
    return h('tr', { class: changed ? 'changed' : null },
        h('th', { scope: 'row' }, label), h('td', {}, show(a, isMoney)), h('td', {}, show(b, isMoney)), h('td', { class: 'change' }, change));
  });
  return h('div', { class: 'table-wrap' }, h('table', { id: 'preview-effect' },
      h('caption', {}, 'The meter before and after the code (changed rows are marked in the last column)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, 'Before'),
          h('th', { scope: 'col' }, 'After'), h('th', { scope: 'col' }, 'Change'))),
      h('tbody', {}, rows)));
}

function allocationText(a) {
  const parts = [['to payment-based debt', a.paymentDebtPence], ['to accumulated debt', a.accumulatedDebtPence],
    ['to the shortfall below the disablement threshold', a.shortfallPence],
    ['to repay emergency credit', a.emergencyCreditPence], ['to the balance', a.balancePence]]
      .filter(([, p]) => p).map(([what, p]) => `${money(p)} ${what}`);
  return `Where the ${money(a.amountPence)} goes: ${parts.join(', ') || 'nowhere'}.`;
}

/** The whole preview as one element; `label` names the command in words. */
export function renderPreview(p, label) {
  const effect = p.effect || { computed: false, notes: [] };
  const blocks = p.blocks === 1 ? '1 block' : `${p.blocks} blocks`;
  return h('div', { class: 'panel', id: 'preview-panel' },
      h('h3', { id: 'preview-heading', tabindex: '-1' }, 'What this code will do'),
      h('p', {}, `${label}: a ${p.digits}-digit code (${blocks}) for meter ${p.meterId}, counter ${p.counter.next} `
          + `(${p.counter.remaining} left before results must come back). Valid until ${when(p.expiresAt)}.`),
      p.approval && p.approval.required ? h('div', { class: 'alert warn', id: 'preview-approval' },
          h('h3', {}, 'Needs a supervisor’s approval'),
          h('p', {}, 'It will wait as ', badge('PENDING_APPROVAL'), ' until a supervisor other than you approves it:'),
          h('ul', {}, p.approval.reasons.map((r) => h('li', {}, r)))) : null,
      p.issuable && !p.issuable.allowed ? h('div', { class: 'alert', id: 'preview-refused' },
          h('h3', {}, 'This code would not be issued'), h('p', {}, p.issuable.reason)) : null,
      !effect.computed ? h('p', {}, 'The effect on the meter cannot be worked out: ', (effect.notes || []).join(' ')) : null,
      effect.outcome === 'refused' && effect.refusal ? h('div', { class: 'alert' },
          h('h3', {}, 'The meter would refuse it'), h('p', {}, effect.refusal.advice),
          h('p', { class: 'muted' }, `${effect.refusal.code}: ${effect.refusal.detail}`)) : null,
      effect.computed && effect.before && effect.after ? effectTable(effect.before, effect.after) : null,
      effect.allocation ? h('p', { id: 'preview-allocation' }, allocationText(effect.allocation)) : null,
      effect.computed && effect.notes && effect.notes.length
        ? h('p', { class: 'muted' }, effect.notes.join(' ')) : null);
}
