// The repository contract suite (DESIGN.md house style 10): everything the ledger relies on from a
// database adapter, written as a function of an adapter factory so every adapter runs the same
// suite — SQLite today (src/store/sqlite/sqlite-repository.test.ts), PostgreSQL next. SQL behaviour
// only: the rules (status machine, judgement, outbox contents) are the ledger's and tested there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  LedgerRepository,
  NotificationInput,
  OutboxEntry,
  RejectedRequestInput,
} from '../../src/ledger/index.js';
import { minorUnits } from '../../src/qiwi/index.js';
import { newOrder } from '../ledger/ledger-fixtures.js';

/** One storage place per test: open() may be called again to reopen the same data. */
export interface AdapterUnderTest {
  open(): LedgerRepository;
  cleanup(): void | Promise<void>;
}

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

const rejectedRequest = (
  minute: number,
  overrides: Partial<RejectedRequestInput> = {},
): RejectedRequestInput => ({
  receivedAt: at(minute),
  protocol: 'pull',
  source: '203.0.113.7',
  size: 65_536,
  sha256: 'ab'.repeat(32),
  prefix: 'command=bill&bill_id=forged',
  billId: 'order-1001',
  status: 'paid',
  reason: 'signature does not match',
  resultCode: 151,
  ...overrides,
});

const entry = (id: string, orderId = 'order-1001', createdAt = at(30)): OutboxEntry => ({
  id,
  type: 'order.paid',
  orderId,
  payload: JSON.stringify({ id }),
  createdAt,
});

export function describeRepositoryContract(name: string, makeAdapter: () => AdapterUnderTest): void {
  describe(`repository contract: ${name}`, () => {
    let adapter: AdapterUnderTest;
    let repo: LedgerRepository;

    beforeEach(() => {
      adapter = makeAdapter();
      repo = adapter.open();
    });
    afterEach(async () => {
      await repo.close();
      await adapter.cleanup();
    });

    it('inserts an order once and reads back every field, amounts as minor units', async () => {
      expect(await repo.transaction((tx) => tx.insertOrder(newOrder()))).toBe(true);
      expect(await repo.transaction((tx) => tx.insertOrder(newOrder({ amount: minorUnits(1) })))).toBe(false);
      const order = await repo.getOrder('order-1001');
      expect(order).toEqual({
        ...newOrder(),
        updatedAt: newOrder().createdAt,
        lastCheckedAt: undefined,
        refundTotals: {},
      });
      expect(await repo.getOrder('nope')).toBeUndefined();
    });

    it('changes a status and keeps events in order', async () => {
      await repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder());
        await tx.insertEvent({
          orderId: 'order-1001',
          from: null,
          to: 'created',
          source: 'checkout',
          at: at(0),
          detail: 'order created',
        });
        await tx.setOrderStatus('order-1001', 'waiting', at(1));
        await tx.insertEvent({
          orderId: 'order-1001',
          from: 'created',
          to: 'waiting',
          source: 'poll',
          at: at(1),
          detail: undefined,
        });
      });
      expect(await repo.getOrder('order-1001')).toMatchObject({ status: 'waiting', updatedAt: at(1) });
      expect(await repo.listEvents('order-1001')).toMatchObject([
        { from: null, to: 'created', source: 'checkout', detail: 'order created' },
        { from: 'created', to: 'waiting', source: 'poll', at: at(1), detail: undefined },
      ]);
    });

    it('rolls back every write of a transaction that throws, and reads its own writes inside', async () => {
      await expect(
        repo.transaction(async (tx) => {
          await tx.insertOrder(newOrder());
          expect(await tx.getOrder('order-1001')).toBeDefined();
          await tx.enqueueWebhook(entry('evt-1'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await repo.getOrder('order-1001')).toBeUndefined();
      expect(await repo.listWebhooks({ limit: 10 })).toEqual([]);
    });

    it('rolls back when a write breaks a constraint (duplicate outbox id)', async () => {
      await repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder());
        await tx.enqueueWebhook(entry('evt-dup'));
      });
      await expect(
        repo.transaction(async (tx) => {
          await tx.setOrderStatus('order-1001', 'paid', at(2));
          await tx.enqueueWebhook(entry('evt-dup'));
        }),
      ).rejects.toThrow();
      expect((await repo.getOrder('order-1001'))?.status).toBe('created');
    });

    it('never interleaves two transactions', async () => {
      await repo.transaction((tx) => tx.insertOrder(newOrder()));
      const seen: string[] = [];
      await Promise.all(
        ['a', 'b', 'c'].map((name) =>
          repo.transaction(async (tx) => {
            seen.push(`${name}:start`);
            await tx.getOrder('order-1001');
            await new Promise((resolve) => setTimeout(resolve, 5));
            seen.push(`${name}:end`);
          }),
        ),
      );
      expect(seen).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
    });

    it('records notifications and lists them newest first, by order and by verdict', async () => {
      await repo.transaction((tx) => tx.insertOrder(newOrder()));
      const first = await repo.transaction((tx) => tx.insertNotification(notification()));
      expect(first).toMatchObject({ id: expect.any(Number), ...notification() });
      await repo.transaction((tx) =>
        tx.insertNotification(
          notification({ billId: 'ghost', verdict: 'rejected', reason: 'unknown bill', resultCode: 5 }),
        ),
      );
      expect((await repo.listNotifications({ limit: 10 })).map((n) => n.billId)).toEqual([
        'ghost',
        'order-1001',
      ]);
      expect(await repo.listNotifications({ verdict: 'rejected', limit: 10 })).toMatchObject([
        {
          billId: 'ghost',
          reason: 'unknown bill',
          resultCode: 5,
          headers: { 'content-type': expect.any(String) },
        },
      ]);
      expect(await repo.listNotifications({ orderId: 'order-1001', limit: 10 })).toHaveLength(1);
    });

    it('keeps refunds once each, and sums their amounts per status with the order', async () => {
      await repo.transaction((tx) => tx.insertOrder(newOrder()));
      const base = { orderId: 'order-1001', error: 0, createdAt: at(2), updatedAt: at(2) };
      await repo.transaction(async (tx) => {
        expect(
          await tx.insertRefund({ ...base, refundId: 'R1', amount: minorUnits(1_000), status: 'processing' }),
        ).toBe(true);
        await tx.insertRefund({ ...base, refundId: 'R2', amount: minorUnits(2_000), status: 'success' });
        await tx.insertRefund({ ...base, refundId: 'R3', amount: minorUnits(4_000), status: 'fail' });
        expect(
          await tx.insertRefund({ ...base, refundId: 'R1', amount: minorUnits(9_999), status: 'processing' }),
        ).toBe(false);
      });
      expect(await repo.getRefund('order-1001', 'R1')).toMatchObject({ amount: 1_000 });
      expect((await repo.getOrder('order-1001'))?.refundTotals).toEqual({
        processing: 1_000,
        success: 2_000,
        fail: 4_000,
      });
      await repo.transaction((tx) =>
        tx.updateRefund('order-1001', 'R1', { status: 'fail', error: 241, at: at(3) }),
      );
      expect(await repo.getRefund('order-1001', 'R1')).toMatchObject({
        status: 'fail',
        error: 241,
        updatedAt: at(3),
      });
      expect((await repo.getOrder('order-1001'))?.refundTotals).toEqual({ success: 2_000, fail: 5_000 });
      expect((await repo.listRefundsByStatus('success', 10)).map((r) => r.refundId)).toEqual(['R2']);
      expect((await repo.listRefunds('order-1001')).map((r) => r.refundId)).toEqual(['R1', 'R2', 'R3']);
    });

    it('lists open orders oldest check first, and pages orders newest first', async () => {
      await repo.transaction(async (tx) => {
        for (const id of ['a', 'b', 'c']) await tx.insertOrder(newOrder({ id }));
        await tx.setOrderStatus('c', 'paid', at(1));
      });
      await repo.markChecked('a', at(10));
      expect((await repo.getOrder('a'))?.lastCheckedAt).toBe(at(10));
      expect((await repo.listOpenOrders(10, at(20))).map((o) => o.id)).toEqual(['b', 'a']);
      expect((await repo.listOpenOrders(10, at(5))).map((o) => o.id)).toEqual(['b']);
      expect((await repo.listOrders({ limit: 2 })).map((o) => o.id)).toEqual(['c', 'b']);
      expect((await repo.listOrders({ limit: 10, before: 'b' })).map((o) => o.id)).toEqual(['a']);
      expect((await repo.listOrders({ limit: 10, status: ['paid'] })).map((o) => o.id)).toEqual(['c']);
    });

    it('hands out due outbox entries and records attempts', async () => {
      await repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder());
        await tx.enqueueWebhook(entry('evt-1'));
      });
      expect(await repo.dueWebhooks(at(29), 10)).toEqual([]);
      const [due] = await repo.dueWebhooks(at(30), 10);
      expect(due).toMatchObject({
        ...entry('evt-1'),
        attempts: 0,
        nextAttemptAt: at(30),
        deliveredAt: undefined,
      });
      await repo.markWebhookFailed('evt-1', 'HTTP 500', at(40));
      expect(await repo.dueWebhooks(at(39), 10)).toEqual([]);
      expect(await repo.dueWebhooks(at(40), 10)).toMatchObject([{ attempts: 1, lastError: 'HTTP 500' }]);
      await repo.markWebhookDelivered('evt-1', at(41));
      expect(await repo.dueWebhooks(at(59), 10)).toEqual([]);
      expect(await repo.listWebhooks({ orderId: 'order-1001', limit: 1 })).toMatchObject([
        { attempts: 2, deliveredAt: at(41) },
      ]);
    });

    it('keeps everything committed when reopened', async () => {
      await repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder());
        await tx.setOrderStatus('order-1001', 'paid', at(5));
        await tx.insertNotification(notification());
        await tx.enqueueWebhook(entry('evt-1'));
      });
      await repo.close();
      repo = adapter.open();
      expect((await repo.getOrder('order-1001'))?.status).toBe('paid');
      expect(await repo.listNotifications({ limit: 10 })).toHaveLength(1);
      expect(await repo.listWebhooks({ limit: 10 })).toHaveLength(1);
    });

    it('keeps unauthenticated rejects as bounded records, counts them, and prunes only those', async () => {
      await repo.transaction((tx) => tx.insertNotification(notification({ receivedAt: at(0) })));
      for (let minute = 1; minute <= 5; minute++)
        await repo.transaction(async (tx) => {
          await tx.insertRejectedRequest(rejectedRequest(minute));
          await tx.countRejection(151, at(minute));
        });
      const [newest] = await repo.listNotifications({ verdict: 'rejected', limit: 1 });
      expect(newest).toEqual({
        id: expect.any(Number),
        authenticated: false,
        verdict: 'rejected',
        ...rejectedRequest(5),
      });
      // Keep the newest 3, and none received before minute 3: minutes 3, 4 and 5 stay.
      expect(await repo.transaction((tx) => tx.pruneRejectedRequests(3, at(3)))).toBe(2);
      const left = await repo.listNotifications({ limit: 10 });
      expect(left.map((n) => n.receivedAt)).toEqual([at(5), at(4), at(3), at(0)]);
      expect(await repo.transaction((tx) => tx.pruneRejectedRequests(1, at(0)))).toBe(2);
      expect((await repo.listNotifications({ limit: 10 })).map((n) => n.authenticated)).toEqual([
        false,
        true,
      ]);
      expect(await repo.rejectionCounts()).toEqual([{ resultCode: 151, count: 5, lastAt: at(5) }]);
    });

    it('lists conflict notifications and pages notifications by id', async () => {
      await repo.transaction((tx) => tx.insertOrder(newOrder()));
      for (const verdict of ['accepted', 'conflict', 'duplicate'] as const)
        await repo.transaction((tx) => tx.insertNotification(notification({ verdict })));
      expect(
        (await repo.listNotifications({ verdict: 'conflict', limit: 10 })).map((n) => n.verdict),
      ).toEqual(['conflict']);
      const [first, second] = await repo.listNotifications({ limit: 2 });
      expect(await repo.listNotifications({ limit: 10, before: second?.id ?? 0 })).toHaveLength(1);
      expect(first?.verdict).toBe('duplicate');
    });

    it('keeps the actor of an event', async () => {
      await repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder());
        await tx.insertEvent({
          orderId: 'order-1001',
          from: 'waiting',
          to: 'rejected',
          source: 'admin',
          at: at(9),
          detail: 'cancelled by admin',
          actor: 'dashboard:anna',
        });
      });
      expect((await repo.listEvents('order-1001')).at(-1)).toMatchObject({ actor: 'dashboard:anna' });
    });
  });
}
