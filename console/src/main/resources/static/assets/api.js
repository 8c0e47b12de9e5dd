// The console's only way to the server: same-origin fetches with the session cookie. A lost session sends the
// browser to the sign-in page; 'X-Requested-With' keeps the browser's own basic-auth prompt away.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail ? `${status}: ${detail}` : `HTTP ${status}`);
    this.status = status;
  }
}

/**
 * Whether asking again may help: the API answers 503 while OpenSearch starts a new daily index's shards or is away
 * (or answered from only some shards), a proxy 502/504, and a dropped connection rejects the fetch itself.
 */
export function isTransient(error) {
  return !(error instanceof ApiError) || [502, 503, 504].includes(error.status);
}

/** How long a page waits before it asks again after a transient failure. */
export const RETRY_MS = 3000;

/**
 * A page's "ask again": after a failure that asking again may cure, {@code after} schedules {@code again} once in
 * RETRY_MS (a newer failure replaces the schedule) and answers the words the page's notice ends with; {@code cancel}
 * stops it when the page is left or asks anew itself.
 */
export function retrier() {
  let timer = null;
  const cancel = () => window.clearTimeout(timer);
  return {
    after(error, again) {
      cancel();
      if (!isTransient(error)) return '';
      timer = window.setTimeout(again, RETRY_MS);
      return ' Trying again…';
    },
    cancel,
  };
}

export async function getJson(path) {
  const response = await fetch(path, {
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    credentials: 'same-origin',
  });
  if (response.status === 401) {
    signIn();
    throw new ApiError(401, 'signed out');
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemDetail(response));
  }
  return response.json();
}

export function signIn() {
  window.location.assign('/login');
}

async function problemDetail(response) {
  try {
    const body = await response.json();
    return body.detail || body.message || body.error || '';
  } catch {
    return '';
  }
}

// The session's CSRF token for state-changing requests (set by app.js from GET /v1/session).
let csrf = null;

export function setCsrf(token) {
  csrf = token;
}

/** PUT/POST a JSON body; answers the parsed JSON reply. */
export async function sendJson(method, path, body) {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (csrf?.header) headers[csrf.header] = csrf.token;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: JSON.stringify(body) });
  if (response.status === 401) {
    signIn();
    throw new ApiError(401, 'signed out');
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemDetail(response));
  }
  return response.json();
}
