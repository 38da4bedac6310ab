// The area a campaign covers, as operations staff give it: every customer, or postcode districts (outward
// codes such as LS6, YO21, EC1A), checked as uk.lifeline.backend.notice.Area checks them.
import { h } from './dom.js';
import { field, group } from './forms.js';

const OUTWARD = /^[A-Z]{1,2}[0-9][0-9A-Z]?$/;

/** The area controls, ids prefixed with `prefix`. Returns {element, read() -> {area} | {errors}}. */
export function areaFields(prefix) {
  const radio = (value, label, checked) => h('label', { class: 'check' },
      h('input', { type: 'radio', name: `${prefix}-area`, value, checked }), label);
  const scope = group({ legend: 'Where', apiField: 'area', id: `${prefix}-area`,
    controls: [radio('districts', 'Postcode districts', true), radio('all', 'Every customer', false)] });
  const districts = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const districtsField = field({ label: 'Postcode districts', control: districts, apiField: 'area.districts',
    id: `${prefix}-districts`, hint: 'Outward codes, separated by commas or spaces, e.g. LS6, YO21, EC1A. '
        + 'A district with sub-districts (EC1) covers them all.' });
  scope.addEventListener('change', () => {
    districtsField.hidden = scope.querySelector('input:checked').value === 'all';
  });
  const read = () => {
    if (scope.querySelector('input:checked').value === 'all') {
      return { area: { all: true } };
    }
    const given = districts.value.split(/[\s,;]+/).filter(Boolean);
    if (!given.length) {
      return { errors: [{ field: 'area.districts', message: 'name at least one postcode district (e.g. AB10), or choose every customer' }] };
    }
    const bad = given.filter((d) => !OUTWARD.test(d.toUpperCase()));
    if (bad.length) {
      return { errors: bad.map((d) => ({ field: 'area.districts', message: `'${d.slice(0, 12)}' is not a postcode district or outward code` })) };
    }
    return { area: { districts: [...new Set(given.map((d) => d.toUpperCase()))] } };
  };
  return { element: h('div', {}, scope, districtsField), read };
}
