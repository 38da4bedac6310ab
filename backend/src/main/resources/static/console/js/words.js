// What a code does and which meter it is for, in the words the console shows: the command as the API describes
// it in plain English (shared's CommandWords, `description` on a code's view), and the meter named so an agent
// cannot read a code into the wrong one: the customer, the premises, the fuel and the meter's last digits.
import { byName } from './commands.js';
import { h } from './dom.js';

/**
 * The command in plain words: the API's description (shared's CommandWords, as the app and texts say it), else
 * (views without one: the approvals queue, campaigns) its label and parameters in the form's order.
 */
export function commandWords(code) {
  if (code.description) {
    return code.description[0].toUpperCase() + code.description.slice(1);
  }
  const command = byName(code.command);
  if (!command) {
    return code.command;
  }
  const p = code.parameters || {};
  const parts = command.fields.filter((f) => p[f.name] !== undefined)
      .map((f) => `${f.label.replace(/ \(.*\)$/, '').toLowerCase()} ${p[f.name]}`);
  return parts.length ? `${command.label}: ${parts.join(', ')}` : command.label;
}

const FUEL = { ELECTRICITY: 'electricity', GAS: 'gas' };

/** The last four characters of a meter's id, as agents ask customers to read them off the meter. */
export function lastDigits(meterId) {
  return String(meterId || '').slice(-4);
}

/** The banner over a read-out: 'Type this on the GAS meter', whose it is, and how to check it is the right one. */
export function meterBanner(m) {
  const fuel = FUEL[m.fuel] || 'the';
  return h('div', { class: `meter-banner fuel-${String(m.fuel).toLowerCase()}`, id: 'meter-banner' },
      h('p', { class: 'type-on', id: 'type-on' }, 'Type this on the ', h('strong', {}, `${fuel.toUpperCase()} meter`),
          m.hasPpmid ? ` (or on the prepayment display, choosing ${fuel})` : ''),
      h('dl', { class: 'dl' },
          h('dt', {}, 'Customer'), h('dd', { id: 'banner-customer' }, `${m.customerName}, account ${m.accountNumber}`),
          h('dt', {}, 'Address'), h('dd', {}, `${m.address}, ${m.postcode}`),
          h('dt', {}, 'Meter'), h('dd', { id: 'banner-meter' }, `${fuel[0].toUpperCase()}${fuel.slice(1)} meter ending `,
              h('strong', { class: 'mono' }, lastDigits(m.meterId)), ' ', h('span', { class: 'mono muted' }, `(${m.meterId})`)),
          h('dt', {}, m.fuel === 'GAS' ? 'MPRN' : 'MPAN'), h('dd', { class: 'mono' }, m.mpxn)),
      h('p', { class: 'muted' }, `Ask the customer to read the last four characters on the ${fuel} meter: they should be `,
          h('span', { class: 'mono' }, lastDigits(m.meterId)), '.'));
}

/** A campaign's own name: its title, or what kind it is. */
export function campaignName(c) {
  return c.title || (c.kind === 'NOTICE' ? 'Extreme-weather notice' : 'Price change');
}
