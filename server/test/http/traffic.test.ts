// Traffic from the internet on the running backend: the client address behind TRUST_PROXY, separate
// rate limits for checkout, status polling and rejected notifications, QIWI's source networks, no-store
// on admin and status answers, and the client address and admin actor in the access log.
import { afterEach, describe, expect, it } from 'vitest';
import { parseFormBody, pullNotificationSignature } from '../../src/qiwi/index.js';
import { SECRETS, startStack, type Stack } from '../stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const pullBody = (fields: Record<string, string> = {}) =>
  new URLSearchParams({
    command: 'bill',
    bill_id: 'tr-1',
    status: 'paid',
    error: '0',
    amount: '250.00',
    user: 'tel:+79001234567',
    prv_name: 'Test Shop',
    ccy: 'RUB',
    comment: 'x',
    ...fields,
  }).toString();
const sign = (body: string) => pullNotificationSignature(parseFormBody(body), SECRETS.notificationPassword);

async function notify(s: Stack, body: string, headers: Record<string, string>) {
  const response = await fetch(`${s.url}/v1/notifications/qiwi`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, code: Number(/<result_code>(\d+)<\/result_code>/.exec(text)?.[1]) };
}

const checkoutFrom = (s: Stack, client: string | undefined, orderId: string) =>
  s.call('POST', '/v1/checkout', {
    body: { orderToken: s.mint({ orderId, phone: '+79001234567' }), flow: 'checkout' },
    headers: client ? { 'x-forwarded-for': client } : {},
  });

describe('TRUST_PROXY and per-client limits', () => {
  it('keys the checkout limit per client behind one trusted proxy, and separately from status polls', async () => {
    stack = await startStack({
      env: { TRUST_PROXY: '1', CHECKOUT_RATE_LIMIT_PER_MINUTE: '2', STATUS_RATE_LIMIT_PER_MINUTE: '100' },
    });
    const a1 = await checkoutFrom(stack, '198.51.100.1', 'tr-a1');
    expect(a1.status).toBe(200);
    expect((await checkoutFrom(stack, '198.51.100.1', 'tr-a2')).status).toBe(200);
    const a3 = await checkoutFrom(stack, '198.51.100.1', 'tr-a3');
    expect(a3.status).toBe(429);
    expect(a3.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/too many checkouts/),
    });
    // Another buyer behind the same proxy has a budget of their own.
    expect((await checkoutFrom(stack, '198.51.100.2', 'tr-b1')).status).toBe(200);
    // The limited buyer still polls status: it is a separate budget.
    const poll = await stack.call('GET', '/v1/orders/tr-a1', {
      headers: { authorization: `Bearer ${a1.body.statusToken}`, 'x-forwarded-for': '198.51.100.1' },
    });
    expect(poll.status).toBe(200);
    const line = stack.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'request' && l.status === 429);
    expect(line).toMatchObject({ client: '198.51.100.1', path: '/v1/checkout' });
  });

  it('ignores X-Forwarded-For when no proxy is trusted (the default)', async () => {
    stack = await startStack({ env: { CHECKOUT_RATE_LIMIT_PER_MINUTE: '1' } });
    expect((await checkoutFrom(stack, '198.51.100.1', 'tr-c1')).status).toBe(200);
    expect((await checkoutFrom(stack, '198.51.100.2', 'tr-c2')).status).toBe(429);
    const hints = stack.logs.filter((l) => l.includes('X-Forwarded-For but TRUST_PROXY is off'));
    expect(hints).toHaveLength(1);
  });

  it('sends Cache-Control: no-store on status and admin answers', async () => {
    stack = await startStack();
    const created = await checkoutFrom(stack, undefined, 'tr-n1');
    const status = await fetch(`${stack.url}/v1/orders/tr-n1`, {
      headers: { authorization: `Bearer ${created.body.statusToken}` },
    });
    expect(status.headers.get('cache-control')).toBe('no-store');
    for (const path of [
      '/v1/admin/orders',
      '/v1/admin/orders/tr-n1',
      '/v1/admin/notifications',
      '/v1/admin/nothing',
    ])
      expect(
        (
          await fetch(stack.url + path, { headers: { authorization: `Bearer ${SECRETS.adminToken}` } })
        ).headers.get('cache-control'),
        path,
      ).toBe('no-store');
    expect((await fetch(`${stack.url}/v1/admin/orders`)).headers.get('cache-control')).toBe('no-store');
  });
});

describe('admin actor', () => {
  it('records the actor of a cancel in the order history and the access log', async () => {
    stack = await startStack();
    await checkoutFrom(stack, undefined, 'tr-x1');
    const cancel = await stack.call('POST', '/v1/admin/orders/tr-x1/cancel', {
      token: SECRETS.adminToken,
      headers: { 'x-qiwipay-actor': 'ops anna <script>' },
    });
    expect(cancel.status).toBe(200);
    const detail = await stack.call('GET', '/v1/admin/orders/tr-x1', { token: SECRETS.adminToken });
    expect(detail.body.events.at(-1)).toMatchObject({ source: 'admin', actor: 'api:opsannascript' });
    await stack.call('GET', '/v1/admin/orders', { token: SECRETS.adminToken });
    const lines = stack.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(lines.find((l) => l.path === '/v1/admin/orders/tr-x1/cancel')).toMatchObject({
      actor: 'api:opsannascript',
      client: '127.0.0.1',
    });
    expect(lines.find((l) => l.path === '/v1/admin/orders')).toMatchObject({ actor: 'api' });
  });
});

describe('notification intake under abuse', () => {
  it('limits unauthenticated rejects per source and never counts genuine notifications', async () => {
    stack = await startStack({ env: { TRUST_PROXY: '1', NOTIFICATION_REJECT_LIMIT_PER_MINUTE: '3' } });
    await checkoutFrom(stack, undefined, 'tr-1');
    const forged = pullBody();
    const qiwi = { 'x-forwarded-for': '91.232.230.10' };
    const attacker = { 'x-forwarded-for': '203.0.113.66', 'x-api-signature': 'AAAA' };
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await notify(stack, forged, attacker)).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    // Genuine ones from QIWI's address: many more than the limit, all answered.
    const waiting = pullBody({ status: 'waiting' });
    for (let i = 0; i < 5; i++)
      expect(await notify(stack, waiting, { ...qiwi, 'x-api-signature': sign(waiting) })).toEqual({
        status: 200,
        code: 0,
      });
    const paid = pullBody();
    expect(await notify(stack, paid, { ...qiwi, 'x-api-signature': sign(paid) })).toEqual({
      status: 200,
      code: 0,
    });
    expect((await stack.runtime.ledger.getOrder('tr-1'))?.status).toBe('paid');
    const counts = await stack.call('GET', '/v1/admin/notifications/rejections', {
      token: SECRETS.adminToken,
    });
    expect(counts.body).toEqual({
      recorded: [{ resultCode: 151, count: 3, lastAt: expect.any(String) }],
      refusedAtEdge: { rateLimited: 2, sourceNotAllowed: 0 },
    });
  });

  it('accepts notifications only from QIWI networks when NOTIFICATION_SOURCE_NETWORKS=qiwi', async () => {
    stack = await startStack({ env: { TRUST_PROXY: '1', NOTIFICATION_SOURCE_NETWORKS: 'qiwi' } });
    await checkoutFrom(stack, undefined, 'tr-1');
    const paid = pullBody();
    const headers = { 'x-api-signature': sign(paid) };
    const outside = await notify(stack, paid, { ...headers, 'x-forwarded-for': '203.0.113.5' });
    expect(outside.status).toBe(403);
    expect((await stack.runtime.ledger.listNotifications({ limit: 10 })).length).toBe(0);
    // 79.142.16.0/20 ends at 79.142.31.255 (pull-rest-api-2.1.md §9.2).
    expect(await notify(stack, paid, { ...headers, 'x-forwarded-for': '79.142.31.200' })).toEqual({
      status: 200,
      code: 0,
    });
    expect((await stack.runtime.ledger.getOrder('tr-1'))?.status).toBe('paid');
  });

  it('lists a conflicting genuine notification under verdict=conflict', async () => {
    stack = await startStack();
    await checkoutFrom(stack, undefined, 'tr-1');
    const paid = pullBody();
    await notify(stack, paid, { 'x-api-signature': sign(paid) });
    const rejected = pullBody({ status: 'rejected' });
    expect((await notify(stack, rejected, { 'x-api-signature': sign(rejected) })).code).toBe(0);
    const listed = await stack.call('GET', '/v1/admin/notifications?verdict=conflict', {
      token: SECRETS.adminToken,
    });
    expect(listed.body.notifications).toMatchObject([
      { verdict: 'conflict', billId: 'tr-1', status: 'rejected' },
    ]);
    const bad = await stack.call('GET', '/v1/admin/notifications?verdict=odd', { token: SECRETS.adminToken });
    expect(bad.body.error.message).toBe('verdict must be accepted, duplicate, rejected, conflict');
  });
});
