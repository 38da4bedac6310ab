// The frame every console page shares: skip link, header with the pages the role may use, who is signed in,
// when the session ends, and sign-out (which forgets the token). Pages call start() before anything else.
import { homeFor, session, toSignIn } from './api.js';
import { clock, h } from './dom.js';

const PAGES = [
  { href: '/console/agent.html', label: 'Customers', roles: ['AGENT', 'SUPERVISOR'] },
  { href: '/console/agent.html#approvals', label: 'Approvals', roles: ['SUPERVISOR'] },
  { href: '/console/ops.html', label: 'Notices and campaigns', roles: ['OPS', 'ADMIN'] },
  { href: '/console/install-codes.html', label: 'Install codes', roles: ['AGENT', 'SUPERVISOR', 'OPS', 'ADMIN'] },
  { href: '/console/devices.html', label: 'Devices and switches', roles: ['AGENT', 'SUPERVISOR', 'OPS', 'ADMIN'] },
  { href: '/console/follow-up.html', label: 'DP255 follow-up', roles: ['AGENT', 'SUPERVISOR', 'OPS', 'ADMIN'] },
  { href: '/console/at-risk.html', label: 'At risk', roles: ['AGENT', 'SUPERVISOR'] },
];

/**
 * Checks the session and the role, draws the header, hides the parts of the page for other roles, and returns
 * the signed-in user. A page the role may not use sends the user to their own start page.
 */
export function start(roles, current) {
  const user = session.user();
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
  signOut.addEventListener('click', () => {
    session.clear();
    location.replace('/?why=signedout');
  });
  const header = h('header', { class: 'site-header' },
      h('div', { class: 'bar' },
          h('a', { class: 'brand', href: homeFor(user.role) }, 'Lifeline'),
          h('nav', { 'aria-label': 'Console pages' }, h('ul', {}, links)),
          h('div', { class: 'who' },
              h('span', { id: 'signed-in-as' }, `${user.username} (${user.role.toLowerCase()})`),
              h('span', { class: 'session-ends' }, `session ends ${clock(user.expiresAt).slice(0, 5)}`),
              signOut)));
  document.body.prepend(h('a', { class: 'skip-link', href: '#main' }, 'Skip to main content'), header);
  // Parts of a page for some roles only name them: <section data-roles="SUPERVISOR OPS">. The API decides; this
  // only spares the others a form they cannot use.
  document.querySelectorAll('[data-roles]').forEach((el) => {
    el.hidden = !el.dataset.roles.split(' ').includes(user.role);
  });
  // The token stops working at its expiry: go back to sign-in then, rather than failing on the next click.
  const left = user.expiresAt.getTime() - Date.now();
  setTimeout(() => toSignIn('expired'), Math.max(0, Math.min(left, 2 ** 31 - 1)));
  return user;
}
