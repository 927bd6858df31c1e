import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOrder, tempDb, type TempDb } from '../../test/ledger/ledger-fixtures.js';
import { createStore, parseStoreUrl } from './create-store.js';
import { MIGRATIONS, migrateSqlite } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';
import type { NotificationInput, Store } from './store.js';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString();

function notification(overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    receivedAt: at(5),
    protocol: 'pull',
    rawBody: 'command=bill&bill_id=order-1001&status=paid',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: '127.0.0.1',
    billId: 'order-1001',
    status: 'paid',
    verdict: 'accepted',
    reason: undefined,
    resultCode: 0,
    ...overrides,
  };
}

describe('SQLite store', () => {
  let db: TempDb;
  let store: Store;
  let ids = 0;

  beforeEach(() => {
    db = tempDb();
    store = openSqliteStore(db.path, { clock: () => new Date(at(30)), newId: () => `evt-${++ids}` });
  });
  afterEach(async () => {
    await store.close();
    db.cleanup();
  });

  it('inserts an order once, records its creation event, and returns the stored one on re-insert', async () => {
    const first = await store.insertOrder(newOrder());
    const again = await store.insertOrder(newOrder({ amount: 1 }));
    expect(first.inserted).toBe(true);
    expect(again.inserted).toBe(false);
    expect(again.order.amount).toBe(25_000);
    expect(first.order).toMatchObject({ status: 'created', refundedAmount: 0, lastCheckedAt: undefined });
    expect(first.order.redirect.params).toEqual({ shop: '1', transaction: 'order-1001' });
    expect(await store.listEvents('order-1001')).toMatchObject([
      { from: null, to: 'created', source: 'checkout' },
    ]);
  });

  it('opens with WAL, synchronous FULL and foreign keys on', async () => {
    const raw = new Database(db.path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    raw.close();
  });

  it('writes order, event and webhook together when an order becomes final', async () => {
    await store.insertOrder(newOrder());
    const waiting = await store.applyStatus('order-1001', { to: 'waiting', source: 'checkout', at: at(1) });
    expect(waiting.outcome).toBe('change');
    expect(await store.listWebhooks({ limit: 10 })).toEqual([]);
    const paid = await store.applyStatus('order-1001', { to: 'paid', source: 'notification', at: at(2) });
    expect(paid).toMatchObject({ outcome: 'change', order: { status: 'paid', updatedAt: at(2) } });
    const events = await store.listEvents('order-1001');
    expect(events.map((e) => [e.from, e.to, e.source])).toEqual([
      [null, 'created', 'checkout'],
      ['created', 'waiting', 'checkout'],
      ['waiting', 'paid', 'notification'],
    ]);
    const [webhook] = await store.listWebhooks({ orderId: 'order-1001', limit: 10 });
    expect(webhook).toMatchObject({ id: 'evt-1', type: 'order.paid', attempts: 0, deliveredAt: undefined });
    expect(JSON.parse(webhook?.payload ?? '{}')).toEqual({
      type: 'order.paid',
      timestamp: at(30),
      data: { orderId: 'order-1001', status: 'paid', amount: '250.00', currency: 'RUB' },
    });
  });

  it('rolls the whole status change back when one of its writes fails', async () => {
    await store.insertOrder(newOrder());
    const failing = openSqliteStore(db.path, { newId: () => 'evt-dup' });
    await failing.insertOrder(newOrder({ id: 'order-2' }));
    await failing.applyStatus('order-2', { to: 'paid', source: 'admin', at: at(1) });
    // The second webhook id collides with the first: the UNIQUE constraint fails inside the transaction.
    await expect(
      failing.applyStatus('order-1001', { to: 'paid', source: 'admin', at: at(2) }),
    ).rejects.toThrow(/UNIQUE/);
    expect((await store.getOrder('order-1001'))?.status).toBe('created');
    expect(await store.listEvents('order-1001')).toHaveLength(1);
    await failing.close();
  });

  it('never changes a final status and never moves backwards', async () => {
    await store.insertOrder(newOrder());
    await store.applyStatus('order-1001', { to: 'paid', source: 'notification', at: at(1) });
    const same = await store.applyStatus('order-1001', { to: 'paid', source: 'reconciler', at: at(2) });
    const refused = await store.applyStatus('order-1001', { to: 'rejected', source: 'admin', at: at(3) });
    const back = await store.applyStatus('order-1001', { to: 'waiting', source: 'poll', at: at(4) });
    expect(same.outcome).toBe('same');
    expect(refused).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/final/) });
    expect(back.outcome).toBe('refused');
    expect((await store.getOrder('order-1001'))?.status).toBe('paid');
    expect(await store.listEvents('order-1001')).toHaveLength(2);
    expect(await store.listWebhooks({ limit: 10 })).toHaveLength(1);
  });

  it('refuses a status change for an unknown order with a message that says what to do', async () => {
    await expect(store.applyStatus('nope', { to: 'paid', source: 'admin', at: at(1) })).rejects.toThrow(
      /no order nope in the ledger; insert the order first/,
    );
  });

  it('records a notification with its change in one transaction and marks repeats as duplicates', async () => {
    await store.insertOrder(newOrder());
    const change = {
      orderId: 'order-1001',
      change: { to: 'paid' as const, source: 'notification' as const, at: at(5) },
    };
    const first = await store.recordNotification(notification(), change);
    const second = await store.recordNotification(notification({ receivedAt: at(6) }), change);
    expect(first.record.verdict).toBe('accepted');
    expect(first.applied?.outcome).toBe('change');
    expect(second.record).toMatchObject({ verdict: 'duplicate', reason: 'already paid' });
    expect((await store.listEvents('order-1001')).filter((e) => e.to === 'paid')).toHaveLength(1);
    const rejected = await store.recordNotification(
      notification({ billId: 'ghost', verdict: 'rejected', reason: 'unknown bill', resultCode: 300 }),
    );
    expect(rejected.applied).toBeUndefined();
    expect(await store.listNotifications({ verdict: 'rejected', limit: 10 })).toMatchObject([
      {
        billId: 'ghost',
        reason: 'unknown bill',
        resultCode: 300,
        headers: { 'content-type': expect.any(String) },
      },
    ]);
    expect(await store.listNotifications({ orderId: 'order-1001', limit: 10 })).toHaveLength(2);
  });

  it('records nothing of a notification whose status change fails', async () => {
    await expect(
      store.recordNotification(notification({ billId: 'ghost' }), {
        orderId: 'ghost',
        change: { to: 'paid', source: 'notification', at: at(5) },
      }),
    ).rejects.toThrow(/no order ghost/);
    expect(await store.listNotifications({ limit: 10 })).toEqual([]);
  });

  it('sums refunds in processing and success into refundedAmount and queues refund.updated', async () => {
    await store.insertOrder(newOrder());
    await store.applyStatus('order-1001', { to: 'paid', source: 'notification', at: at(1) });
    const base = { orderId: 'order-1001', error: 0, createdAt: at(2) };
    await store.insertRefund({ ...base, refundId: 'R1', amount: 1_000, status: 'processing' });
    await store.insertRefund({ ...base, refundId: 'R2', amount: 2_000, status: 'success' });
    await store.insertRefund({ ...base, refundId: 'R3', amount: 4_000, status: 'fail' });
    const repeat = await store.insertRefund({ ...base, refundId: 'R1', amount: 9_999, status: 'processing' });
    expect(repeat).toMatchObject({ inserted: false, refund: { amount: 1_000 } });
    expect((await store.getOrder('order-1001'))?.refundedAmount).toBe(3_000);
    await store.updateRefund('order-1001', 'R1', 'fail', 241, at(3));
    expect((await store.getOrder('order-1001'))?.refundedAmount).toBe(2_000);
    const unchanged = await store.updateRefund('order-1001', 'R1', 'fail', 241, at(4));
    expect(unchanged?.updatedAt).toBe(at(3));
    expect(await store.updateRefund('order-1001', 'R9', 'fail', 0, at(4))).toBeUndefined();
    const refundEvents = (await store.listWebhooks({ limit: 10 })).filter((w) => w.type === 'refund.updated');
    expect(refundEvents).toHaveLength(4);
    expect(JSON.parse(refundEvents[0]?.payload ?? '{}').data.refund).toEqual({
      refundId: 'R1',
      amount: '10.00',
      status: 'fail',
      error: 241,
    });
    expect((await store.listRefundsByStatus('success', 10)).map((r) => r.refundId)).toEqual(['R2']);
    expect((await store.listRefunds('order-1001')).map((r) => r.refundId)).toEqual(['R1', 'R2', 'R3']);
  });

  it('lists open orders oldest check first, and pages orders newest first', async () => {
    for (const id of ['a', 'b', 'c']) await store.insertOrder(newOrder({ id }));
    await store.applyStatus('c', { to: 'paid', source: 'admin', at: at(1) });
    await store.markChecked('a', at(10));
    expect((await store.listOpenOrders(10, at(20))).map((o) => o.id)).toEqual(['b', 'a']);
    expect((await store.listOpenOrders(10, at(5))).map((o) => o.id)).toEqual(['b']);
    expect((await store.listOrders({ limit: 2 })).map((o) => o.id)).toEqual(['c', 'b']);
    expect((await store.listOrders({ limit: 10, before: 'b' })).map((o) => o.id)).toEqual(['a']);
    expect((await store.listOrders({ limit: 10, status: ['paid'] })).map((o) => o.id)).toEqual(['c']);
  });

  it('hands out due webhooks and records attempts', async () => {
    await store.insertOrder(newOrder());
    await store.applyStatus('order-1001', { to: 'expired', source: 'reconciler', at: at(1) });
    expect(await store.dueWebhooks(at(29), 10)).toEqual([]);
    const [due] = await store.dueWebhooks(at(30), 10);
    await store.markWebhookFailed(due?.id ?? '', 'HTTP 500', at(40));
    expect(await store.dueWebhooks(at(39), 10)).toEqual([]);
    expect(await store.dueWebhooks(at(40), 10)).toMatchObject([{ attempts: 1, lastError: 'HTTP 500' }]);
    await store.markWebhookDelivered(due?.id ?? '', at(41));
    expect(await store.dueWebhooks(at(59), 10)).toEqual([]);
    expect(await store.listWebhooks({ limit: 1 })).toMatchObject([{ attempts: 2, deliveredAt: at(41) }]);
  });

  it('keeps everything when the file is reopened', async () => {
    await store.insertOrder(newOrder());
    await store.recordNotification(notification(), {
      orderId: 'order-1001',
      change: { to: 'paid', source: 'notification', at: at(5) },
    });
    await store.close();
    store = openSqliteStore(db.path);
    expect((await store.getOrder('order-1001'))?.status).toBe('paid');
    expect(await store.listEvents('order-1001')).toHaveLength(2);
    expect(await store.listNotifications({ limit: 10 })).toHaveLength(1);
    expect(await store.listWebhooks({ limit: 10 })).toHaveLength(1);
  });
});

describe('migrations', () => {
  it('run once, and refuse a database newer than the code', () => {
    const db = tempDb();
    try {
      expect(migrateSqlite(db.path)).toEqual({ applied: [1], version: 1 });
      expect(migrateSqlite(db.path)).toEqual({ applied: [], version: 1 });
      const raw = new Database(db.path);
      raw.pragma('user_version = 99');
      raw.close();
      expect(() => migrateSqlite(db.path)).toThrow(/schema version 99.*upgrade the server/);
    } finally {
      db.cleanup();
    }
  });
});

describe('createStore', () => {
  it('accepts sqlite:PATH, a plain path and :memory:', async () => {
    expect(parseStoreUrl('sqlite:.data/x.sqlite')).toEqual({ kind: 'sqlite', path: '.data/x.sqlite' });
    expect(parseStoreUrl('sqlite:///tmp/x.sqlite')).toEqual({ kind: 'sqlite', path: '/tmp/x.sqlite' });
    expect(parseStoreUrl('/var/lib/x.sqlite')).toEqual({ kind: 'sqlite', path: '/var/lib/x.sqlite' });
    expect(parseStoreUrl(':memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    const store = createStore(':memory:');
    expect((await store.insertOrder(newOrder())).inserted).toBe(true);
    await store.close();
  });

  it('names the supported schemes when given another', () => {
    expect(() => createStore('postgres://db/x')).toThrow(
      'database scheme "postgres:" is not supported; use sqlite:PATH, a plain file path, or :memory:',
    );
  });
});
