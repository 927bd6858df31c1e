// The dashboard talks to the server's admin API only, at ../v1/admin/ relative to the page (so any
// BASE_PATH works). The session cookie travels by itself (same origin, HttpOnly); every change
// carries the session's CSRF token in X-CSRF-Token.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SessionInfo {
  readonly name: string;
  readonly actor: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

const adminBase = () => new URL('../v1/admin/', window.location.href);

let csrfToken = '';

/** Called on sign-in and whenever the session is read again. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Listeners told when the server says the session is gone (401), so the app shows sign-in. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const response = await fetch(new URL(path, adminBase()), {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string };
  };
  if (!response.ok) {
    const code = body.error?.code ?? 'http_' + response.status;
    if (response.status === 401 && path !== 'session') signedOutListeners.forEach((l) => l());
    throw new ApiError(response.status, code, body.error?.message ?? response.statusText);
  }
  return body as T;
}

/** Whether an endpoint is simply not on this server yet (older server version): shown as "nothing here". */
export const notAvailable = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 404 || error.code === 'invalid_verdict');

export const signIn = (token: string, name: string) =>
  api<{ session: SessionInfo }>('session', { method: 'POST', body: { token, name } });
export const readSession = () => api<{ session: SessionInfo }>('session');
export const signOut = () => api<void>('session', { method: 'DELETE' });
