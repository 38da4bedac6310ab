// The frame every console page shares: skip link, header with the pages the role may use, who is signed in,
// when the session ends, and sign-out. Pages `await start()` before anything else: it renews this tab's token from
// the browser's console session when there is none (a new tab, Ctrl+click), and keeps it renewed two minutes
// before it ends. If the session cannot be renewed, a banner says so and the page stays as it is: a read-out or a
// half-filled form is never taken away; signing in again in another tab lets this one carry on.
import { homeFor, onSessionEnded, session, toSignIn } from './api.js';
import { h, hhmm } from './dom.js';

const PAGES = [
  { href: '/console/agent.html', label: 'Customers', roles: ['AGENT', 'SUPERVISOR'] },
  { href: '/console/agent.html#approvals', label: 'Approvals', roles: ['SUPERVISOR'] },
  { href: '/console/ops.html', label: 'Notices and campaigns', roles: ['OPS', 'ADMIN'] },
  { href: '/console/install-codes.html', label: 'Install codes', roles: ['AGENT', 'SUPERVISOR', 'OPS', 'ADMIN'] },
  { href: '/console/devices.html', label: 'Devices and switches', roles: ['AGENT', 'SUPERVISOR', 'OPS', 'ADMIN'] },
  { href: '/console/follow-up.html', label: 'DP255 follow-up', roles: ['AGENT', 'SUPERVISOR', 'OPS', 'ADMIN'] },
  { href: '/console/at-risk.html', label: 'At risk', roles: ['AGENT', 'SUPERVISOR'] },
];

/** Renewal starts this long before the token ends; the warning shows if it has not worked by then. */
const AHEAD_MS = 120000;
const RETRY_MS = 15000;

/**
 * Checks the session and the role, draws the header, hides the parts of the page for other roles, and resolves
 * to the signed-in user. A page the role may not use sends the user to their own start page.
 */
export async function start(roles, current) {
  let user = session.user();
  if (!user && await session.renew()) {
    user = session.user();
  }
  if (!user) {
    toSignIn('signin');
    throw new Error('not signed in');
  }
  if (!roles.includes(user.role)) {
    const home = homeFor(user.role);
    location.replace(home || '/?why=role');
    throw new Error('wrong role');
  }
  const links = PAGES.filter((p) => p.roles.includes(user.role)).map((p) => h('li', {},
      h('a', { href: p.href, 'aria-current': p.label === current ? 'page' : null }, p.label)));
  const signOut = h('button', { type: 'button', class: 'button small secondary', id: 'sign-out' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await session.end();
    location.replace('/?why=signedout');
  });
  const ends = h('span', { class: 'session-ends', id: 'session-ends' }, `session renews at ${hhmm(renewAt(user))}`);
  const header = h('header', { class: 'site-header' },
      h('div', { class: 'bar' },
          h('a', { class: 'brand', href: homeFor(user.role) }, 'Lifeline'),
          h('nav', { 'aria-label': 'Console pages' }, h('ul', {}, links)),
          h('div', { class: 'who' },
              h('span', { id: 'signed-in-as' }, `${user.username} (${user.role.toLowerCase()})`), ends, signOut)));
  const banner = h('div', { id: 'session-banner', class: 'session-banner', role: 'alert', hidden: true });
  document.body.prepend(h('a', { class: 'skip-link', href: '#main' }, 'Skip to main content'), header, banner);
  // Parts of a page for some roles only name them: <section data-roles="SUPERVISOR OPS">. The API decides; this
  // only spares the others a form they cannot use.
  document.querySelectorAll('[data-roles]').forEach((el) => {
    el.hidden = !el.dataset.roles.split(' ').includes(user.role);
  });
  keepRenewed(user, ends, banner);
  return user;
}

function renewAt(user) {
  return new Date(user.expiresAt.getTime() - AHEAD_MS);
}

function keepRenewed(user, ends, banner) {
  let timer = null;
  let expiry = null;
  const schedule = (u) => {
    clearTimeout(timer);
    clearTimeout(expiry);
    expiry = setTimeout(ended, Math.max(0, Math.min(u.expiresAt.getTime() - Date.now(), 2 ** 31 - 1)));
    if (u.issuedAt && u.expiresAt.getTime() - u.issuedAt.getTime() <= AHEAD_MS) {
      // The session itself ends with this token (a shift's end): say so rather than renewing again and again.
      ends.textContent = `session ends ${hhmm(u.expiresAt)}`;
      warn(banner, 'Your session is ending', `It ends at ${hhmm(u.expiresAt)}. Sign in again to carry on; this `
          + 'page stays as it is.');
      return;
    }
    ends.textContent = `session renews at ${hhmm(renewAt(u))}`;
    timer = setTimeout(renew, Math.max(0, Math.min(renewAt(u).getTime() - Date.now(), 2 ** 31 - 1)));
  };
  const renew = async () => {
    if (await session.renew()) {
      return; // onRenewed reschedules
    }
    const left = Math.max(0, Math.round((user.expiresAt.getTime() - Date.now()) / 60000));
    warn(banner, 'Your session is ending', `It could not be renewed and ends at ${hhmm(user.expiresAt)}`
        + `${left ? ` (in ${left} minute${left === 1 ? '' : 's'})` : ''}. This page stays as it is.`);
    timer = setTimeout(renew, RETRY_MS);
  };
  const ended = () => {
    warn(banner, 'Your session has ended', 'This page stays as it is, but cannot save or refresh anything until '
        + 'you sign in again. Sign in in a new tab; this tab carries on by itself once you have.');
    clearTimeout(timer);
    timer = setTimeout(renew, RETRY_MS);
  };
  session.onRenewed((u) => {
    user = u;
    banner.hidden = true;
    schedule(u);
  });
  // In the last two minutes of a session the renewed token ends with it: renewal stops and the banner warns.
  onSessionEnded(ended);
  schedule(user);
}

function warn(banner, title, text) {
  const next = location.pathname + location.search + location.hash;
  banner.replaceChildren(h('h2', {}, title), h('p', {}, text, ' ',
      h('a', { href: `/?why=expired&next=${encodeURIComponent(next)}`, target: '_blank', rel: 'noopener',
        id: 'session-sign-in' }, 'Sign in again in a new tab')));
  banner.hidden = false;
}
