// The operations page: launch an extreme-weather notice or a price change over an area, after a dry run that
// counts the meters and customers it reaches; and the list of recent campaigns. Launching opens the campaign's
// live page.
import { api } from './api.js';
import { start } from './chrome.js';
import { areaText, badge, clear, h, plural, ukInput, ukInstant, when, windowText } from './dom.js';
import { byName, loadCommands, renderFields } from './commands.js';
import { campaignName } from './words.js';
import { clearErrors, field, group, showErrors, showProblem, summaryBox } from './forms.js';
import { areaFields } from './area.js';

const user = await start(['OPS', 'ADMIN'], 'Notices and campaigns');

const campaignUrl = (id) => `/console/campaign.html?id=${encodeURIComponent(id)}`;
const DAY = 86400000;

/**
 * A campaign form: `fields` are drawn above the area; `body()` gives {body, fuel} or {errors}; `launch(body)`
 * posts it. Checking counts the reach; launching needs a fresh check of the same request.
 */
function campaignForm(container, prefix, { fields, body, launch, noun }) {
  const area = areaFields(prefix);
  const reason = h('textarea', { rows: 2, maxlength: 500 });
  // The escalation ladder's first step: customers whose app has not fetched the code by then get a text.
  const wait = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'short' });
  const check = h('button', { type: 'submit', class: 'button', id: `${prefix}-check` }, 'Check who is affected');
  const form = h('form', { novalidate: true, id: `${prefix}-form` }, summaryBox(), fields, area.element,
      field({ label: 'Reason', control: reason, apiField: 'reason', id: `${prefix}-reason`,
        hint: 'Why; kept in the audit log' }),
      field({ label: 'Text customers whose app has not fetched the code after (minutes, optional)', control: wait,
        apiField: 'appDeadlineMinutes', id: `${prefix}-app-deadline`,
        hint: "Leave empty for your supplier's usual wait; a storm may need less, e.g. 10" }),
      h('div', { class: 'actions' }, check));
  const outcome = h('div', { id: `${prefix}-outcome` });
  clear(container, form, outcome);
  let checked = null;
  const forget = () => {
    checked = null;
    clear(outcome);
  };
  form.addEventListener('input', forget);
  form.addEventListener('change', forget);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const made = body();
    const where = area.read();
    const errors = [...(made.errors || []), ...(where.errors || [])];
    if (!reason.value.trim()) {
      errors.push({ field: 'reason', message: 'Give a reason: it is kept in the audit log' });
    }
    const minutes = wait.value.trim();
    if (minutes && !/^[0-9]{1,4}$/.test(minutes)) {
      errors.push({ field: 'appDeadlineMinutes', message: 'enter whole minutes, e.g. 10, or leave it empty' });
    }
    if (errors.length) {
      showErrors(form, errors, { title: 'Check the highlighted fields' });
      return;
    }
    const request = { ...made.body, area: where.area, reason: reason.value.trim(),
      appDeadlineMinutes: minutes ? Number(minutes) : null };
    check.disabled = true;
    try {
      const { data } = await api('POST', '/api/v1/console/affected', { body: { area: where.area, fuel: made.fuel } });
      checked = request;
      showReach(data);
    } catch (e) {
      showProblem(form, e);
    } finally {
      check.disabled = false;
    }
  });

  function showReach(answer) {
    const c = answer.count;
    const place = answer.all ? 'every customer' : `postcode districts ${answer.districts.join(', ')}`;
    // Meters a change of supplier blocks are targets the campaign marks failed at once: not counted as reached.
    const reached = c.meters - c.blockedMeters;
    const go = h('button', { type: 'button', class: 'button danger', id: `${prefix}-launch`, disabled: !reached },
        `Launch the ${noun} to ${plural(reached, 'meter')}`);
    const back = h('button', { type: 'button', class: 'button secondary' }, 'Change it');
    back.addEventListener('click', () => {
      forget();
      form.querySelector('input, select, textarea').focus();
    });
    go.addEventListener('click', async () => {
      go.disabled = true;
      try {
        const { data } = await api('POST', launch, { body: checked });
        location.assign(campaignUrl(data.id));
      } catch (e) {
        go.disabled = false;
        forget();
        showProblem(form, e);
      }
    });
    clear(outcome, h('div', { class: 'alert info', id: `${prefix}-reach`, tabindex: '-1' },
        h('h3', {}, reached ? `This reaches ${plural(reached, 'meter')} at ${plural(c.customers, 'customer')}`
          : c.meters ? 'No meter in this area can be reached now' : 'No meters in this area'),
        h('ul', {},
            h('li', {}, `Area: ${place}.`),
            h('li', {}, `${plural(c.codedMeters, 'meter')} without the WAN get a code; ${c.wanMeters} over the WAN (DCC).`),
            c.blockedMeters ? h('li', {}, `${plural(c.blockedMeters, 'meter')} left out: a change of supplier is under`
                + ' way there, so no code can go to them. They show as failed in the progress.') : null,
            h('li', {}, c.customersWithoutPhone === 1 ? '1 customer has no phone with the app: they will be on the '
                + 'call-centre list.' : `${c.customersWithoutPhone} customers have no phone with the app: they will be `
                + 'on the call-centre list.')),
        h('div', { class: 'actions' }, go, back)));
    outcome.firstChild.focus();
  }
}

function noticeForm() {
  const title = h('input', { type: 'text', maxlength: 80 });
  const message = h('textarea', { rows: 3, maxlength: 500 });
  const now = new Date(Math.ceil(Date.now() / 900000) * 900000);
  // 24-hour UK time as text: a browser's own date-time control follows its locale (AM/PM, mm/dd) and zone.
  const timeInput = (date) => h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'medium',
    placeholder: 'YYYY-MM-DD HH:MM', value: ukInput(date) });
  const starts = timeInput(now);
  const ends = timeInput(new Date(now.getTime() + 2 * DAY));
  const understood = (input) => {
    const said = h('p', { class: 'muted understood', 'aria-live': 'polite' });
    const show = () => {
      const t = ukInstant(input.value);
      said.textContent = t.at === undefined ? '' : `That is ${when(new Date(t.at).toISOString())}.`;
    };
    input.addEventListener('input', show);
    show();
    return said;
  };
  const fields = h('div', {},
      field({ label: 'Title', control: title, apiField: 'title', id: 'notice-title', hint: 'Up to 80 characters, e.g. Cold weather: your supply stays on' }),
      field({ label: 'Message to customers', control: message, apiField: 'message', id: 'notice-message', hint: 'Up to 500 characters' }),
      field({ label: 'Starts (UK time, 24-hour)', control: starts, apiField: 'startsAt', id: 'notice-starts',
        hint: 'Date and time as YYYY-MM-DD HH:MM, e.g. 2026-12-01 06:00' }), understood(starts),
      field({ label: 'Ends (UK time, 24-hour)', control: ends, apiField: 'endsAt', id: 'notice-ends',
        hint: 'At most 31 days after the start, e.g. 2026-12-03 06:00' }), understood(ends));
  const body = () => {
    const errors = [];
    if (!title.value.trim()) {
      errors.push({ field: 'title', message: 'Give the notice a title' });
    }
    if (!message.value.trim()) {
      errors.push({ field: 'message', message: 'Write the message customers will see' });
    }
    const wrong = (t) => (t.error === 'gap'
      ? 'that time does not happen in the UK that day: the clocks go forward from 01:00 to 02:00'
      : 'enter the date and time as YYYY-MM-DD HH:MM in UK time, e.g. 2026-12-01 06:00');
    const st = ukInstant(starts.value);
    const et = ukInstant(ends.value);
    const s = st.at === undefined ? NaN : st.at;
    const e = et.at === undefined ? NaN : et.at;
    if (Number.isNaN(s)) {
      errors.push({ field: 'startsAt', message: wrong(st) });
    }
    if (Number.isNaN(e)) {
      errors.push({ field: 'endsAt', message: wrong(et) });
    } else if (!Number.isNaN(s) && e <= s) {
      errors.push({ field: 'endsAt', message: 'must be after the start' });
    } else if (e <= Date.now()) {
      errors.push({ field: 'endsAt', message: 'has already passed' });
    } else if (!Number.isNaN(s) && e - s > 31 * DAY) {
      errors.push({ field: 'endsAt', message: 'a non-disconnect period lasts at most 31 days' });
    }
    return errors.length ? { errors } : { body: { title: title.value.trim(), message: message.value.trim(),
      startsAt: new Date(s).toISOString(), endsAt: new Date(e).toISOString() } };
  };
  campaignForm(document.getElementById('notice'), 'notice', { fields, body, launch: '/api/v1/notices', noun: 'notice' });
}

async function priceForm() {
  await loadCommands();
  const fuel = group({ legend: 'Fuel', apiField: 'fuel', id: 'price-fuel', controls: [['ELECTRICITY', 'Electricity'],
    ['GAS', 'Gas']].map(([value, label], i) => h('label', { class: 'check' },
      h('input', { type: 'radio', name: 'price-fuel', value, checked: i === 0 }), label)) });
  const command = h('select', {}, ['change-price', 'change-time-of-use-price']
      .map((name) => h('option', { value: name }, byName(name).label)));
  const parameters = h('div', {});
  const title = h('input', { type: 'text', maxlength: 80 });
  const message = h('textarea', { rows: 2, maxlength: 500 });
  const from = { from: { label: 'New prices from', optional: false, hint: 'The meter-local date the prices take effect' } };
  let current = renderFields(parameters, byName(command.value), 'price', from);
  command.addEventListener('change', () => {
    current = renderFields(parameters, byName(command.value), 'price', from);
  });
  const fields = h('div', {}, fuel,
      field({ label: 'Tariff', control: command, apiField: 'command', id: 'price-command' }), parameters,
      field({ label: 'Title (optional)', control: title, apiField: 'title', id: 'price-title' }),
      field({ label: 'Message to customers (optional)', control: message, apiField: 'message', id: 'price-message' }));
  const body = () => {
    const checked = current.check();
    if (checked.errors) {
      return { errors: checked.errors };
    }
    const chosen = fuel.querySelector('input:checked').value;
    return { fuel: chosen, body: { command: command.value, parameters: checked.parameters, fuel: chosen,
      title: title.value.trim() || null, message: message.value.trim() || null } };
  };
  campaignForm(document.getElementById('price'), 'price', { fields, body, launch: '/api/v1/price-changes', noun: 'price change' });
}

async function campaignList() {
  const target = document.getElementById('campaigns');
  try {
    const { data } = await api('GET', '/api/v1/console/campaigns');
    if (!data.items.length) {
      clear(target, h('p', {}, 'No campaigns yet.'));
      return;
    }
    const active = data.items.filter((c) => c.active).length;
    clear(target, h('p', { id: 'campaigns-count' }, active ? `${plural(active, 'active campaign')} first, then the newest.`
        : 'No campaign is active; the newest first.'),
    h('ul', { class: 'campaign-list', id: 'campaign-list' }, data.items.map((c) => h('li',
        { class: c.active ? 'active' : null, dataset: { campaign: c.id } },
        h('p', { class: 'name' }, h('a', { href: campaignUrl(c.id) }, campaignName(c)), ' ',
            c.active ? h('span', { class: 'badge s-RUNNING' }, 'active') : null, ' ', badge(c.status)),
        h('p', {}, h('strong', {}, 'Area: '), areaText(c.area)),
        h('p', {}, h('strong', {}, c.startsAt ? 'Window: ' : 'Prices from: '),
            c.startsAt ? windowText(c.startsAt, c.endsAt) : (c.parameters && c.parameters.from) || 'at once'),
        h('p', { class: 'muted' }, `${plural(c.total, 'meter')}; launched by ${c.launchedBy || 'someone'} `
            + `${when(c.createdAt)}`)))));
  } catch (e) {
    clear(target, h('p', { class: 'alert' }, `Could not load the campaigns: ${e.message}`));
  }
}

if (user.role === 'OPS') {
  noticeForm();
  priceForm();
} else {
  // Administrators follow campaigns; launching them is for operations staff (POST /api/v1/notices is OPS only).
  ['notice', 'price'].forEach((id) => clear(document.getElementById(id),
      h('p', { class: 'alert info' }, 'Only operations staff launch campaigns; you can follow them below.')));
}
campaignList();
