// The commands a code can carry, as forms: each field's label, control and check, built from the backend's
// command catalog (GET /api/v1/commands), which is generated from the shared module's CommandType and its
// parameter specs: the ranges and their wording live there, never here. Most mistakes are caught before the
// request; the API stays the judge and its own field errors are always shown.
import { api } from './api.js';
import { clear, h } from './dom.js';
import { checkbox, dateInput, field, group, isoDate } from './forms.js';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

class Refusal extends Error {}

const refreshers = new WeakMap(); // container -> its field-visibility listener, replaced on each render

const out = (name, value, allowed) => new Refusal(`${name} ${value} is out of range: ${allowed}`);
const poundsText = (pence) => `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;
const poundsWords = (pence) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 ? 2 : 0 })}`;

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

const textInput = (inputmode) => () => h('input', { type: 'text', inputmode, class: 'short', autocomplete: 'off' });
const select = (options) => () => h('select', {}, options.map(([value, text]) => h('option', { value }, text)));

// Field kinds, keyed by the catalog's `kind`: how each renders, checks and becomes a parameter value.
const KINDS = {
  credit(p) {
    const min = pence(p.name, p.min);
    const max = pence(p.name, p.max);
    const penceUpTo = pence(p.name, p.wholePoundsAbove);
    const fits = (v) => v <= penceUpTo || (v % 100 === 0 && v <= max);
    return {
      hint: `Pounds${min === 0 ? ', £0 allowed' : ''}: up to ${poundsWords(penceUpTo)} in pence, or whole pounds`
        + ` from ${poundsWords(Math.floor(penceUpTo / 100) * 100 + 100)} to ${poundsWords(max)}`,
      control: textInput('decimal'),
      check(raw) {
        const v = pence(p.name, raw);
        if (v < min || !fits(v)) {
          throw out(p.name, poundsText(v), p.allowed);
        }
        return raw.trim();
      },
    };
  },
  pounds(p) {
    const min = pence(p.name, p.min);
    const max = pence(p.name, p.max);
    return {
      hint: `${poundsWords(min)} to ${poundsWords(max)}`,
      control: textInput('decimal'),
      check(raw) {
        const v = pence(p.name, raw);
        if (v < min || v > max) {
          throw out(p.name, poundsText(v), p.allowed);
        }
        return raw.trim();
      },
    };
  },
  price(p) {
    const min = thousandths(p.name, p.min);
    const max = thousandths(p.name, p.max);
    return {
      hint: `Pence, up to three decimals (${Number(p.min)} to ${p.max})`,
      control: textInput('decimal'),
      check(raw) {
        const t = thousandths(p.name, raw);
        if (t < min || t > max) {
          throw out(p.name, (t / 1000).toFixed(3), p.allowed);
        }
        return raw.trim();
      },
    };
  },
  whole(p) {
    const min = Number(p.min);
    const max = Number(p.max);
    return {
      hint: p.choices ? undefined : `${min} to ${max}`,
      control: p.choices ? select(p.choices.map((c) => [c.value, c.label])) : textInput('numeric'),
      check(raw) {
        if (!/^\s*-?\d+\s*$/.test(raw)) {
          throw out(p.name, raw, 'a whole number');
        }
        const n = Number(raw);
        if (n < min || n > max) {
          throw out(p.name, n, p.allowed);
        }
        return String(n);
      },
    };
  },
  choice(p) {
    return { control: select(p.choices.map((c) => [c.value, c.label])), check: (raw) => raw };
  },
  'time-of-day'(p) {
    return {
      hint: 'Meter-local time (UK), on the quarter hour, e.g. 23:30',
      // 24-hour text: a browser's own time control follows its locale (AM/PM under en-US).
      control: () => h('input', { type: 'text', inputmode: 'numeric', placeholder: 'HH:MM', class: 'short',
        autocomplete: 'off' }),
      check(raw) {
        const m = /^(\d{1,2})[:.]?(\d{2})(?::00)?$/.exec(raw.trim());
        if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
          throw out(p.name, raw, 'a time HH:MM, e.g. 23:30');
        }
        m[1] = m[1].padStart(2, '0');
        if (Number(m[2]) % 15 !== 0) {
          throw out(p.name, `${m[1]}:${m[2]}`, p.allowed);
        }
        return `${m[1]}:${m[2]}`;
      },
    };
  },
  date(p) {
    return {
      hint: `Meter-local date the prices start; leave empty for at once. ${p.min} to ${p.max}`,
      control: () => dateInput(),
      check(raw) {
        const v = isoDate(raw);
        if (!v) {
          throw out(p.name, raw, 'a date YYYY-MM-DD');
        }
        if (v < p.min || v > p.max) {
          throw out(p.name, v, p.allowed);
        }
        return v;
      },
    };
  },
  instant(p) {
    return {
      hint: 'UTC date and time on the quarter hour, as YYYY-MM-DD HH:MM, e.g. 2026-12-04 17:00',
      // Text in one order (the browser's own date-and-time control follows its locale: AM/PM under en-US).
      control: () => h('input', { type: 'text', inputmode: 'numeric', placeholder: 'YYYY-MM-DD HH:MM', maxlength: 20,
        autocomplete: 'off' }),
      check(raw) {
        const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?Z?$/.exec(raw.trim());
        const iso = m && `${m[1]}T${m[2]}:${m[3]}:${m[4] || '00'}Z`;
        if (!m || !isoDate(m[1]) || Number.isNaN(Date.parse(iso))) {
          throw out(p.name, raw, 'a UTC instant, e.g. 2026-12-01T06:00:00Z');
        }
        if (iso < p.min || iso > p.max) {
          throw out(p.name, iso, p.allowed);
        }
        if (Number(m[3]) % 15 !== 0 || (m[4] && m[4] !== '00')) {
          throw out(p.name, iso, 'an instant on the quarter hour (UTC)');
        }
        return iso;
      },
    };
  },
  days(p) {
    return {
      kind: 'days',
      hint: 'Which days the window applies; none (and no bank holidays) clears the slot',
      control: select([...p.choices.map((c) => [c.value, c.label]), ['custom', 'Choose days…']]),
      check: (raw) => raw,
    };
  },
  boolean() {
    return { kind: 'bool', check: (raw) => raw };
  },
};

// Words a form adds to the catalog for one command's field: help, not ranges.
const HINTS = {
  'set-friendly-credit-period.end': 'UK time, on the quarter hour; earlier than the start runs across midnight,'
    + ' equal means all day',
};

function fieldOf(command, p) {
  const f = { name: p.name, label: p.label, optional: p.optional && p.kind !== 'days' && p.kind !== 'boolean',
    ...KINDS[p.kind](p) };
  f.hint = HINTS[`${command}.${p.name}`] || f.hint;
  if (p.onlyWhen) {
    f.when = (values) => p.onlyWhen.values.includes(values[p.onlyWhen.parameter]);
  }
  return f;
}

/** Every command, in the order agents reach for them; filled by loadCommands(). */
export let COMMANDS = [];
let loading = null;

/** Loads the command catalog once per page; resolves to COMMANDS. */
export function loadCommands() {
  if (!loading) {
    loading = api('GET', '/api/v1/commands').then(({ data }) => {
      COMMANDS = data.commands.map((c) => ({ name: c.name, label: c.label, blocks: c.blocks, digits: c.digits,
        fields: c.parameters.map((p) => fieldOf(c.name, p)) }));
      return COMMANDS;
    }, (e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

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

// The rule that relates two fields, as ChangeTimeOfUsePrice makes it (the API judges the rest).
function crossCheck(name, p, errors) {
  if (name === 'change-time-of-use-price' && p['off-peak-start'] && p['off-peak-start'] === p['off-peak-end']) {
    errors.push({ field: 'parameters.off-peak-end',
      message: `off-peak-end ${p['off-peak-end']} is out of range: a time other than off-peak-start` });
  }
}
