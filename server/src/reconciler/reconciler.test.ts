// The reconciler against a real HTTP server on 127.0.0.1 answering QIWI's JSON envelopes, a real
// QIWI client and a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger, newOrder } from '../../test/ledger/ledger-fixtures.js';
import { startLedgerWithQiwi, type LedgerWithQiwi } from '../../test/ledger/ledger-with-qiwi.js';
import { bill, type BillsServer } from '../../test/ledger/qiwi-bills-server.js';

import { minorUnits, type QiwiClient } from '../qiwi/index.js';
import { LAPSE_GRACE_MS, type Ledger } from '../ledger/index.js';
import { createReconciler } from './reconciler.js';

describe('reconciler', () => {
  let setup: LedgerWithQiwi;
  let ledger: Ledger;
  let qiwiServer: BillsServer;
  let qiwi: QiwiClient;
  let now: Date;
  const clock = () => now;

  beforeEach(async () => {
    now = new Date('2025-01-01T10:00:00Z');
    setup = await startLedgerWithQiwi(clock);
    ({ ledger, qiwiServer, qiwi } = setup);
  });
  afterEach(() => setup.close());

  const reconciler = (extra: { staleAfterMs?: number; batchSize?: number } = {}) => {
    const { logger, lines } = capturingLogger();
    return { r: createReconciler({ ledger, qiwi, logger, clock, staleAfterMs: 60_000, ...extra }), lines };
  };

  it('applies what QIWI reports through the status machine, with source reconciler', async () => {
    await ledger.placeOrder(newOrder({ id: 'paid-1' }));
    await ledger.placeOrder(newOrder({ id: 'waiting-1' }));
    await ledger.placeOrder(newOrder({ id: 'expired-1' }));
    qiwiServer.bills.set('paid-1', bill('paid-1', 'paid'));
    qiwiServer.bills.set('waiting-1', bill('waiting-1', 'waiting'));
    qiwiServer.bills.set('expired-1', bill('expired-1', 'EXPIRED'));
    const { r } = reconciler();
    expect(await r.runOnce()).toEqual({ checked: 3, changed: 3, errors: 0 });
    expect((await ledger.getOrder('paid-1'))?.status).toBe('paid');
    expect((await ledger.getOrder('waiting-1'))?.status).toBe('waiting');
    expect((await ledger.getOrder('expired-1'))?.status).toBe('expired');
    expect((await ledger.listEvents('paid-1')).at(-1)).toMatchObject({
      from: 'created',
      to: 'paid',
      source: 'reconciler',
      detail: 'QIWI reports paid',
    });
    expect((await ledger.listWebhooks({ limit: 10 })).map((w) => w.type).sort()).toEqual([
      'order.expired',
      'order.paid',
    ]);
    expect((await ledger.getOrder('paid-1'))?.lastCheckedAt).toBe(now.toISOString());
  });

  it('asks only about open orders whose last check is stale, within the batch', async () => {
    for (const id of ['a', 'b', 'c']) {
      await ledger.placeOrder(newOrder({ id }));
      qiwiServer.bills.set(id, bill(id, 'waiting'));
    }
    await ledger.placeOrder(newOrder({ id: 'done' }));
    await ledger.applyStatus('done', { to: 'paid', source: 'notification', at: now.toISOString() });
    const { r } = reconciler({ batchSize: 2 });
    expect(await r.runOnce()).toMatchObject({ checked: 2 });
    expect(await r.runOnce()).toMatchObject({ checked: 1 });
    expect(await r.runOnce()).toMatchObject({ checked: 0 });
    now = new Date(now.getTime() + 60_001);
    expect(await r.runOnce()).toMatchObject({ checked: 2, changed: 0 });
    expect(qiwiServer.requests.some((p) => p.endsWith('/bills/done'))).toBe(false);
  });

  it('leaves a web-form order that QIWI does not know yet (210) as it is, without an error', async () => {
    await ledger.placeOrder(newOrder({ id: 'webform-1', flow: 'webform' }));
    const { r, lines } = reconciler();
    expect(await r.runOnce()).toEqual({ checked: 1, changed: 0, errors: 0 });
    expect((await ledger.getOrder('webform-1'))?.status).toBe('created');
    expect(lines.filter((l) => l.level === 40)).toEqual([]);
  });

  it('expires a web-form order QIWI has no bill for (210) only once its lifetime and the grace have passed', async () => {
    const lifetime = '2025-01-01T12:00:00.000Z';
    await ledger.placeOrder(newOrder({ id: 'webform-2', flow: 'webform', lifetime }));
    const eventsBefore = await ledger.listEvents('webform-2');
    const { r, lines } = reconciler();
    for (const at of [Date.parse(lifetime) - 60_000, Date.parse(lifetime) + LAPSE_GRACE_MS]) {
      now = new Date(at);
      expect(await r.runOnce()).toEqual({ checked: 1, changed: 0, errors: 0 });
      expect((await ledger.getOrder('webform-2'))?.status).toBe('created');
    }
    expect(await ledger.listEvents('webform-2')).toEqual(eventsBefore);

    now = new Date(Date.parse(lifetime) + LAPSE_GRACE_MS + 60_001);
    expect(await r.runOnce()).toEqual({ checked: 1, changed: 1, errors: 0 });
    expect((await ledger.getOrder('webform-2'))?.status).toBe('expired');
    expect((await ledger.listEvents('webform-2')).at(-1)).toMatchObject({
      from: 'created',
      to: 'expired',
      source: 'reconciler',
      at: now.toISOString(),
      detail: 'QIWI has no bill and the lifetime passed',
    });
    expect((await ledger.listWebhooks({ orderId: 'webform-2', limit: 10 })).map((w) => w.type)).toEqual([
      'order.expired',
    ]);
    expect(qiwiServer.requests).toHaveLength(3);
    expect(lines.filter((l) => l.level === 40)).toEqual([]);
    // Final now: no longer on the work list.
    now = new Date(now.getTime() + 60_001);
    expect(await r.runOnce()).toMatchObject({ checked: 0 });
  });

  it('counts other QIWI errors past the deadline as errors and does not expire the order', async () => {
    const lifetime = '2025-01-01T12:00:00.000Z';
    await ledger.placeOrder(newOrder({ id: 'webform-3', flow: 'webform', lifetime }));
    qiwiServer.bills.set('webform-3', 300);
    now = new Date(Date.parse(lifetime) + LAPSE_GRACE_MS + 60_001);
    const { r } = reconciler();
    expect(await r.runOnce()).toEqual({ checked: 1, changed: 0, errors: 1 });
    expect((await ledger.getOrder('webform-3'))?.status).toBe('created');
  });

  it('never applies a bill whose amount or currency differ from the ledger, and counts an error', async () => {
    await ledger.placeOrder(newOrder({ id: 'odd' }));
    qiwiServer.bills.set('odd', bill('odd', 'paid', { amount: '1.00' }));
    const { r, lines } = reconciler();
    expect(await r.runOnce()).toEqual({ checked: 1, changed: 0, errors: 1 });
    expect((await ledger.getOrder('odd'))?.status).toBe('created');
    expect(lines.some((l) => String(l.reason).includes('QIWI holds bill odd for 1.00 RUB'))).toBe(true);
  });

  it('counts QIWI errors and keeps going with the next order', async () => {
    await ledger.placeOrder(newOrder({ id: 'broken' }));
    await ledger.placeOrder(newOrder({ id: 'fine' }));
    qiwiServer.bills.set('broken', 300);
    qiwiServer.bills.set('fine', bill('fine', 'paid'));
    const { r } = reconciler();
    expect(await r.runOnce()).toEqual({ checked: 2, changed: 1, errors: 1 });
    expect((await ledger.getOrder('fine'))?.status).toBe('paid');
  });

  it('finishes refunds left processing', async () => {
    await ledger.placeOrder(newOrder({ id: 'o1' }));
    await ledger.applyStatus('o1', { to: 'paid', source: 'notification', at: now.toISOString() });
    const base = {
      orderId: 'o1',
      amount: minorUnits(1_000),
      status: 'processing' as const,
      error: 0,
      createdAt: now.toISOString(),
    };
    await ledger.recordRefund({ ...base, refundId: 'R1' });
    await ledger.recordRefund({ ...base, refundId: 'R2' });
    qiwiServer.refunds.set('o1/R1', { refund_id: 'R1', amount: '10.00', status: 'success', error: 0 });
    qiwiServer.refunds.set('o1/R2', { refund_id: 'R2', amount: '10.00', status: 'processing', error: 0 });
    const { r } = reconciler();
    expect(await r.runOnce()).toEqual({ checked: 2, changed: 1, errors: 0 });
    expect((await ledger.getRefund('o1', 'R1'))?.status).toBe('success');
    expect((await ledger.getRefund('o1', 'R2'))?.status).toBe('processing');
    expect(await ledger.listRefundsByStatus('processing', 10)).toHaveLength(1);
  });

  it('never overlaps passes, and stops cleanly', async () => {
    await ledger.placeOrder(newOrder({ id: 'x' }));
    qiwiServer.bills.set('x', bill('x', 'paid'));
    const { r } = reconciler();
    const [a, b] = await Promise.all([r.runOnce(), r.runOnce()]);
    expect(b).toBe(a);
    expect(qiwiServer.requests).toHaveLength(1);
    r.start();
    r.start();
    await r.stop();
  });
});
