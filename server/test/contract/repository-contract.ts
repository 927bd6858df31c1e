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
  open(): LedgerRepository | Promise<LedgerRepository>;
  /**
   * Whether a second connection in this process may wait for the first while that one awaits inside a
   * transaction. Not SQLite: better-sqlite3 waits for the lock synchronously, blocking the event loop the
   * first connection needs to finish (its processes do share the file: BEGIN IMMEDIATE serialises them).
   */
  readonly concurrentConnections?: boolean;
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

    beforeEach(async () => {
      adapter = makeAdapter();
      repo = await adapter.open();
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
      const placed = { ...newOrder(), refundTotals: {}, lastCheckedAt: undefined };
      // A status change moves the status and updatedAt and nothing else (the ledger relies on it).
      expect(await repo.getOrder('order-1001')).toEqual({ ...placed, status: 'waiting', updatedAt: at(1) });
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

    it('serialises transactions on one order: a read-then-write never acts on a stale read', async () => {
      await repo.transaction((tx) => tx.insertOrder(newOrder()));
      const other = adapter.concurrentConnections ? await adapter.open() : repo;
      try {
        // Three transactions, two of them through a second connection (another instance), each moving
        // the order on only if it still sees it `created`: exactly one may.
        const moved = await Promise.all(
          [repo, other, other].map((r, i) =>
            r.transaction(async (tx) => {
              const order = await tx.getOrder('order-1001');
              await new Promise((resolve) => setTimeout(resolve, 5));
              if (order?.status !== 'created') return false;
              await tx.setOrderStatus('order-1001', 'waiting', at(i));
              return true;
            }),
          ),
        );
        expect(moved.filter(Boolean)).toHaveLength(1);
      } finally {
        if (other !== repo) await other.close();
      }
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

    it('claims due outbox entries for a lease, records attempts, and ends in delivered or dead', async () => {
      await repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder());
        await tx.enqueueWebhook(entry('evt-1'));
        await tx.enqueueWebhook(entry('evt-2', 'order-1001', at(31)));
      });
      expect(await repo.claimWebhooks(at(29), 10, at(39), 'A')).toEqual([]);
      const [due] = await repo.claimWebhooks(at(30), 10, at(40), 'A');
      expect(due).toMatchObject({
        ...entry('evt-1'),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: at(30),
        deliveredAt: undefined,
        deliveredTo: [],
      });
      // Claimed: nobody else gets it until the lease lapses; the other event is still free.
      expect((await repo.claimWebhooks(at(35), 10, at(50), 'B')).map((e) => e.id)).toEqual(['evt-2']);
      expect(await repo.claimWebhooks(at(39), 10, at(49), 'B')).toEqual([]);
      expect((await repo.claimWebhooks(at(40), 10, at(50), 'B')).map((e) => e.id)).toEqual(['evt-1']);
      const tried = {
        eventId: 'evt-1',
        endpoint: 'http://a.example/hook',
        at: at(40),
        status: 500,
        durationMs: 12,
        error: 'HTTP 500',
        instance: 'B',
      };
      await repo.settleWebhook(
        'evt-1',
        {
          kind: 'retry',
          error: 'HTTP 500',
          endpoint: tried.endpoint,
          nextAttemptAt: at(45),
          deliveredTo: ['in-process'],
        },
        [tried],
      );
      expect(await repo.claimWebhooks(at(44), 10, at(54), 'A')).toEqual([]);
      expect(await repo.claimWebhooks(at(45), 10, at(55), 'A')).toMatchObject([
        {
          id: 'evt-1',
          attempts: 1,
          lastError: 'HTTP 500',
          lastEndpoint: tried.endpoint,
          deliveredTo: ['in-process'],
        },
      ]);
      await repo.settleWebhook('evt-1', { kind: 'delivered', at: at(46) }, [
        { ...tried, at: at(46), status: 204, error: undefined, instance: 'A' },
      ]);
      expect(await repo.getWebhook('evt-1')).toMatchObject({
        state: 'delivered',
        attempts: 2,
        deliveredAt: at(46),
      });
      expect(await repo.listWebhookAttempts('evt-1')).toEqual([
        tried,
        { ...tried, at: at(46), status: 204, error: undefined, instance: 'A' },
      ]);
      expect(await repo.claimWebhooks(at(59), 10, at(60), 'A')).toMatchObject([{ id: 'evt-2' }]);
      await repo.settleWebhook(
        'evt-2',
        {
          kind: 'dead',
          error: 'no answer',
          endpoint: tried.endpoint,
          nextAttemptAt: at(59),
          deliveredTo: [],
        },
        [],
      );
      expect((await repo.listWebhooks({ state: 'dead', limit: 10 })).map((e) => e.id)).toEqual(['evt-2']);
      expect((await repo.listWebhooks({ state: 'delivered', limit: 10 })).map((e) => e.id)).toEqual([
        'evt-1',
      ]);
      expect((await repo.listWebhooks({ limit: 10, before: 'evt-2' })).map((e) => e.id)).toEqual(['evt-1']);
      expect(await repo.claimWebhooks(at(59), 10, at(60), 'A')).toEqual([]);
      // Queued again: same id, a fresh schedule; a delivered event to every endpoint again.
      expect(await repo.requeueDeadWebhooks(at(59))).toBe(1);
      expect(await repo.requeueWebhook('evt-1', at(59))).toMatchObject({
        id: 'evt-1',
        state: 'pending',
        attempts: 0,
      });
      expect(await repo.requeueWebhook('nope', at(59))).toBeUndefined();
      expect((await repo.claimWebhooks(at(59), 10, at(60), 'A')).map((e) => e.id)).toEqual([
        'evt-1',
        'evt-2',
      ]);
    });

    it('hands each due event and each stale order to one of several claimers at once', async () => {
      await repo.transaction(async (tx) => {
        for (let i = 0; i < 20; i++) {
          await tx.insertOrder(newOrder({ id: `o-${i}` }));
          await tx.enqueueWebhook(entry(`evt-${i}`, `o-${i}`));
        }
      });
      const others = [await adapter.open(), await adapter.open()];
      try {
        const claimers = [repo, ...others];
        const events = await Promise.all(
          claimers.flatMap((r, i) => [0, 1].map(() => r.claimWebhooks(at(30), 4, at(40), `i${i}`))),
        );
        const eventIds = events.flat().map((e) => e.id);
        expect(new Set(eventIds).size).toBe(eventIds.length);
        expect(eventIds.length).toBe(20);
        const orders = await Promise.all(
          claimers.flatMap((r) => [0, 1].map(() => r.claimOpenOrders(4, at(20), at(20)))),
        );
        const orderIds = orders.flat().map((o) => o.id);
        expect(new Set(orderIds).size).toBe(orderIds.length);
        expect(orderIds.length).toBe(20);
        expect((await repo.getOrder('o-3'))?.lastCheckedAt).toBe(at(20));
        expect(await repo.claimOpenOrders(4, at(20), at(21))).toEqual([]);
      } finally {
        for (const o of others) await o.close();
      }
    });

    it('keeps everything committed when reopened', async () => {
      await repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder());
        await tx.setOrderStatus('order-1001', 'paid', at(5));
        await tx.insertNotification(notification());
        await tx.enqueueWebhook(entry('evt-1'));
      });
      await repo.close();
      repo = await adapter.open();
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
