// A customer's timeline on the agent's page: codes issued (by whom, why), results reported, notices sent, texts
// and calls, agents' contacts, call-back requests, customers nobody reached and agents' notes, newest first, in UK time; and a form to add a note (GET and POST
// /api/v1/console/customers/{id}/timeline and /notes).
import { api } from './api.js';
import { badge, clear, h, when } from './dom.js';
import { field, showProblem, summaryBox } from './forms.js';
import { commandWords } from './words.js';

const KIND = {
  code: 'Code issued', result: 'Result reported', notice: 'Notice sent', note: 'Note', 'text-sent': 'Text sent',
  'text-received': 'Text received', call: 'Voice call', contact: 'Contact', 'no-supply': 'No supply reported',
  'call-back': 'Asked for a call back', unreached: 'Not reached by the app, text or call',
};

function line(e) {
  const what = e.kind === 'code' || e.kind === 'result'
    ? [h('strong', {}, commandWords({ command: e.command, parameters: e.parameters, description: e.description })), ' ',
      badge(e.status), e.text ? ` ${e.kind === 'code' ? 'Why: ' : ''}${e.text}` : '']
    : [e.status ? [badge(e.status), ' '] : null, e.text];
  return h('li', { dataset: { kind: e.kind } },
      h('p', { class: 'muted' }, `${when(e.at)} · ${KIND[e.kind] || e.kind}${e.by ? ` by ${e.by}` : ''}`),
      h('p', {}, what));
}

/** Draws the timeline of customer `id` into `container`. */
export function timelineView(container, id) {
  const list = h('ol', { class: 'timeline', id: 'timeline', 'aria-labelledby': 'timeline-heading' });
  const text = h('textarea', { rows: 2, maxlength: 1000 });
  const form = h('form', { id: 'note-form', novalidate: true }, summaryBox(),
      field({ label: 'Add a note', control: text, apiField: 'text', id: 'note-text',
        hint: 'What the customer said or needs; kept in the audit log' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button secondary', id: 'note-button' },
          'Save the note')));
  clear(container, h('h3', { id: 'timeline-heading' }, 'Timeline'), form, list);

  async function refresh() {
    try {
      const { data } = await api('GET', `/api/v1/console/customers/${encodeURIComponent(id)}/timeline`);
      clear(list, data.items.length ? data.items.map(line) : h('li', {}, 'Nothing yet.'));
    } catch (e) {
      clear(list, h('li', { class: 'alert' }, `Could not load the timeline: ${e.message}`));
    }
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', `/api/v1/console/customers/${encodeURIComponent(id)}/notes`, { body: { text: text.value } });
      text.value = '';
      await refresh();
    } catch (e) {
      showProblem(form, e);
    }
  });
  refresh();
  return { refresh };
}
