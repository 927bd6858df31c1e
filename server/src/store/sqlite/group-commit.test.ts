// Group commit on a real SQLite file: concurrent writes share one COMMIT, nobody hears of a write
// before another connection can read it, and one failing operation takes none of its neighbours down.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOrder, tempDb, type TempDb } from '../../../test/ledger/ledger-fixtures.js';
import type { LedgerRepository } from '../../ledger/index.js';
import { openSqliteRepository } from './sqlite-repository.js';

describe('SQLite group commit', () => {
  let db: TempDb;
  let repo: LedgerRepository;
  let commits: number[];
  let reader: Database.Database;

  beforeEach(() => {
    db = tempDb();
    commits = [];
    repo = openSqliteRepository(db.path, { onCommit: (operations) => commits.push(operations) });
    // A second connection sees only what is committed (WAL): what survives a crash.
    reader = new Database(db.path, { readonly: true });
  });
  afterEach(async () => {
    reader.close();
    await repo.close();
    db.cleanup();
  });

  const committed = (id: string) =>
    reader.prepare('SELECT id FROM orders WHERE id = ?').get(id) !== undefined;

  it('commits writes asked for together in one transaction, and answers each only after it', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `group-${i}`);
    const visibleWhenAnswered = await Promise.all(
      ids.map((id) => repo.transaction((tx) => tx.insertOrder(newOrder({ id }))).then(() => committed(id))),
    );
    expect(visibleWhenAnswered).toEqual(ids.map(() => true));
    expect(commits).toEqual([20]);
  });

  it('rolls back a failing operation alone; its neighbours commit', async () => {
    const outcomes = await Promise.allSettled([
      repo.transaction((tx) => tx.insertOrder(newOrder({ id: 'before' }))),
      repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder({ id: 'thrown' }));
        throw new Error('the operation changed its mind');
      }),
      repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder({ id: 'constraint' }));
        const entry = { id: 'evt-1', type: 'order.paid' as const, orderId: 'constraint', payload: '{}' };
        await tx.enqueueWebhook({ ...entry, createdAt: '2025-01-01T10:00:00.000Z' });
        await tx.enqueueWebhook({ ...entry, createdAt: '2025-01-01T10:00:00.000Z' });
      }),
      repo.transaction((tx) => tx.insertOrder(newOrder({ id: 'after' }))),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({
      message: 'the operation changed its mind',
    });
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(commits).toEqual([2]);

    await repo.close();
    repo = openSqliteRepository(db.path);
    expect(await repo.getOrder('before')).toBeDefined();
    expect(await repo.getOrder('after')).toBeDefined();
    expect(await repo.getOrder('thrown')).toBeUndefined();
    expect(await repo.getOrder('constraint')).toBeUndefined();
    expect(await repo.listWebhooks({ limit: 10 })).toEqual([]);
  });

  it('takes writes asked for while a group is open into the next group, in order', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const first = repo.transaction(async (tx) => {
      await tx.insertOrder(newOrder({ id: 'slow' }));
      await held;
      order.push('slow');
    });
    // Asked for once the first group is running: they wait for it, then commit together.
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['next-1', 'next-2'].map((id) =>
      repo.transaction(async (tx) => {
        await tx.insertOrder(newOrder({ id }));
        order.push(id);
      }),
    );
    // Outside any group, a read sees nothing that is not committed yet.
    expect(await repo.getOrder('slow')).toBeUndefined();
    expect(committed('slow')).toBe(false);
    release();
    await Promise.all([first, ...later]);
    expect(order).toEqual(['slow', 'next-1', 'next-2']);
    expect(commits).toEqual([1, 2]);
    expect(['slow', 'next-1', 'next-2'].map(committed)).toEqual([true, true, true]);
  });
});
