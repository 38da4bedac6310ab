// Revealing a device's install code: the one place the console shows one. It asks why (the reason goes into
// the audit log), shows the code only in this panel's DOM (never in storage, the URL or a cache: the API sends
// it with no-store), and hides it again after a minute, on "Hide", or as soon as the tab is hidden or left.
import { api } from './api.js';
import { announce, clear, clock, h } from './dom.js';
import { askReason } from './dialog.js';

const SHOWN_MS = 60000;

/** Draws the reveal panel for `record` (a commissioning view the caller may reveal the code of) in `container`. */
export function revealPanel(container, record) {
  const others = record.installedByYou ? '' : ` It is also written to ${record.installingSupplier.name}’s log, the `
      + 'supplier that installed the device.';
  const button = h('button', { type: 'button', class: 'button', id: 'reveal-button' }, 'Reveal the install code');
  const shown = h('div', { id: 'reveal-shown' });
  clear(container,
      h('p', {}, 'Every reveal is audited: your name, this device and the reason you give are kept in the audit '
          + `log.${others} Reveal it only when you are about to use it, for example to join the device to the HAN.`),
      h('div', { class: 'actions' }, button), shown);
  let timers = [];

  function hide(why) {
    if (!shown.firstChild) {
      return;
    }
    timers.forEach(clearInterval);
    timers = [];
    clear(shown);
    button.hidden = false;
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onLeave);
    if (why) {
      announce(why);
      if (container.isConnected) {
        button.focus();
      }
    }
  }
  const onVisibility = () => document.hidden && hide('The install code is hidden because you left the tab.');
  const onLeave = () => hide();

  button.addEventListener('click', async () => {
    const answer = await askReason({
      title: 'Reveal the install code?', danger: false,
      intro: `Device ${record.deviceId}. The reveal is recorded in the audit log with your reason.${others}`,
      label: 'Why you need it', hint: 'For example: commissioning the ESME: HAN join (SRV 8.11)',
      confirm: 'Reveal the code',
      send: (reason) => api('POST', `/api/v1/devices/${encodeURIComponent(record.deviceId)}/install-code/reveal`,
          { body: { reason } }),
    });
    if (answer) {
      show(answer.data);
    }
  });

  function show(revealed) {
    const left = h('span', { id: 'reveal-left' }, String(SHOWN_MS / 1000));
    const hideButton = h('button', { type: 'button', class: 'button secondary', id: 'reveal-hide' }, 'Hide the code now');
    hideButton.addEventListener('click', () => hide('The install code is hidden.'));
    const groups = revealed.installCode.split(' ');
    const box = h('div', { class: 'alert warn secret', tabindex: '-1', id: 'reveal-box' },
        h('h3', {}, `Install code of ${revealed.deviceId}`),
        h('p', { class: 'install-code mono', id: 'install-code' }, groups.map((g) => [h('span', {}, g), ' '])),
        h('p', {}, `Revealed at ${clock(new Date(revealed.revealedAt))} and recorded in the audit log. Do not write it `
            + 'down or send it on. It is hidden in ', left, ' seconds, or when you leave this tab.'),
        h('div', { class: 'actions' }, hideButton));
    clear(shown, box);
    button.hidden = true;
    box.focus();
    const until = Date.now() + SHOWN_MS;
    timers.push(setInterval(() => {
      const s = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      left.textContent = String(s);
      if (s === 0) {
        hide('The install code is hidden: a minute has passed.');
      }
    }, 1000));
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onLeave);
  }

  return { hide: () => hide() };
}
