// The ledger's operations over a real SQLite file: each one transaction, the status machine, the one
// judgement of QIWI's word, and the outbox entries they write.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOrder, openSqliteLedger, tempDb, type TempDb } from '../../test/ledger/ledger-fixtures.js';
import { minorUnits } from '../qiwi/index.js';
import type { Ledger } from './ledger-api.js';
import type { NotificationIntake } from './notification-record.js';
import type { QiwiWord } from './judge-qiwi-word.js';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString();
const CODES = { accepted: 0, refused: 5 };

function intake(overrides: Partial<NotificationIntake> = {}): NotificationIntake {
  return {
    receivedAt: at(5),
    protocol: 'pull',
    rawBody: 'command=bill&bill_id=order-1001&status=paid',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: '127.0.0.1',
    billId: 'order-1001',
    status: 'paid',
    ...overrides,
  };
}

const paidWord = (overrides: Partial<Extract<QiwiWord, { kind: 'bill' }>> = {}): QiwiWord => ({
  kind: 'bill',
  billId: 'order-1001',
  status: 'paid',
  amount: minorUnits(25_000),
  amountText: '250.00',
  currency: 'RUB',
  ...overrides,
});

describe('ledger', () => {
  let db: TempDb;
  let ledger: Ledger;
  let ids = 0;

  beforeEach(() => {
    db = tempDb();
    ledger = openSqliteLedger(db.path, { clock: () => new Date(at(30)), newId: () => `evt-${++ids}` });
  });
  afterEach(async () => {
    await ledger.close();
    db.cleanup();
  });

  it('places an order once, records its creation event, and returns the stored one on re-insert', async () => {
    const first = await ledger.placeOrder(newOrder());
    const again = await ledger.placeOrder(newOrder({ amount: minorUnits(1) }));
    expect(first.inserted).toBe(true);
    expect(again.inserted).toBe(false);
    expect(again.order.amount).toBe(25_000);
    expect(first.order).toMatchObject({ status: 'created', refundedAmount: 0, lastCheckedAt: undefined });
    expect(first.order.redirect.params).toEqual({ shop: '1', transaction: 'order-1001' });
    // The order answered is the order stored, field for field.
    expect(first.order).toEqual(await ledger.getOrder('order-1001'));
    expect(await ledger.listEvents('order-1001')).toMatchObject([
      { from: null, to: 'created', source: 'checkout' },
    ]);
  });

  it('writes order, event and outbox entry together when an order becomes final', async () => {
    await ledger.placeOrder(newOrder());
    const waiting = await ledger.applyStatus('order-1001', { to: 'waiting', source: 'checkout', at: at(1) });
    expect(waiting.outcome).toBe('change');
    expect(await ledger.listWebhooks({ limit: 10 })).toEqual([]);
    const paid = await ledger.applyStatus('order-1001', { to: 'paid', source: 'notification', at: at(2) });
    expect(paid).toMatchObject({ outcome: 'change', order: { status: 'paid', updatedAt: at(2) } });
    expect(paid.order).toEqual(await ledger.getOrder('order-1001'));
    const events = await ledger.listEvents('order-1001');
    expect(events.map((e) => [e.from, e.to, e.source])).toEqual([
      [null, 'created', 'checkout'],
      ['created', 'waiting', 'checkout'],
      ['waiting', 'paid', 'notification'],
    ]);
    const [webhook] = await ledger.listWebhooks({ orderId: 'order-1001', limit: 10 });
    expect(webhook).toMatchObject({ id: 'evt-1', type: 'order.paid', attempts: 0, deliveredAt: undefined });
    expect(JSON.parse(webhook?.payload ?? '{}')).toEqual({
      type: 'order.paid',
      timestamp: at(30),
      data: { orderId: 'order-1001', status: 'paid', amount: '250.00', currency: 'RUB' },
    });
  });

  it('rolls the whole status change back when one of its writes fails', async () => {
    await ledger.placeOrder(newOrder());
    const failing = openSqliteLedger(db.path, { newId: () => 'evt-dup' });
    await failing.placeOrder(newOrder({ id: 'order-2' }));
    await failing.applyStatus('order-2', { to: 'paid', source: 'admin', at: at(1) });
    // The second outbox id collides with the first: the UNIQUE constraint fails inside the transaction.
    await expect(
      failing.applyStatus('order-1001', { to: 'paid', source: 'admin', at: at(2) }),
    ).rejects.toThrow(/UNIQUE/);
    expect((await ledger.getOrder('order-1001'))?.status).toBe('created');
    expect(await ledger.listEvents('order-1001')).toHaveLength(1);
    await failing.close();
  });

  it('never changes a final status and never moves backwards', async () => {
    await ledger.placeOrder(newOrder());
    await ledger.applyStatus('order-1001', { to: 'paid', source: 'notification', at: at(1) });
    const same = await ledger.applyStatus('order-1001', { to: 'paid', source: 'reconciler', at: at(2) });
    const refused = await ledger.applyStatus('order-1001', { to: 'rejected', source: 'admin', at: at(3) });
    const back = await ledger.applyStatus('order-1001', { to: 'waiting', source: 'poll', at: at(4) });
    expect(same.outcome).toBe('same');
    expect(refused).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/final/) });
    expect(back.outcome).toBe('refused');
    expect((await ledger.getOrder('order-1001'))?.status).toBe('paid');
    expect(await ledger.listEvents('order-1001')).toHaveLength(2);
    expect(await ledger.listWebhooks({ limit: 10 })).toHaveLength(1);
  });

  it('refuses a status change for an unknown order with a message that says what to do', async () => {
    await expect(ledger.applyStatus('nope', { to: 'paid', source: 'admin', at: at(1) })).rejects.toThrow(
      /no order nope in the ledger; insert the order first/,
    );
  });

  it('records a notification with its change in one transaction and marks repeats as duplicates', async () => {
    await ledger.placeOrder(newOrder());
    const first = await ledger.recordNotification(intake(), paidWord(), CODES);
    const second = await ledger.recordNotification(intake({ receivedAt: at(6) }), paidWord(), CODES);
    expect(first.record).toMatchObject({ verdict: 'accepted', resultCode: 0 });
    expect(first.applied?.outcome).toBe('change');
    expect(second.record).toMatchObject({ verdict: 'duplicate', reason: 'already paid', resultCode: 0 });
    expect((await ledger.listEvents('order-1001')).filter((e) => e.to === 'paid')).toHaveLength(1);
    expect(await ledger.listNotifications({ orderId: 'order-1001', limit: 10 })).toHaveLength(2);
  });

  it('records a notification about an unknown bill or another amount as rejected, and moves nothing', async () => {
    await ledger.placeOrder(newOrder());
    const ghost = await ledger.recordNotification(
      intake({ billId: 'ghost' }),
      paidWord({ billId: 'ghost' }),
      CODES,
    );
    expect(ghost).toEqual({ record: expect.objectContaining({ verdict: 'rejected', resultCode: 5 }) });
    expect(ghost.record.reason).toMatch(/unknown bill ghost/);
    const odd = await ledger.recordNotification(
      intake(),
      paidWord({ amount: minorUnits(250), amountText: '2.50' }),
      CODES,
    );
    expect(odd.record.reason).toMatch(/amount 2.50 differs from the order's 250.00/);
    expect((await ledger.getOrder('order-1001'))?.status).toBe('created');
    expect(await ledger.listWebhooks({ limit: 10 })).toEqual([]);
    const rejected = await ledger.recordRejectedNotification({
      receivedAt: intake().receivedAt,
      protocol: 'pull',
      source: '203.0.113.9',
      size: 120,
      sha256: 'ab'.repeat(32),
      prefix: 'command=bill&bill_id=forged',
      billId: 'forged',
      status: 'paid',
      reason: 'signature does not match',
      resultCode: 151,
    });
    expect(rejected).toMatchObject({
      billId: 'forged',
      resultCode: 151,
      authenticated: false,
      source: '203.0.113.9',
      size: 120,
    });
    expect(rejected).not.toHaveProperty('rawBody');
    expect(await ledger.rejectionCounts()).toMatchObject([{ resultCode: 151, count: 1 }]);
    expect(await ledger.listNotifications({ verdict: 'rejected', limit: 10 })).toHaveLength(3);
  });

  it('judges what QIWI reports for the poll and the reconciler the same way', async () => {
    await ledger.placeOrder(newOrder());
    await ledger.placeOrder(newOrder({ id: 'web', flow: 'webform', lifetime: at(0) }));
    const refused = await ledger.applyQiwiWord(paidWord({ currency: 'USD' }), { source: 'poll', at: at(1) });
    expect(refused).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/currency USD differs/) });
    const paid = await ledger.applyQiwiWord(paidWord(), {
      source: 'reconciler',
      at: at(2),
      detail: 'QIWI reports paid',
    });
    expect(paid).toMatchObject({ kind: 'changed', order: { status: 'paid' } });
    expect((await ledger.listEvents('order-1001')).at(-1)).toMatchObject({
      source: 'reconciler',
      detail: 'QIWI reports paid',
    });
    // No bill yet, within the lifetime and its grace: wait; after it: expired.
    expect(
      await ledger.applyQiwiWord({ kind: 'no-bill', billId: 'web' }, { source: 'poll', at: at(5) }),
    ).toMatchObject({
      kind: 'unchanged',
    });
    const lapsed = await ledger.applyQiwiWord(
      { kind: 'no-bill', billId: 'web' },
      { source: 'poll', at: at(11) },
    );
    expect(lapsed).toMatchObject({ kind: 'changed', order: { status: 'expired' } });
  });

  it('records refunds once, queues refund.updated on every change, and sums refundedAmount', async () => {
    await ledger.placeOrder(newOrder());
    await ledger.applyStatus('order-1001', { to: 'paid', source: 'notification', at: at(1) });
    const base = { orderId: 'order-1001', error: 0, createdAt: at(2) };
    await ledger.recordRefund({ ...base, refundId: 'R1', amount: minorUnits(1_000), status: 'processing' });
    await ledger.recordRefund({ ...base, refundId: 'R2', amount: minorUnits(2_000), status: 'success' });
    await ledger.recordRefund({ ...base, refundId: 'R3', amount: minorUnits(4_000), status: 'fail' });
    const repeat = await ledger.recordRefund({
      ...base,
      refundId: 'R1',
      amount: minorUnits(9_999),
      status: 'processing',
    });
    expect(repeat).toMatchObject({ inserted: false, refund: { amount: 1_000 } });
    expect((await ledger.getOrder('order-1001'))?.refundedAmount).toBe(3_000);
    await ledger.updateRefund('order-1001', 'R1', 'fail', 241, at(3));
    expect((await ledger.getOrder('order-1001'))?.refundedAmount).toBe(2_000);
    const unchanged = await ledger.updateRefund('order-1001', 'R1', 'fail', 241, at(4));
    expect(unchanged?.updatedAt).toBe(at(3));
    expect(await ledger.updateRefund('order-1001', 'R9', 'fail', 0, at(4))).toBeUndefined();
    const refundEvents = (await ledger.listWebhooks({ limit: 10 })).filter(
      (w) => w.type === 'refund.updated',
    );
    expect(refundEvents).toHaveLength(4);
    expect(JSON.parse(refundEvents[0]?.payload ?? '{}').data.refund).toEqual({
      refundId: 'R1',
      amount: '10.00',
      status: 'fail',
      error: 241,
    });
  });
});
