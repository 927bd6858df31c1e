// The dashboard's sign-in through the real backend: the admin token is exchanged once for a session
// cookie; the admin API then takes the cookie, but a change only with the session's CSRF token;
// sign-out ends it in the browser; the bearer token keeps working for scripts; the page itself is
// served under a CSP that allows only its own files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETS, startStack, type Stack } from '../stack.js';

const cookieOf = (setCookie: string | null) => /^qiwi_pay_dashboard=([^;]*)/.exec(setCookie ?? '')?.[1];

async function signIn(stack: Stack, base = '', headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.url}${base}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ token: SECRETS.adminToken, name: 'Anna Petrova' }),
  });
  const setCookie = response.headers.get('set-cookie');
  const body = (await response.json()) as {
    session: { csrfToken: string; actor: string; expiresAt: string };
  };
  return { status: response.status, setCookie, cookie: `qiwi_pay_dashboard=${cookieOf(setCookie)}`, body };
}

describe('dashboard sessions', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ protocol: 'pull', env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => stack.close());

  it('exchanges the admin token once for an HttpOnly, SameSite=Strict cookie scoped to the admin API', async () => {
    const { status, setCookie, body } = await signIn(stack);
    expect(status).toBe(201);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/v1\/admin(;|$)/);
    // DASHBOARD_IDLE_MINUTES (60 by default) ahead, less the milliseconds since sign-in.
    expect(setCookie).toMatch(/Max-Age=(3600|359\d)(;|$)/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(body.session).toMatchObject({ name: 'Anna Petrova', actor: 'dashboard:Anna Petrova' });
    expect(body.session.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(JSON.stringify(body) + setCookie).not.toContain(SECRETS.adminToken);
  });

  it('marks the cookie Secure when a trusted proxy says the request came over https', async () => {
    const { setCookie } = await signIn(stack, '', { 'x-forwarded-proto': 'https' });
    expect(setCookie).toMatch(/; Secure/);
  });

  it('refuses a wrong token or a missing name, saying what to fix', async () => {
    const wrong = await stack.call('POST', '/v1/admin/session', { body: { token: 'nope', name: 'Anna' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/ADMIN_TOKEN/);
    const nameless = await stack.call('POST', '/v1/admin/session', { body: { token: SECRETS.adminToken } });
    expect(nameless.status).toBe(400);
    expect(nameless.body.error.message).toMatch(/^name: /);
  });

  it('refuses the admin API without the session cookie, or with a forged one', async () => {
    expect((await stack.call('GET', '/v1/admin/orders')).status).toBe(401);
    const { cookie } = await signIn(stack);
    const [body, mac] = cookie.split('=')[1]!.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { name: string };
    const forged = Buffer.from(JSON.stringify({ ...claims, name: 'Mallory' })).toString('base64url');
    const answer = await stack.call('GET', '/v1/admin/orders', {
      headers: { cookie: `qiwi_pay_dashboard=${forged}.${mac}` },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toMatch(/sign in to the dashboard/);
  });

  it('reads with the cookie alone, but changes nothing without the CSRF token', async () => {
    const { cookie, body } = await signIn(stack);
    const list = await stack.call('GET', '/v1/admin/orders', { headers: { cookie } });
    expect(list.status).toBe(200);
    await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'dash-c', phone: '+79001234567' }), flow: 'checkout' },
    });

    const without = await stack.call('POST', '/v1/admin/orders/dash-c/cancel', { headers: { cookie } });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_failed');
    const wrong = await stack.call('POST', '/v1/admin/orders/dash-c/cancel', {
      headers: { cookie, 'x-csrf-token': (await signIn(stack)).body.session.csrfToken },
    });
    expect(wrong.status).toBe(403);
    expect((await stack.runtime.ledger.getOrder('dash-c'))?.status).not.toBe('rejected');

    const cancelled = await stack.call('POST', '/v1/admin/orders/dash-c/cancel', {
      headers: { cookie, 'x-csrf-token': body.session.csrfToken },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.order.status).toBe('rejected');
    // The access log names who acted.
    expect(
      stack.logs.some((l) => l.includes('"actor":"dashboard:Anna Petrova"') && l.includes('dash-c/cancel')),
    ).toBe(true);
  });

  it('signs out with the CSRF token only, clearing the cookie', async () => {
    const { cookie, body } = await signIn(stack);
    expect((await stack.call('DELETE', '/v1/admin/session', { headers: { cookie } })).status).toBe(403);
    const response = await fetch(`${stack.url}/v1/admin/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': body.session.csrfToken },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/^qiwi_pay_dashboard=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('keeps taking the bearer token for scripts, with no CSRF token', async () => {
    const answer = await stack.call('GET', '/v1/admin/orders', { token: SECRETS.adminToken });
    expect(answer.status).toBe(200);
    const reconcile = await stack.call('POST', '/v1/admin/reconcile', { token: SECRETS.adminToken });
    expect(reconcile.status).toBe(200);
    expect((await stack.call('GET', '/v1/admin/orders', { token: 'wrong' })).status).toBe(401);
  });

  it('serves the dashboard page under /dashboard/ with script-src and style-src self only', async () => {
    const bare = await fetch(`${stack.url}/dashboard`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/dashboard/');
    const page = await fetch(`${stack.url}/dashboard/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const html = await page.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${stack.url}/dashboard/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(await asset.text()).not.toContain(SECRETS.adminToken);
  });
});

describe('dashboard under BASE_PATH', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ protocol: 'pull', env: { BASE_PATH: '/pay' } });
  });
  afterAll(() => stack.close());

  it('scopes the cookie to <BASE_PATH>/v1/admin and serves the page under <BASE_PATH>/dashboard/', async () => {
    const { setCookie, cookie } = await signIn(stack, '/pay');
    expect(setCookie).toMatch(/Path=\/pay\/v1\/admin(;|$)/);
    expect((await stack.call('GET', '/pay/v1/admin/orders', { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${stack.url}/pay/dashboard/`)).status).toBe(200);
  });
});
