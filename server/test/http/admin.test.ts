// The admin API through the real backend against the sandbox: list, show, cancel, refund, reconcile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETS, eventually, startStack, type Stack } from '../stack.js';

describe('admin API', () => {
  let stack: Stack;
  const admin = SECRETS.adminToken;
  beforeAll(async () => {
    stack = await startStack({ protocol: 'pull' });
  });
  afterAll(() => stack.close());

  async function paidOrder(orderId: string, amount = '100.00') {
    await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId, amount, phone: '+79001234567' }), flow: 'checkout' },
    });
    await stack.control('POST', `/bills/${orderId}/transition`, { status: 'paid' });
    await eventually(
      async () => (await stack.runtime.ledger.getOrder(orderId))?.status === 'paid',
      `${orderId} paid`,
    );
  }

  it('refuses calls without the admin token', async () => {
    expect((await stack.call('GET', '/v1/admin/orders')).status).toBe(401);
    expect((await stack.call('GET', '/v1/admin/orders', { token: SECRETS.statusTokenSecret })).status).toBe(
      401,
    );
  });

  it('lists and filters orders, and shows one with its events and notifications', async () => {
    await paidOrder('adm-1');
    await stack.call('POST', '/v1/checkout', { body: { orderToken: stack.mint({ orderId: 'adm-2' }) } });
    const paid = await stack.call('GET', '/v1/admin/orders?status=paid', { token: admin });
    expect(paid.body.orders.map((o: { id: string }) => o.id)).toEqual(['adm-1']);
    expect(paid.body.orders[0]).toMatchObject({ amount: '100.00', refundedAmount: '0.00', status: 'paid' });
    const all = await stack.call('GET', '/v1/admin/orders?limit=10', { token: admin });
    expect(all.body.orders.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining(['adm-1', 'adm-2']),
    );
    const shown = await stack.call('GET', '/v1/admin/orders/adm-1', { token: admin });
    expect(shown.body.events.map((e: { to: string }) => e.to)).toEqual(['created', 'waiting', 'paid']);
    expect(shown.body.notifications[0]).toMatchObject({ verdict: 'accepted', resultCode: 0 });
    expect(JSON.stringify(shown.body.notifications)).not.toContain('authorization');
    expect((await stack.call('GET', '/v1/admin/orders?status=bogus', { token: admin })).status).toBe(400);
  });

  it('refunds part, then the rest, and refuses to refund more than was paid', async () => {
    await paidOrder('adm-r', '100.00');
    const part = await stack.call('POST', '/v1/admin/orders/adm-r/refunds', {
      token: admin,
      body: { amount: '30.00', refundId: 'R1' },
    });
    expect(part.status).toBe(200);
    expect(part.body.refund).toMatchObject({ refundId: 'R1', amount: '30.00', status: 'success' });
    const again = await stack.call('POST', '/v1/admin/orders/adm-r/refunds', {
      token: admin,
      body: { amount: '30.00', refundId: 'R1' },
    });
    expect(again.body.refund).toMatchObject({ refundId: 'R1', status: 'success' });
    const tooMuch = await stack.call('POST', '/v1/admin/orders/adm-r/refunds', {
      token: admin,
      body: { amount: '70.01' },
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.message).toMatch(/70\.00 RUB/);
    const rest = await stack.call('POST', '/v1/admin/orders/adm-r/refunds', { token: admin, body: {} });
    expect(rest.body.refund).toMatchObject({ amount: '70.00', status: 'success' });
    const status = await stack.call('GET', '/v1/admin/orders/adm-r/refunds/R1', { token: admin });
    expect(status.body.refund).toMatchObject({ refundId: 'R1', status: 'success' });
    const order = await stack.call('GET', '/v1/admin/orders/adm-r', { token: admin });
    expect(order.body.order.refundedAmount).toBe('100.00');
    expect(order.body.refunds).toHaveLength(2);
    const sandboxBill = await stack.control('GET', '/bills/adm-r');
    expect(JSON.stringify(sandboxBill)).toContain('R1');
  });

  it('refuses to refund an unpaid order, and cancels it instead', async () => {
    await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'adm-c', phone: '+79001234567' }), flow: 'checkout' },
    });
    expect(
      (await stack.call('POST', '/v1/admin/orders/adm-c/refunds', { token: admin, body: {} })).status,
    ).toBe(409);
    const cancelled = await stack.call('POST', '/v1/admin/orders/adm-c/cancel', { token: admin });
    expect(cancelled.body.order.status).toBe('rejected');
    expect((await stack.runtime.ledger.listEvents('adm-c')).at(-1)).toMatchObject({
      to: 'rejected',
      source: 'admin',
    });
  });

  it('reconciles now: an order paid at QIWI while notifications fail becomes paid', async () => {
    await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'adm-rec', phone: '+79001234567' }), flow: 'checkout' },
    });
    await stack.control('POST', '/faults', {
      target: 'notification',
      kind: 'delay',
      delayMs: 600_000,
      count: 1,
    });
    await stack.control('POST', '/bills/adm-rec/transition', { status: 'paid' });
    const run = await stack.call('POST', '/v1/admin/reconcile', { token: admin });
    expect(run.status).toBe(200);
    expect(run.body.result.changed).toBeGreaterThanOrEqual(1);
    expect((await stack.runtime.ledger.getOrder('adm-rec'))?.status).toBe('paid');
    expect((await stack.runtime.ledger.listEvents('adm-rec')).at(-1)).toMatchObject({
      to: 'paid',
      source: 'reconciler',
    });
    await stack.control('DELETE', '/faults');
  });
});
