// The sign-in page: trades a username and password for an access token (POST /api/v1/auth/token), keeps it in
// sessionStorage and opens the console for the user's role, or the page they were sent here from.
import { api, homeFor, session } from './api.js';
import { h, hhmm } from './dom.js';
import { clearErrors, showErrors, showProblem } from './forms.js';

const WHY = {
  expired: ['Your session has ended', 'Sign in again to carry on.'],
  signedout: ['You have signed out', 'The console has forgotten your session on this tab.'],
  signin: ['Sign in first', 'The console needs you to sign in.'],
  role: ['This console is for staff', 'Customers use the Lifeline app.'],
};

const params = new URLSearchParams(location.search);
const why = WHY[params.get('why')];
if (why) {
  document.getElementById('notice').append(h('div', { class: 'alert info', role: 'status' },
      h('h2', {}, why[0]), h('p', {}, why[1])));
}

const STAFF_PAGES = ['install-codes', 'devices', 'follow-up'];
const PAGES_FOR = {
  AGENT: ['agent', 'readout', ...STAFF_PAGES], SUPERVISOR: ['agent', 'readout', ...STAFF_PAGES],
  OPS: ['ops', 'campaign', ...STAFF_PAGES], ADMIN: ['ops', 'campaign', ...STAFF_PAGES],
};

/** The page to open after sign-in: the one asked for if it is a console page of this role, else the role's own. */
function safeNext(next, role) {
  const m = /^\/console\/([a-z-]+)\.html([?#].*)?$/.exec(next || '');
  return m && (PAGES_FOR[role] || []).includes(m[1]) ? next : homeFor(role);
}

// Already signed in in this browser (another tab, or a session still running): carry on without a password.
const current = session.user() || (params.get('why') !== 'signedout' && await session.renew() ? session.user() : null);
if (current && homeFor(current.role)) {
  location.replace(safeNext(params.get('next'), current.role));
}

const form = document.getElementById('signin-form');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const username = form.username.value.trim();
  const password = form.password.value;
  const missing = [];
  if (!username) {
    missing.push({ field: 'username', message: 'Enter your username' });
  }
  if (!password) {
    missing.push({ field: 'password', message: 'Enter your password' });
  }
  if (missing.length) {
    showErrors(form, missing);
    return;
  }
  const button = document.getElementById('signin-button');
  button.disabled = true;
  try {
    const { data } = await api('POST', '/api/v1/auth/token', { body: { username, password }, auth: false });
    session.save(data.access_token);
    const user = session.user();
    if (!homeFor(user.role)) {
      session.clear();
      showErrors(form, [], { title: 'This console is for staff', detail: 'Customers use the Lifeline app.' });
      return;
    }
    // The session the browser's tabs share, renewed without the password until it ends or someone signs out.
    await session.start();
    location.assign(safeNext(params.get('next'), user.role));
  } catch (e) {
    if (e.code === 'invalid-credentials') {
      const left = e.problem.attemptsLeft;
      showErrors(form, [{ field: 'password', message: `Wrong username or password${typeof left === 'number'
        ? `: ${left} attempt${left === 1 ? '' : 's'} left before a pause` : ''}` }]);
    } else if (e.status === 429) {
      // The throttle's own wait, in minutes and as a time on the clock, not seconds.
      const minutes = Math.max(1, Math.ceil((e.retryAfter || 60) / 60));
      showErrors(form, [], { title: 'Too many failed sign-ins',
        detail: `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, at ${hhmm(new Date(Date.now()
            + (e.retryAfter || 60) * 1000))}. If you have forgotten your password, ask a supervisor.` });
    } else {
      showProblem(form, e);
    }
  } finally {
    button.disabled = false;
  }
});
