// The demo phones page (issue 14, demo data only): each demo customer's texts and calls as their phone showed
// them, in their language, and a form to text back as the customer through the demo's SMSC (AGAIN/DONE/HELP/STOP,
// or the Welsh words for a Welsh customer). The lists refresh every 5 seconds; the forms stay as they are.
import { api } from './api.js';
import { start } from './chrome.js';
import { announce, clear, clock, h, redraw, repeat, when } from './dom.js';
import { clearErrors, field, showProblem, summaryBox } from './forms.js';

await start(['OPS', 'ADMIN'], 'Demo phones');

const LANGUAGES = { en: 'English', cy: 'Welsh (Cymraeg)' };
const CHANNELS = { APP: 'the app', SMS: 'texts', VOICE: 'voice calls' };
const NEEDS = {
  SMALL_PRINT: 'cannot read small print', BLIND_OR_PARTIALLY_SIGHTED: 'blind or partially sighted',
  DEAF_OR_HARD_OF_HEARING: 'deaf or hard of hearing', NOMINEE: 'a nominee is contacted instead',
};
const STATES = {
  PENDING: 'waiting to go', SUBMITTING: 'going', SUBMITTED: 'with the network', DELIVERED: 'delivered',
  FAILED: 'not delivered', EXPIRED: 'expired', IN_DOUBT: 'in doubt', RECEIVED: 'received',
};

const list = document.getElementById('phones');
const status = document.getElementById('phones-status');
const shown = new Map(); // customerId -> { section, texts, calls }

function phoneSection(p) {
  const n = p.customerId;
  const texts = h('div', { class: 'phone-texts' });
  const calls = h('div', { class: 'phone-calls' });
  const input = h('input', { type: 'text', maxlength: 160, autocomplete: 'off' });
  const form = h('form', { novalidate: true, class: 'reply-form' });
  const send = async (text) => {
    clearErrors(form);
    try {
      await api('POST', `/api/v1/demo/phones/${encodeURIComponent(n)}/replies`, { body: { text } });
      input.value = '';
      announce(`Sent “${text}” from ${p.name}'s mobile`);
      setTimeout(refresh, 800);
    } catch (e) {
      showProblem(form, e);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send(input.value);
  });
  const words = h('div', { class: 'actions' }, p.replyWords.map((w) => h('button', {
    type: 'button', class: 'button secondary', lang: p.language, onclick: () => send(w),
    'aria-label': `Text ${w} as ${p.name}`,
  }, w)));
  const headingId = `phone-${n}`;
  const section = h('section', { 'aria-labelledby': headingId, class: 'phone', dataset: { customer: n } },
      h('h2', { id: headingId }, `${p.name} (${p.accountNumber})`),
      h('dl', { class: 'dl' },
          h('dt', {}, 'Mobile'), h('dd', {}, p.mobile || 'none'),
          h('dt', {}, 'Landline'), h('dd', {}, p.landline || 'none'),
          h('dt', {}, 'Language'), h('dd', {}, LANGUAGES[p.language] || p.language),
          h('dt', {}, 'Agreed to'), h('dd', {}, p.channels.map((c) => CHANNELS[c] || c).join(', ') || 'nothing'),
          h('dt', {}, 'Needs'), h('dd', {}, p.needs.map((x) => NEEDS[x] || x).join(', ') || 'none recorded')),
      h('h3', {}, 'Texts'), texts,
      h('h3', {}, 'Calls'), calls,
      p.mobile ? [h('h3', {}, `Text back as ${p.name}`), form] : null);
  if (p.mobile) {
    form.append(summaryBox(), words, field({ label: 'Or type a reply', control: input, apiField: 'text',
      hint: 'One text message, as the customer would type it.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Send the reply')));
  }
  return { section, texts, calls };
}

function drawTexts(container, p) {
  clear(container, p.texts.length === 0 ? h('p', { class: 'muted' }, 'No texts yet.')
    : h('ol', { class: 'texts', reversed: true }, p.texts.map((t) => h('li', {
      class: t.direction === 'IN' ? 'from-customer' : 'to-customer', dataset: { state: t.state },
    },
    h('p', { class: 'muted' }, `${t.direction === 'IN' ? 'Sent by the customer' : 'Received'}, ${when(t.at)}: `,
        h('span', { class: `badge s-${t.state}` }, STATES[t.state] || t.state)),
    h('p', { class: 'text-body', lang: t.direction === 'IN' ? null : p.language }, t.body)))));
}

function drawCalls(container, p, voiceCalls) {
  clear(container, !voiceCalls ? h('p', { class: 'muted' }, 'Voice calls are not configured on this backend.')
    : p.calls.length === 0 ? h('p', { class: 'muted' }, 'No calls yet.')
      : h('ol', { class: 'calls', reversed: true }, p.calls.map((c) => h('li', {},
          h('p', { class: 'muted' }, `${c.direction === 'IN' ? 'The customer rang' : 'Rang the customer'}, `
            + `${when(c.at)}: ${c.state}`),
          h('p', { class: 'text-body', lang: p.language }, c.script)))));
}

async function refresh() {
  try {
    const { data } = await api('GET', '/api/v1/demo/phones');
    const items = [...data.items].sort((a, b) => a.accountNumber.localeCompare(b.accountNumber));
    for (const p of items) {
      if (!shown.has(p.customerId)) {
        const parts = phoneSection(p);
        shown.set(p.customerId, parts);
        list.append(parts.section);
      }
      // Only a phone whose texts or calls changed is drawn again, so the page stays still while it is read.
      const parts = shown.get(p.customerId);
      redraw(parts.section, [p.texts, p.calls, data.voiceCalls], () => {
        drawTexts(parts.texts, p);
        drawCalls(parts.calls, p, data.voiceCalls);
      });
    }
    if (!data.items.length) {
      clear(list, h('p', {}, 'No demo customer has a phone recorded.'));
    }
    status.textContent = `${data.smscRunning ? 'The demo\'s text gateway is running.'
      : 'The demo\'s text gateway is not running: texts wait.'} Updated ${clock(new Date())}, every 5 seconds.`;
  } catch (e) {
    status.textContent = e.status === 404 ? 'This page is only there with the demo data.'
      : `Could not load the phones: ${e.message}`;
  }
}

repeat(refresh, 5000);
