// The console's link to the Lifeline API: the signed-in session (the access token kept in sessionStorage, so it
// dies with the tab and is never shared with other tabs or kept on disk), Bearer headers, and problem+json
// errors turned into ApiError with the API's field details.

const TOKEN_KEY = 'lifeline.console.token';

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
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
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
export async function api(method, path, { body, raw, headers = {}, signal, auth = true, text: asText = false } = {}) {
  const h = { Accept: 'application/json, application/problem+json', ...headers };
  if (auth) {
    const token = session.token();
    if (!token) {
      toSignIn('expired');
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
      toSignIn('expired');
    }
    throw new ApiError(response.status, data || { title: response.statusText, detail: `HTTP ${response.status}` });
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
