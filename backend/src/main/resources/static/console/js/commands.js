// The thirteen commands a code can carry, as forms: each field's label, control and check. The checks mirror
// the shared module's uk.lifeline.command records (docs/command-codes.md) with the same wording, so most
// mistakes are caught before the request; the API stays the judge and its own field errors are always shown.
import { clear, h } from './dom.js';
import { checkbox, field, group } from './forms.js';

const DAY = 86400000;
const EPOCH_DATE = Date.UTC(2024, 0, 1);
const LAST_DATE = new Date(EPOCH_DATE + ((1 << 14) - 1) * DAY).toISOString().slice(0, 10);
const EPOCH_INSTANT = '2024-01-01T00:00:00Z';
const LAST_INSTANT = new Date(EPOCH_DATE + ((1 << 22) - 1) * 900000).toISOString().replace('.000Z', 'Z');
const CREDIT_MAX_VALUE = 8191;
const DEBT_MAX = (1 << 20) - 1;
const RATE_MAX = (1 << 16) - 1;
const PRICE_MAX = (1 << 18) - 1;
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

class Refusal extends Error {}

const refreshers = new WeakMap(); // container -> its field-visibility listener, replaced on each render

const out = (name, value, allowed) => new Refusal(`${name} ${value} is out of range: ${allowed}`);
const poundsText = (pence) => `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;

/** Pounds text to whole pence, refusing more than two decimals (as Pence.fromPounds). */
function pence(name, raw) {
  const m = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(raw);
  if (!m || (m[1] === '' && !m[2])) {
    throw out(name, raw, 'pounds with at most two decimals, e.g. 12.34');
  }
  const frac = m[2] || '';
  if (/[1-9]/.test(frac.slice(2))) {
    throw out(name, raw, 'pounds with at most two decimals, e.g. 12.34');
  }
  return Number(m[1] || '0') * 100 + Number(frac.slice(0, 2).padEnd(2, '0'));
}

/** Pence text to thousandths of a penny, refusing more than three decimals (as UnitPrice.parse). */
function thousandths(name, raw) {
  const m = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(raw);
  const frac = m ? m[2] || '' : '';
  if (!m || (m[1] === '' && !m[2]) || /[1-9]/.test(frac.slice(3))) {
    throw out(name, raw, 'pence with at most three decimals, e.g. 24.862');
  }
  return Number(m[1] || '0') * 1000 + Number(frac.slice(0, 3).padEnd(3, '0'));
}

function creditFits(p) {
  return (p >= 0 && p <= CREDIT_MAX_VALUE) || (p % 100 === 0 && p > 0 && p / 100 <= CREDIT_MAX_VALUE);
}

// Field kinds: how each renders, checks and becomes a parameter value.
function credit(name, label, min, hint) {
  return {
    name, label, hint: hint || 'Pounds: up to £81.91 in pence, or whole pounds from £82 to £8,191',
    control: () => h('input', { type: 'text', inputmode: 'decimal', class: 'short', autocomplete: 'off' }),
    check(raw) {
      const p = pence(name, raw);
      if (p < min || !creditFits(p)) {
        throw out(name, poundsText(p), `${poundsText(min)} to 81.91 pounds in pence, or whole pounds from 82 to 8191`);
      }
      return raw.trim();
    },
  };
}

function amount(name, label, min, max, hint, when) {
  return {
    name, label, hint, when,
    control: () => h('input', { type: 'text', inputmode: 'decimal', class: 'short', autocomplete: 'off' }),
    check(raw) {
      const p = pence(name, raw);
      if (p < min || p > max) {
        throw out(name, poundsText(p), `${poundsText(min)} to ${poundsText(max)} pounds`);
      }
      return raw.trim();
    },
  };
}

function unitPrice(name, label, hint) {
  return {
    name, label, hint: hint || 'Pence, up to three decimals (0 to 262.143)',
    control: () => h('input', { type: 'text', inputmode: 'decimal', class: 'short', autocomplete: 'off' }),
    check(raw) {
      const t = thousandths(name, raw);
      if (t > PRICE_MAX) {
        throw out(name, (t / 1000).toFixed(3), '0.000 to 262.143 pence');
      }
      return raw.trim();
    },
  };
}

function whole(name, label, min, max, hint, when) {
  return {
    name, label, hint, when,
    control: () => h('input', { type: 'text', inputmode: 'numeric', class: 'short', autocomplete: 'off' }),
    check(raw) {
      if (!/^\s*-?\d+\s*$/.test(raw)) {
        throw out(name, raw, 'a whole number');
      }
      const n = Number(raw);
      if (n < min || n > max) {
        throw out(name, n, `${min} to ${max}`);
      }
      return String(n);
    },
  };
}

function choice(name, label, options, hint, when) {
  return {
    name, label, hint, when,
    control: () => h('select', {}, options.map(([value, text]) => h('option', { value }, text))),
    check: (raw) => raw,
  };
}

function timeOfDay(name, label, hint) {
  return {
    name, label, hint: hint || 'Meter-local time (UK), on the quarter hour, e.g. 23:30',
    control: () => h('input', { type: 'time', step: 900, class: 'short' }),
    check(raw) {
      const m = /^(\d{2}):(\d{2})(?::00)?$/.exec(raw.trim());
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
        throw out(name, raw, 'a time HH:MM, e.g. 23:30');
      }
      if (Number(m[2]) % 15 !== 0) {
        throw out(name, `${m[1]}:${m[2]}`, 'a time on the quarter hour, e.g. 23:30');
      }
      return `${m[1]}:${m[2]}`;
    },
  };
}

function fromDate() {
  return {
    name: 'from', label: 'From (optional)', optional: true,
    hint: `Meter-local date the prices start; leave empty for at once. 2024-01-02 to ${LAST_DATE}`,
    control: () => h('input', { type: 'date', min: '2024-01-02', max: LAST_DATE, class: 'short' }),
    check(raw) {
      const v = raw.trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
        throw out('from', raw, 'a date YYYY-MM-DD');
      }
      if (v <= '2024-01-01' || v > LAST_DATE) {
        throw out('from', v, `2024-01-02 to ${LAST_DATE}`);
      }
      return v;
    },
  };
}

function instant(name, label) {
  return {
    name, label, hint: 'UTC date and time, on the quarter hour',
    control: () => h('input', { type: 'datetime-local', step: 900 }),
    check(raw) {
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(raw.trim());
      if (!m) {
        throw out(name, raw, 'a UTC instant, e.g. 2026-12-01T06:00:00Z');
      }
      const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4] || '00'}Z`;
      if (Number.isNaN(Date.parse(iso))) {
        throw out(name, raw, 'a UTC instant, e.g. 2026-12-01T06:00:00Z');
      }
      if (iso < EPOCH_INSTANT || iso > LAST_INSTANT) {
        throw out(name, iso, `${EPOCH_INSTANT} to ${LAST_INSTANT}`);
      }
      if (Number(m[3]) % 15 !== 0 || (m[4] && m[4] !== '00')) {
        throw out(name, iso, 'an instant on the quarter hour (UTC)');
      }
      return iso;
    },
  };
}

function days() {
  return {
    name: 'days', label: 'Days', kind: 'days',
    hint: 'Which days the window applies; none (and no bank holidays) clears the slot',
    control: () => h('select', {}, [['weekdays', 'Weekdays'], ['weekends', 'Weekends'], ['all', 'Every day'],
      ['none', 'None (clear the slot)'], ['custom', 'Choose days…']].map(([value, text]) => h('option', { value }, text))),
    check: (raw) => raw,
  };
}

function yesNo(name, label) {
  return { name, label, kind: 'bool', check: (raw) => raw };
}

const TIME_BASED = (v) => v.register !== 'payment-based';
const PAYMENT_BASED = (v) => v.register === 'payment-based';
const REGISTER = () => choice('register', 'Debt register', [['time-based-1', 'Time-based debt 1'],
  ['time-based-2', 'Time-based debt 2'], ['payment-based', 'Payment-based debt']]);

/** Every command, in the order agents reach for them. */
export const COMMANDS = [
  { name: 'top-up', label: 'Top up credit', blocks: 1, fields: [credit('amount', 'Amount (£)', 1)] },
  { name: 'deduct-credit', label: 'Deduct credit', blocks: 1, fields: [credit('amount', 'Amount (£)', 1)] },
  { name: 'set-credit', label: 'Set the meter balance', blocks: 1, fields: [credit('balance', 'New balance (£)', 0,
      'Pounds, £0 allowed: up to £81.91 in pence, or whole pounds from £82 to £8,191')] },
  { name: 'add-debt', label: 'Add debt', blocks: 2, fields: [REGISTER(),
    amount('amount', 'Amount (£)', 1, DEBT_MAX, '£0.01 to £10,485.75')] },
  { name: 'deduct-debt', label: 'Deduct debt', blocks: 2, fields: [REGISTER(),
    amount('amount', 'Amount (£)', 1, DEBT_MAX, '£0.01 to £10,485.75')] },
  { name: 'set-debt', label: 'Set a debt register', blocks: 2, fields: [REGISTER(),
    amount('amount', 'Debt amount (£)', 0, DEBT_MAX, '£0.00 to £10,485.75'),
    amount('rate', 'Recovery rate (£)', 0, RATE_MAX, '£0.00 to £655.35 each day or hour', TIME_BASED),
    choice('period', 'Recovered', [['per-day', 'per day'], ['per-hour', 'per hour']], null, TIME_BASED),
    whole('percent', 'Percent of each top-up', 0, 100, '0 to 100', PAYMENT_BASED)] },
  { name: 'change-price', label: 'Change price', blocks: 2, fields: [
    unitPrice('unit-rate', 'Unit rate (p/kWh)'), unitPrice('standing-charge', 'Standing charge (p/day)'), fromDate()] },
  { name: 'change-time-of-use-price', label: 'Change time-of-use price', blocks: 3, fields: [
    unitPrice('peak-rate', 'Peak rate (p/kWh)'), unitPrice('off-peak-rate', 'Off-peak rate (p/kWh)'),
    timeOfDay('off-peak-start', 'Off-peak starts'), timeOfDay('off-peak-end', 'Off-peak ends'),
    unitPrice('standing-charge', 'Standing charge (p/day)'), fromDate()] },
  { name: 'set-friendly-credit-period', label: 'Set a friendly-credit period', blocks: 2, fields: [
    choice('slot', 'Slot', [['1', 'Slot 1'], ['2', 'Slot 2'], ['3', 'Slot 3'], ['4', 'Slot 4']]),
    timeOfDay('start', 'Window starts'), timeOfDay('end', 'Window ends', 'UK time, on the quarter hour; '
        + 'earlier than the start runs across midnight, equal means all day'),
    days(), yesNo('bank-holidays', 'Also on bank holidays')] },
  { name: 'set-non-disconnect-period', label: 'Set a non-disconnect period', blocks: 2, fields: [
    instant('start', 'Period starts (UTC)'), instant('end', 'Period ends (UTC)')] },
  { name: 'open-han', label: 'Open the home area network', blocks: 1, fields: [
    choice('device', 'Device that may join', [['ppmid', 'PPMID (prepayment display)'], ['ihd', 'In-home display'],
      ['cad', 'Consumer access device'], ['any', 'Any device']]),
    whole('minutes', 'Minutes open', 1, 1440, '1 to 1440')] },
  { name: 'change-mode', label: 'Change payment mode', blocks: 1, fields: [
    choice('mode', 'Mode', [['prepayment', 'Prepayment'], ['credit', 'Credit (pay later)']])] },
  { name: 'revert-to-default', label: 'Revert to default (e.g. tenant moved out)', blocks: 1, fields: [] },
];

export function byName(name) {
  return COMMANDS.find((c) => c.name === name);
}

/**
 * Draws a command's fields into `container`, ids prefixed with `prefix`; `overrides` changes a field's label,
 * hint or optional flag by name. Returns {read(), check()}: read gives the raw values; check gives {parameters}
 * or {errors: [{field, message}]} in the API's shape.
 */
export function renderFields(container, command, prefix, overrides = {}) {
  command = { ...command, fields: command.fields.map((f) => ({ ...f, ...(overrides[f.name] || {}) })) };
  const controls = {};
  const wrappers = {};
  let customDays = null;
  clear(container);
  for (const f of command.fields) {
    const id = `${prefix}-${f.name}`;
    if (f.kind === 'bool') {
      const box = checkbox(f.label, { id, 'data-field': `parameters.${f.name}` });
      controls[f.name] = box.querySelector('input');
      wrappers[f.name] = h('div', { class: 'field' }, h('p', { class: 'field-error', id: `${id}-error`, hidden: true }), box);
      controls[f.name].setAttribute('aria-describedby', `${id}-error`);
    } else {
      controls[f.name] = f.control();
      wrappers[f.name] = field({ label: f.label, control: controls[f.name], hint: f.hint, apiField: `parameters.${f.name}`, id });
    }
    container.append(wrappers[f.name]);
    if (f.kind === 'days') {
      const boxes = WEEK.map((d) => checkbox(d[0].toUpperCase() + d.slice(1), { value: d, name: `${id}-day` }));
      customDays = group({ legend: 'Choose the days', controls: boxes, id: `${id}-custom` });
      customDays.hidden = true;
      container.append(customDays);
      controls.days.addEventListener('change', () => {
        customDays.hidden = controls.days.value !== 'custom';
      });
    }
  }
  const read = () => {
    const values = {};
    for (const f of command.fields) {
      const c = controls[f.name];
      values[f.name] = f.kind === 'bool' ? String(c.checked) : c.value;
    }
    if (customDays && values.days === 'custom') {
      values.days = [...customDays.querySelectorAll('input:checked')].map((i) => i.value).join(',');
      values.daysCustom = true;
    }
    return values;
  };
  const refresh = () => {
    const values = read();
    for (const f of command.fields) {
      wrappers[f.name].hidden = Boolean(f.when && !f.when(values));
    }
  };
  container.removeEventListener('change', refreshers.get(container));
  refreshers.set(container, refresh);
  container.addEventListener('change', refresh);
  refresh();
  return { read, check: () => check(command, read()), controls };
}

function check(command, values) {
  const parameters = {};
  const errors = [];
  for (const f of command.fields) {
    if (f.when && !f.when(values)) {
      continue;
    }
    const raw = values[f.name] === undefined ? '' : String(values[f.name]);
    if (!raw.trim()) {
      if (f.name === 'days' && values.daysCustom) {
        errors.push({ field: 'parameters.days', message: 'choose at least one day, or None to clear the slot' });
      } else if (!f.optional) {
        errors.push({ field: `parameters.${f.name}`, message: `missing parameter ${f.name}` });
      }
      continue;
    }
    try {
      parameters[f.name] = f.check(raw);
    } catch (e) {
      if (!(e instanceof Refusal)) {
        throw e;
      }
      errors.push({ field: `parameters.${f.name}`, message: e.message });
    }
  }
  crossCheck(command.name, parameters, errors);
  return errors.length ? { errors } : { parameters };
}

// The rules that relate two fields, as ChangeTimeOfUsePrice and SetNonDisconnectPeriod make them.
function crossCheck(name, p, errors) {
  if (name === 'change-time-of-use-price' && p['off-peak-start'] && p['off-peak-start'] === p['off-peak-end']) {
    errors.push({ field: 'parameters.off-peak-end',
      message: `off-peak-end ${p['off-peak-end']} is out of range: a time other than off-peak-start` });
  }
  if (name === 'set-non-disconnect-period' && p.start && p.end) {
    const span = Date.parse(p.end) - Date.parse(p.start);
    if (span <= 0 || span > 31 * DAY) {
      errors.push({ field: 'parameters.end', message: `end ${p.end} is out of range: after start and at most 31 days after it` });
    }
  }
}
