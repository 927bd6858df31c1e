// The ledger on a SQLite file with its writes in the writer thread, as the server runs it: a write is
// answered once committed, the ledger's errors and clock cross the thread boundary unchanged, and
// closing answers every write asked for before it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOrder, tempDb, type TempDb } from '../../../test/ledger/ledger-fixtures.js';
import { LedgerError, type Ledger } from '../../ledger/index.js';
import { minorUnits } from '../../qiwi/index.js';
import { openSqliteLedgerThread } from './ledger-writer-thread.js';

const T0 = '2026-12-01T09:00:00.000Z';

describe('the ledger with its writes in the writer thread', () => {
  let db: TempDb;
  let ledger: Ledger;
  let closed: boolean;

  beforeEach(async () => {
    db = tempDb();
    ledger = await openSqliteLedgerThread(db.path, { clock: () => new Date(T0) });
    closed = false;
  });
  afterEach(async () => {
    if (!closed) await ledger.close();
    db.cleanup();
  });

  it('answers a write once it is committed: any other connection reads it at once', async () => {
    const { order, inserted } = await ledger.placeOrder(newOrder());
    expect(inserted).toBe(true);
    expect(order).toMatchObject({ id: 'order-1001', status: 'created', amount: 25_000 });
    const other = new Database(db.path, { readonly: true });
    try {
      expect(other.prepare('SELECT status, amount FROM orders WHERE id = ?').get('order-1001')).toEqual({
        status: 'created',
        amount: 25_000,
      });
    } finally {
      other.close();
    }
    expect((await ledger.getOrder('order-1001'))?.status).toBe('created');
    expect(await ledger.listEvents('order-1001')).toMatchObject([{ from: null, to: 'created' }]);
  });

  it("stamps what it queues with the caller's clock", async () => {
    await ledger.placeOrder(newOrder());
    await ledger.applyStatus('order-1001', { to: 'paid', source: 'notification', at: T0 });
    const [event] = await ledger.listWebhooks({ limit: 10 });
    expect(event).toMatchObject({ type: 'order.paid', orderId: 'order-1001', createdAt: T0 });
  });

  it("keeps the ledger's refusals: the same class, code and message", async () => {
    const unknown = await ledger
      .applyStatus('order-404', { to: 'paid', source: 'notification', at: T0 })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(LedgerError);
    expect(unknown).toMatchObject({ code: 'order_not_found', message: expect.stringContaining('order-404') });

    await ledger.placeOrder(newOrder());
    await ledger.applyStatus('order-1001', { to: 'paid', source: 'notification', at: T0 });
    const refund = {
      orderId: 'order-1001',
      refundId: 'r1',
      status: 'processing' as const,
      error: 0,
      createdAt: T0,
    };
    const tooMuch = await ledger
      .recordRefund({ ...refund, amount: minorUnits(30_000) })
      .catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(LedgerError);
    expect(tooMuch).toMatchObject({
      code: 'refund_exceeds_amount',
      message: 'at most 250.00 RUB is left to refund',
    });
    // The refusal changed nothing; a refund within the amount still passes.
    expect((await ledger.recordRefund({ ...refund, amount: minorUnits(10_000) })).inserted).toBe(true);
  });

  it('places each of many concurrent orders exactly once', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `order-${i % 100}`);
    const results = await Promise.all(ids.map((id) => ledger.placeOrder(newOrder({ id }))));
    expect(results.filter((r) => r.inserted)).toHaveLength(100);
    expect(new Set(results.map((r) => r.order.id)).size).toBe(100);
    expect(await ledger.listOrders({ limit: 200 })).toHaveLength(100);
    for (const id of ['order-0', 'order-99']) expect(await ledger.listEvents(id)).toHaveLength(1);
  });

  it('answers every write asked for before close, and refuses writes after it', async () => {
    const asked = Array.from({ length: 20 }, (_, i) => ledger.placeOrder(newOrder({ id: `order-${i}` })));
    await ledger.close();
    closed = true;
    expect((await Promise.all(asked)).every((r) => r.inserted)).toBe(true);
    await expect(ledger.placeOrder(newOrder({ id: 'late' }))).rejects.toThrow(/stopped/);

    const reopened = await openSqliteLedgerThread(db.path);
    try {
      expect(await reopened.listOrders({ limit: 100 })).toHaveLength(20);
    } finally {
      await reopened.close();
    }
  });
});

describe('the writer thread in its lifecycle', () => {
  it('lets a process end once close() has answered what it asked for', () => {
    const db = tempDb();
    try {
      const script = fileURLToPath(new URL('../../../test/ledger/close-ledger-thread.ts', import.meta.url));
      const output = execFileSync(process.execPath, ['--import', 'tsx', script, db.path], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(output.trim()).toBe('placed 5, closed');
    } finally {
      db.cleanup();
    }
  });

  it('refuses what cannot be sent to the thread, and goes on writing', async () => {
    const db = tempDb();
    const ledger = await openSqliteLedgerThread(db.path);
    try {
      const withFunction = { ...newOrder(), comment: () => 'not data' } as unknown as Parameters<
        Ledger['placeOrder']
      >[0];
      await expect(ledger.placeOrder(withFunction)).rejects.toThrow(/could not be cloned/);
      expect((await ledger.placeOrder(newOrder())).inserted).toBe(true);
    } finally {
      await ledger.close();
      db.cleanup();
    }
  });

  it('when the thread crashes: the write waiting is refused, the server is told once, later writes are refused', async () => {
    const db = tempDb();
    const told: Error[] = [];
    // The real writer first, so the file exists and is migrated for the reads.
    await (await openSqliteLedgerThread(db.path)).close();
    const ledger = await openSqliteLedgerThread(db.path, {
      workerUrl: new URL('../../../test/ledger/failing-writer-worker.ts', import.meta.url),
      onStopped: (error) => told.push(error),
    });
    try {
      await expect(ledger.placeOrder(newOrder())).rejects.toThrow(
        /writer thread failed \(the disk caught fire\)/,
      );
      await expect(ledger.placeOrder(newOrder({ id: 'later' }))).rejects.toThrow(/writer thread/);
      expect(told).toHaveLength(1);
      expect(await ledger.getOrder('order-1001')).toBeUndefined();
    } finally {
      await ledger.close();
      db.cleanup();
    }
  });
});

describe('opening the writer thread', () => {
  it('refuses a path it cannot use, saying why', async () => {
    const db = tempDb();
    try {
      const file = join(db.dir, 'not-a-folder');
      writeFileSync(file, '');
      await expect(openSqliteLedgerThread(join(file, 'ledger.sqlite'))).rejects.toThrow(/not-a-folder/);
    } finally {
      db.cleanup();
    }
  });
});
