// What an operator reads in the server log when something is refused: the code and the reason, never
// the token, signature or secret that was sent (canary values prove it); a CORS preflight from an
// origin that is not allowed, with the fix; and every route under BASE_PATH.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigError } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/config.js';
import { SHOP, startStack, type Stack } from '../stack.js';

// Values a client sends that must never be echoed into a log line.
const CANARY_SIGNATURE = 'Q2FuYXJ5U2lnbmF0dXJlOWYzZDJhMWI';
const CANARY_BEARER = 'canary-bearer-7c41e09d5a2b';
const CANARY_NOTIFY_SIGNATURE = 'canary-notify-signature-0b8e3f61';

interface LogLine {
  msg: string;
  code?: string;
  reason?: string;
  status?: number;
  origin?: string;
  preflight?: boolean;
}
const lines = (stack: Stack): LogLine[] => stack.logs.map((l) => JSON.parse(l) as LogLine);

describe('refusals in the server log', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ protocol: 'pull' });
  });
  afterAll(() => stack.close());

  it('a tampered order token is logged with its code and reason, never the token or its signature', async () => {
    const [header, payload] = stack.mint({ orderId: 'diag-1' }).split('.');
    const tampered = `${header}.${payload}.${CANARY_SIGNATURE}`;
    const { status, body } = await stack.call('POST', '/v1/checkout', { body: { orderToken: tampered } });
    expect(status).toBe(401);
    const refusal = lines(stack).find((l) => l.code === 'invalid_order_token');
    expect(refusal).toMatchObject({ status: 401, reason: body.error.message });
    expect(refusal?.msg).toBe(`request refused: invalid_order_token: ${body.error.message}`);
    expect(stack.logs.join('')).not.toContain(CANARY_SIGNATURE);
    expect(stack.logs.join('')).not.toContain(payload);
  });

  it('a wrong admin token and a wrong status token are logged with their reasons, never the bearer value', async () => {
    const admin = await stack.call('GET', '/v1/admin/orders', { token: CANARY_BEARER });
    expect(admin.status).toBe(401);
    const order = await stack.call('GET', '/v1/orders/diag-1', { token: CANARY_BEARER });
    expect(order.status).toBe(401);
    const reasons = lines(stack)
      .filter((l) => l.msg.startsWith('request refused'))
      .map((l) => l.reason);
    expect(reasons).toEqual(expect.arrayContaining([admin.body.error.message, order.body.error.message]));
    expect(stack.logs.join('')).not.toContain(CANARY_BEARER);
  });

  it('a forged notification is logged with the reason, never the signature it carried', async () => {
    const response = await fetch(`${stack.url}/v1/notifications/qiwi`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-api-signature': CANARY_NOTIFY_SIGNATURE,
      },
      body: 'command=bill&bill_id=diag-n&status=paid&error=0&amount=1.00&user=tel%3A%2B79001234567&prv_name=x&ccy=RUB&comment=x',
    });
    expect(response.status).toBe(200);
    const rejected = lines(stack).find((l) => l.msg === 'qiwi notification rejected');
    expect((rejected as { reason?: string } | undefined)?.reason).toMatch(/signature/i);
    expect(stack.logs.join('')).not.toContain(CANARY_NOTIFY_SIGNATURE);
  });

  it('a refused request body and an unknown endpoint are logged too', async () => {
    const bad = await stack.call('POST', '/v1/checkout', { body: { orderToken: 42 } });
    expect(bad.status).toBe(400);
    const missing = await stack.call('GET', '/v1/nothing-here');
    expect(missing.status).toBe(404);
    const reasons = lines(stack).map((l) => l.reason);
    expect(reasons).toEqual(expect.arrayContaining([bad.body.error.message, 'no such endpoint']));
  });

  it('a preflight from an origin outside ALLOWED_ORIGINS is logged with the fix; an allowed one is not', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url}/v1/checkout`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const refused = await preflight('https://x.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await preflight(SHOP);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    const cors = lines(stack).filter((l) => l.msg.startsWith('CORS refused'));
    expect(cors).toEqual([
      expect.objectContaining({
        origin: 'https://x.example',
        preflight: true,
        msg: expect.stringContaining('add https://x.example to ALLOWED_ORIGINS'),
      }),
    ]);
  });
});

describe('BASE_PATH', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ protocol: 'pull', env: { BASE_PATH: '/api' } });
  });
  afterAll(() => stack.close());

  it('serves every route under the prefix, as the widget joins <backend>/v1/checkout', async () => {
    const token = stack.mint({ orderId: 'base-1' });
    const checkout = await stack.call('POST', '/api/v1/checkout', {
      body: { orderToken: token, flow: 'webform' },
    });
    expect(checkout.status).toBe(200);
    const order = await stack.call('GET', '/api/v1/orders/base-1', { token: checkout.body.statusToken });
    expect(order.body).toMatchObject({ orderId: 'base-1', status: 'created' });
    expect((await stack.call('GET', '/api/healthz')).body).toEqual({ ok: true });
    expect((await stack.call('GET', '/api/v1/admin/orders', { token: 'x' })).status).toBe(401);
    const preflight = await fetch(`${stack.url}/api/v1/checkout`, {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  it('answers nothing at the root any more', async () => {
    const token = stack.mint({ orderId: 'base-2' });
    const root = await stack.call('POST', '/v1/checkout', { body: { orderToken: token } });
    expect(root.status).toBe(404);
    expect((await stack.call('GET', '/healthz')).status).toBe(404);
  });

  it('takes QIWI notifications under the prefix', async () => {
    const response = await fetch(`${stack.url}/api/v1/notifications/qiwi`, { method: 'POST', body: 'x=1' });
    expect(response.headers.get('content-type')).toMatch(/xml/);
  });

  it('refuses a malformed prefix at start-up, saying what to write', () => {
    const base = {
      QIWI_PRV_ID: '1',
      QIWI_API_ID: '2',
      QIWI_API_PASSWORD: 'p',
      QIWI_NOTIFICATION_PASSWORD: 'n',
      ORDER_TOKEN_SECRET: 'o'.repeat(32),
      STATUS_TOKEN_SECRET: 's'.repeat(32),
      ADMIN_TOKEN: 'a'.repeat(32),
    };
    const problem = (value: string) => {
      try {
        loadConfig({ ...base, BASE_PATH: value });
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
      return 'accepted';
    };
    expect(problem('api')).toBe('BASE_PATH: must start with "/", e.g. /api');
    expect(problem('/api/')).toBe('BASE_PATH: must not end with "/"; use /api');
    expect(problem('/')).toMatch(/leave it unset/);
    expect(problem('/a//b')).toMatch(/must not contain "\/\/"/);
    expect(problem('/a/../b')).toMatch(/"\.\."/);
    expect(problem('/api?x=1')).toMatch(/without "\?"/);
    expect(problem('/pay ments')).toMatch(/may contain only letters/);
    expect(problem('/payments/qiwi')).toBe('accepted');
  });
});
