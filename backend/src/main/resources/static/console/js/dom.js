// Small DOM helpers shared by the consoles: building elements without innerHTML (so nothing the API returns is
// ever parsed as HTML), formatting money, prices and times, status badges, and an aria-live announcer.

/** h('p', {class: 'hint'}, 'text', child...): attributes starting with 'on' become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  if (tag === 'div' && el.classList.contains('table-wrap')) {
    scrollRegion(el);
  }
  return el;
}

/**
 * A box a wide table scrolls in is a named region in the Tab order, so keyboard users can scroll it (WCAG
 * 2.1.1; axe's scrollable-region-focusable); its name is the table's caption or label.
 */
function scrollRegion(el) {
  const table = el.querySelector('table');
  const caption = table && table.querySelector('caption');
  el.setAttribute('tabindex', '0');
  el.setAttribute('role', 'region');
  if (caption) {
    el.setAttribute('aria-label', caption.textContent);
  } else if (table && table.getAttribute('aria-labelledby')) {
    el.setAttribute('aria-labelledby', table.getAttribute('aria-labelledby'));
  } else {
    el.setAttribute('aria-label', 'Table');
  }
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : String(child));
    }
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** 1234 -> '£12.34'. */
export function money(pence) {
  return pence === undefined || pence === null ? '–' : pounds.format(pence / 100);
}

/** A stored price (thousandths of a penny) -> '24.862p'. */
export function price(thousandths) {
  if (thousandths === undefined || thousandths === null) {
    return '–';
  }
  const value = typeof thousandths === 'object' ? thousandths.thousandthsOfPenny : thousandths;
  return `${(value / 1000).toFixed(3)}p`;
}

// Every time a person reads is UK time and says so: GMT in winter, BST in summer (en-GB's short zone names).
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  timeZone: 'Europe/London', timeZoneName: 'short',
});
const timeOnly = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London', timeZoneName: 'short',
});
const timeWithSeconds = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London',
  timeZoneName: 'short',
});

/** An ISO instant in UK time with its zone, e.g. '23 Nov 2026, 02:15 GMT'. */
export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : '–';
}

/** A window in UK time, start first: '1 Dec 2026, 06:00 GMT to 4 Dec 2026, 06:00 GMT'. */
export function windowText(startIso, endIso) {
  return `${when(startIso)} to ${when(endIso)}`;
}

const dayOnly = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
});

/** A date in Great Britain as the API gives it ('2026-05-20') in words: 'Wednesday 20 May 2026'. */
export function day(isoDate) {
  return isoDate ? dayOnly.format(new Date(`${isoDate}T00:00:00Z`)) : '–';
}

/** A moment's UK time with seconds and zone, e.g. '14:05:09 GMT' (when a live view last changed). */
export function clock(date) {
  return timeWithSeconds.format(date);
}

/** A moment's UK time to the minute with zone, e.g. '14:05 GMT'. */
export function hhmm(date) {
  return timeOnly.format(date);
}

const ukWall = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  timeZone: 'Europe/London',
});

/** A moment as UK wall-clock text for a 24-hour input, whatever the browser's zone: '2026-12-01 06:00'. */
export function ukInput(date) {
  const p = Object.fromEntries(ukWall.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * UK wall-clock text ('2026-12-01 06:00', '2026-12-01T0600') as an instant in milliseconds. Returns
 * { error: 'format' } for anything else and { error: 'gap' } for a time the clocks skip in March; in October's
 * repeated hour it takes the first (BST). The UK is only ever GMT or an hour ahead (BST).
 */
export function ukInstant(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):?(\d{2})$/.exec(String(text).trim());
  if (!m) {
    return { error: 'format' };
  }
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const typed = `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}`;
  if (new Date(wall).toISOString().slice(0, 16).replace('T', ' ') !== typed) {
    return { error: 'format' }; // 2026-02-30 or 25:00
  }
  const at = [wall - 3600000, wall].find((t) => ukInput(new Date(t)) === typed);
  return at === undefined ? { error: 'gap' } : { at };
}

/** A campaign's area in words: 'Every customer' or 'LS6, YO21'. */
export function areaText(area) {
  if (!area) {
    return '–';
  }
  return area.all ? 'Every customer' : (area.districts || []).join(', ');
}

/** A status in words, coloured by kind: the word carries the meaning. */
export function badge(status, prefix = 's') {
  const words = String(status || '').replace(/_/g, ' ').toLowerCase();
  return h('span', { class: `badge ${prefix}-${status}` }, words);
}

const DEVICE_WORDS = {
  ESME: 'Electricity meter', GSME: 'Gas meter', PPMID: 'Prepayment display (PPMID)', CHF: 'Communications hub',
  IHD: 'In-home display',
};

/** 'ESME' -> 'Electricity meter'. */
export function deviceWords(type) {
  return DEVICE_WORDS[type] || type || 'Device';
}

const WAN_WORDS = {
  NO_WAN: 'no WAN: codes by phone',
  INSTALL_AND_LEAVE: 'install and leave: no WAN yet',
  PARTIAL_INSTALL: 'partial install: no WAN',
  COMMISSIONED_WAN: 'WAN working',
};

export function wanBadge(state) {
  return h('span', { class: `badge wan-${state}` }, WAN_WORDS[state] || String(state || 'unknown').toLowerCase());
}

let announcer;

/** Says something to screen-reader users without moving focus. */
export function announce(text) {
  if (!announcer) {
    announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
    document.body.append(announcer);
  }
  announcer.textContent = '';
  setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

/**
 * Runs `task` every `ms` while the page is visible, one run at a time (first run now unless `now` is false).
 * Returns {stop}.
 */
export function repeat(task, ms, { now = true } = {}) {
  let timer = null;
  let stopped = false;
  const run = async () => {
    if (!document.hidden) {
      await task();
    }
    if (!stopped) {
      timer = setTimeout(run, ms);
    }
  };
  if (now) {
    run();
  } else {
    timer = setTimeout(run, ms);
  }
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

const drawn = new WeakMap(); // container -> what it shows, as JSON

/**
 * Draws a part of a page that refreshes on a timer. When it would show what it already shows, nothing is touched:
 * a screen reader does not hear it again and nothing under the keyboard or the pointer is replaced. When it
 * changed, the control that had the keyboard's focus gets it back in the new drawing (found by its id, or by its
 * row's data-code or data-request and its label). Returns whether it drew.
 */
export function redraw(container, state, draw) {
  const now = JSON.stringify(state);
  if (drawn.get(container) === now) {
    return false;
  }
  drawn.set(container, now);
  const focused = document.activeElement;
  const mark = focused && focused !== container && container.contains(focused) ? focusMark(focused) : null;
  draw();
  if (mark) {
    focusAgain(container, mark);
  }
  return true;
}

/** The next redraw of the container draws, whatever it shows (after it showed an error, say). */
export function forgetDrawn(container) {
  drawn.delete(container);
}

// The rows of lists that refresh say what they show: a code or an install-code request.
const ROW_KEYS = ['code', 'request'];

function focusMark(el) {
  const row = el.closest(ROW_KEYS.map((k) => `[data-${k}]`).join(', '));
  const key = row && ROW_KEYS.find((k) => row.dataset[k] !== undefined);
  return { id: el.id, row: key ? `[data-${key}="${CSS.escape(row.dataset[key])}"]` : null, tag: el.tagName,
    label: labelOf(el) };
}

function labelOf(el) {
  return el.getAttribute('aria-label') || el.textContent;
}

function focusAgain(container, mark) {
  if (mark.id) {
    document.getElementById(mark.id)?.focus();
    return;
  }
  const scope = mark.row ? container.querySelector(mark.row) : container;
  [...(scope ? scope.getElementsByTagName(mark.tag) : [])].find((el) => labelOf(el) === mark.label)?.focus();
}

/** '1 meter', '302 meters'. */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
