// A code's delivery attempts on every channel (GET /api/v1/codes/{id}/attempts), in a dialog opened from a
// meter's code history: pushes, the app fetching or streaming it, texts with their states, calls, the
// escalation ladder's steps with what came of them, and a confirmation of entry. Times in UK time with zone.
import { api } from './api.js';
import { badge, h, when } from './dom.js';
import { commandWords } from './words.js';

const CHANNELS = { APP: 'App', SMS: 'Text', VOICE: 'Voice call', LADDER: 'Escalation ladder' };
const WHAT = {
  pushed: 'Pushed to a phone', fetched: 'Fetched by the app', streamed: 'Sent on the app\'s live stream',
  text: 'Text sent', reply: 'Reply received', call: 'Call made', 'call-in': 'Call received',
  'confirmed-entered': 'Customer confirmed it was typed', text_step: 'Step: text', voice: 'Step: voice call',
  'call-centre': 'Step: call centre\'s list',
};

let count = 0;

function words(a) {
  if (a.channel === 'LADDER' && a.what === 'text') {
    return WHAT.text_step;
  }
  return WHAT[a.what] || a.what;
}

/** Opens the dialog for one code; focus returns to what opened it. */
export async function showAttempts(code) {
  const n = ++count;
  const opener = document.activeElement;
  const close = h('button', { type: 'button', class: 'button secondary' }, 'Close');
  const body = h('div', { role: 'status' }, 'Loading…');
  const dialog = h('dialog', { 'aria-labelledby': `attempts-title-${n}`, class: 'wide', id: 'attempts-dialog' },
      h('h2', { id: `attempts-title-${n}` }, 'How this code reached the customer'),
      h('p', {}, `${commandWords(code)} (counter ${code.counter})`),
      body, h('div', { class: 'actions' }, close));
  document.body.append(dialog);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && opener.isConnected) {
      opener.focus();
    }
  });
  close.addEventListener('click', () => dialog.close());
  dialog.showModal();
  try {
    const { data } = await api('GET', `/api/v1/codes/${encodeURIComponent(code.id)}/attempts`);
    body.replaceChildren(
        data.attempts.length === 0 ? h('p', {}, 'Nothing tried yet: the code waits for the app.')
          : h('div', { class: 'table-wrap' }, h('table', { id: 'attempts' },
              h('caption', {}, `Status now: ${String(data.status).replace(/_/g, ' ').toLowerCase()}`),
              h('thead', {}, h('tr', {}, ['When', 'Channel', 'What', 'State', 'Detail']
                  .map((t) => h('th', { scope: 'col' }, t)))),
              h('tbody', {}, data.attempts.map((a) => h('tr', { dataset: { channel: a.channel, what: a.what } },
                  h('td', {}, when(a.at)), h('td', {}, CHANNELS[a.channel] || a.channel), h('td', {}, words(a)),
                  h('td', {}, badge(a.state)), h('td', {}, a.detail || '')))))),
        data.voiceCalls ? null : h('p', { class: 'muted' }, 'Voice calls are not configured on this backend.'));
  } catch (e) {
    body.replaceChildren(h('p', { class: 'alert' }, `Could not load the attempts: ${e.message}`));
  }
}
