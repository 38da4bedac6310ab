// The console's link to the Lifeline API: the signed-in session, Bearer headers, and problem+json errors turned
// into ApiError with the API's field details. Each tab keeps its own short access token in sessionStorage (never
// localStorage); the session behind it is an HttpOnly cookie this script cannot read, which renews the token
// (POST /api/v1/auth/console-session/refresh) before it ends, and gives a new tab of the same browser its own.

const TOKEN_KEY = 'lifeline.console.token';
const SESSION_PATH = '/api/v1/auth/console-session';
const channel = 'BroadcastChannel' in window ? new BroadcastChannel('lifeline.console') : null;

/** An error answer from the API: its RFC 9457 problem, with field errors as the API lists them. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.type = this.problem.type || '';
    this.code = this.problem.code || '';
    this.title = this.problem.title || 'Something went wrong';
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(part + '='.repeat((4 - (part.length % 4)) % 4));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

const listeners = [];
let renewing = null;

/** Another tab signed out: this one forgets its token and shows the sign-in page. */
channel?.addEventListener('message', (event) => {
  if (event.data === 'signed-out' && location.pathname !== '/') {
    session.clear();
    location.replace('/?why=signedout');
  }
});

export const session = {
  /** The token while it is still valid; an expired one is dropped. */
  token() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
      return null;
    }
    const claims = claimsOf(token);
    if (!claims || !claims.exp || claims.exp * 1000 <= Date.now()) {
      sessionStorage.removeItem(TOKEN_KEY);
      return null;
    }
    return token;
  },
  save(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    listeners.forEach((l) => l(this.user()));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
  /** Calls `listener(user)` whenever this tab gets a new token (a renewal). */
  onRenewed(listener) {
    listeners.push(listener);
  },
  /** After a password sign-in: starts the session the tabs share (sets the refresh cookie). */
  async start() {
    await api('POST', SESSION_PATH);
  },
  /**
   * A new access token for this tab from the shared session; true when renewed. One request at a time per tab:
   * the cookie rotates on each use.
   */
  renew() {
    renewing = renewing || (async () => {
      try {
        const response = await fetch(`${SESSION_PATH}/refresh`, { method: 'POST', cache: 'no-store',
          credentials: 'same-origin', headers: { Accept: 'application/json, application/problem+json' } });
        if (!response.ok) {
          return false;
        }
        const data = await response.json();
        this.sessionEndsAt = new Date(data.session_expires_at);
        this.save(data.access_token);
        return true;
      } catch {
        return false;
      } finally {
        setTimeout(() => {
          renewing = null;
        }, 0);
      }
    })();
    return renewing;
  },
  /** Signs out: ends the shared session on the server, forgets this tab's token and tells the other tabs. */
  async end() {
    try {
      await fetch(SESSION_PATH, { method: 'DELETE', cache: 'no-store', credentials: 'same-origin' });
    } catch {
      // Offline: the token is forgotten here all the same, and the session ends at its own time.
    }
    this.clear();
    channel?.postMessage('signed-out');
  },
  sessionEndsAt: null,
  /** Who is signed in, read from the token's claims (the server checks them; this is for display). */
  user() {
    const token = this.token();
    const claims = token && claimsOf(token);
    if (!claims) {
      return null;
    }
    return {
      id: claims.sub,
      username: claims.preferred_username || claims.sub,
      role: (claims.roles || [])[0] || '',
      supplier: claims.supplier,
      expiresAt: new Date(claims.exp * 1000),
      issuedAt: claims.iat ? new Date(claims.iat * 1000) : null,
    };
  },
};

/** Where each role starts. Customers use the app, not these consoles. */
export function homeFor(role) {
  switch (role) {
    case 'AGENT':
    case 'SUPERVISOR':
      return '/console/agent.html';
    case 'OPS':
    case 'ADMIN':
      return '/console/ops.html';
    default:
      return null;
  }
}

/** Back to the sign-in page, saying why and where to return. */
export function toSignIn(why) {
  session.clear();
  const next = location.pathname + location.search + location.hash;
  location.replace(`/?why=${encodeURIComponent(why)}&next=${encodeURIComponent(next)}`);
}

/**
 * Calls the API. Resolves to {status, data, headers} (data parsed JSON, or the body as text with `text: true`);
 * rejects with ApiError for any error answer (status 0 when the server could not be reached). A 401 on a
 * signed-in call means the session is over: back to sign-in. `body` goes as JSON; `raw` is sent as it is, with
 * the Content-Type given in `headers` (a CSV upload).
 */
export async function api(method, path, options = {}) {
  try {
    return await call(method, path, options);
  } catch (e) {
    // An expired or revoked token: renew it from the session once, and ask again.
    if (e instanceof ApiError && e.status === 401 && options.auth !== false && await session.renew()) {
      return call(method, path, options);
    }
    if (e instanceof ApiError && e.status === 401 && options.auth !== false) {
      sessionEnded();
    }
    throw e;
  }
}

let endedHandler = () => toSignIn('expired');

/** What a page does when the session cannot be renewed (the frame shows a banner instead of leaving the page). */
export function onSessionEnded(handler) {
  endedHandler = handler;
}

export function sessionEnded() {
  endedHandler();
}

/** A token for a request: this tab's, or a renewed one from the session; null when neither. */
export async function currentToken() {
  return session.token() || (await session.renew() ? session.token() : null);
}

async function call(method, path, { body, raw, headers = {}, signal, auth = true, text: asText = false } = {}) {
  const h = { Accept: 'application/json, application/problem+json', ...headers };
  if (auth) {
    const token = await currentToken();
    if (!token) {
      throw new ApiError(401, { title: 'Signed out', detail: 'Your session has ended; sign in again.' });
    }
    h.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    h['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers: h, signal, cache: 'no-store',
      body: body === undefined ? raw : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, {
      title: 'No connection',
      detail: 'The server could not be reached. Check the connection and try again.',
    });
  }
  const text = await response.text();
  let data = null;
  if (asText && response.ok) {
    return { status: response.status, data: text, headers: response.headers };
  }
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && auth) {
      session.clear();
    }
    const error = new ApiError(response.status, data || { title: response.statusText, detail: `HTTP ${response.status}` });
    error.retryAfter = Number(response.headers.get('Retry-After')) || 0;
    throw error;
  }
  return { status: response.status, data, headers: response.headers };
}

/** A random UUID, also where crypto.randomUUID is missing (pages served over plain HTTP from another host). */
export function uuid() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
