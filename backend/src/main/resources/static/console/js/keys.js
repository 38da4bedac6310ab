// Speed keys for people who use the console all day: single keys that act only when the focus is not in a text
// field (so typing is never taken over), and '?' for a list of them in a dialog. Each page names its own.
import { h } from './dom.js';

const TYPING = 'input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit]), textarea, select, [contenteditable]';

/** `keys`: [{key: '/', label: 'Search', run()}]. Adds '?' for the help. */
export function speedKeys(keys) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest?.(TYPING) || document.querySelector('dialog[open]')) {
      return;
    }
    if (event.key === '?') {
      event.preventDefault();
      help(keys);
      return;
    }
    const found = keys.find((k) => k.key === event.key);
    if (found) {
      event.preventDefault();
      found.run();
    }
  });
}

function help(keys) {
  const close = h('button', { type: 'button', class: 'button', id: 'keys-close' }, 'Close');
  const dialog = h('dialog', { id: 'keys-help', 'aria-labelledby': 'keys-title' },
      h('h2', { id: 'keys-title' }, 'Keyboard shortcuts'),
      h('p', {}, 'When the cursor is not in a text box:'),
      h('dl', { class: 'dl keys' }, [...keys, { key: '?', label: 'Show this list' }].flatMap((k) =>
        [h('dt', {}, h('kbd', {}, k.key)), h('dd', {}, k.label)])),
      h('div', { class: 'actions' }, close));
  const opener = document.activeElement;
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener?.focus?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}

/** Clicks a button if it is there and enabled. */
export function press(id) {
  const button = document.getElementById(id);
  if (button && !button.disabled && !button.closest('[hidden]')) {
    button.click();
  }
}
