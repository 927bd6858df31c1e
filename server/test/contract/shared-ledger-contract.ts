// The ledger's guarantees when several server instances share one database, run on each adapter
// (SQLite: instances are processes on one file, BEGIN IMMEDIATE serialising them; here one connection
// stands for them, see AdapterUnderTest.concurrentConnections. PostgreSQL: one pool per instance).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLedger,
  LedgerError,
  type Ledger,
  type LedgerRepository,
  type NotificationIntake,
} from '../../src/ledger/index.js';
import { minorUnits } from '../../src/qiwi/index.js';
import { newOrder } from '../ledger/ledger-fixtures.js';
import type { AdapterUnderTest } from './repository-contract.js';

const INSTANCES = 3;
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString();

const intake = (receivedAt: string): NotificationIntake => ({
  receivedAt,
  protocol: 'pull',
  rawBody: 'command=bill&bill_id=order-1001&status=paid',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  remoteAddress: '127.0.0.1',
  billId: 'order-1001',
  status: 'paid',
});

export function describeSharedLedger(name: string, makeAdapter: () => AdapterUnderTest): void {
  describe(`several instances on one database: ${name}`, () => {
    let adapter: AdapterUnderTest;
    let repos: LedgerRepository[];
    let ledgers: Ledger[];

    beforeEach(async () => {
      adapter = makeAdapter();
      const first = await adapter.open();
      repos = [first];
      for (let i = 1; i < INSTANCES; i++)
        repos.push(adapter.concurrentConnections ? await adapter.open() : first);
      ledgers = repos.map((repository) => createLedger({ repository, clock: () => new Date(at(30)) }));
    });
    afterEach(async () => {
      for (const r of new Set(repos)) await r.close();
      await adapter.cleanup();
    });

    it('one notification delivered to every instance at once makes one status change and one webhook event', async () => {
      await ledgers[0]?.placeOrder(newOrder());
      const codes = { accepted: 0, refused: 5 };
      const word = {
        kind: 'bill' as const,
        billId: 'order-1001',
        status: 'paid' as const,
        amount: minorUnits(25_000),
        amountText: '250.00',
        currency: 'RUB',
      };
      const results = await Promise.all(
        ledgers.flatMap((l, i) =>
          [0, 1].map((j) => l.recordNotification(intake(at(i * 2 + j)), word, codes)),
        ),
      );
      expect(results.map((r) => r.record.verdict).sort()).toEqual([
        'accepted',
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
      // Every one of them is answered 0 (recorded), and the order moved once.
      expect(results.every((r) => r.record.resultCode === 0)).toBe(true);
      const events = await ledgers[1]?.listEvents('order-1001');
      expect(events?.filter((e) => e.to === 'paid')).toHaveLength(1);
      expect(
        (await ledgers[2]?.listWebhooks({ orderId: 'order-1001', limit: 10 }))?.map((w) => w.type),
      ).toEqual(['order.paid']);
    });

    it('concurrent refunds of one order never add up to more than its amount', async () => {
      await ledgers[0]?.placeOrder(newOrder());
      await ledgers[0]?.applyStatus('order-1001', { to: 'paid', source: 'notification', at: at(1) });
      // 250.00 paid; six refunds of 100.00 each, two per instance, at once: two fit.
      const outcomes = await Promise.allSettled(
        ledgers.flatMap((l, i) =>
          [0, 1].map((j) =>
            l.recordRefund({
              orderId: 'order-1001',
              refundId: `R${i}${j}`,
              amount: minorUnits(10_000),
              status: 'processing',
              error: 0,
              createdAt: at(2),
            }),
          ),
        ),
      );
      const accepted = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(accepted).toHaveLength(2);
      for (const r of refused) {
        expect(r.reason).toBeInstanceOf(LedgerError);
        expect((r.reason as LedgerError).code).toBe('refund_exceeds_amount');
        expect((r.reason as LedgerError).message).toMatch(/at most 50.00 RUB is left to refund/);
      }
      expect((await ledgers[2]?.getOrder('order-1001'))?.refundedAmount).toBe(20_000);
      expect(await ledgers[1]?.listRefunds('order-1001')).toHaveLength(2);
    });

    it('the same order placed at every instance at once is placed once', async () => {
      const placed = await Promise.all(ledgers.map((l) => l.placeOrder(newOrder())));
      expect(placed.filter((p) => p.inserted)).toHaveLength(1);
      expect(new Set(placed.map((p) => p.order.createdAt)).size).toBe(1);
      expect(await ledgers[0]?.listEvents('order-1001')).toHaveLength(1);
    });
  });
}
