// The page's only way to the server: /accounting/api with the session cookie. Changes carry the session's CSRF token
// (the API refuses a POST/PUT/DELETE without it). The page never keeps the password: it goes once to GET /session.
export const BASE = new URL('../api', document.baseURI).pathname;

// Tells the API this is the page's own call, so a 401 comes without the Basic challenge that would pop the
// browser's login dialog over the page's form.
const PAGE_CALL = { 'X-Requested-With': 'FieldSyncAdminPage', Accept: 'application/json' };
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { message: text };
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.message) || `${response.status} ${response.statusText}`);
  }
  return body;
}

/** Logs in with the Karaf user's credentials; the session cookie and its CSRF token carry the later calls. */
export async function login(user, password) {
  const session = await answer(await fetch(`${BASE}/session`, {
    headers: { ...PAGE_CALL, Authorization: basic(user, password) }, credentials: 'same-origin', cache: 'no-store'
  }));
  csrfToken = session.csrfToken;
  return session;
}

/** The session this browser already has, or null (then the page asks for the login). */
export async function resume() {
  try {
    const session = await get('/session');
    csrfToken = session.csrfToken;
    return session;
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      return null;
    }
    throw error;
  }
}

export async function get(path) {
  return answer(await fetch(BASE + path, { headers: PAGE_CALL, credentials: 'same-origin', cache: 'no-store' }));
}

export async function send(method, path, body) {
  const headers = { ...PAGE_CALL, 'X-CSRF-Token': csrfToken };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return answer(await fetch(BASE + path, {
    method, headers, credentials: 'same-origin', cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body)
  }));
}

/** A company's path below /accounting/api. */
export function companyPath(company, rest = '') {
  return `/companies/${encodeURIComponent(company)}${rest}`;
}
