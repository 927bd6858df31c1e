// The SQLite adapter: the repository contract suite on a real SQLite file, and what only SQLite has
// (pragmas, migrations, the database URL forms).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeRepositoryContract } from '../../../test/contract/repository-contract.js';
import { describeSharedLedger } from '../../../test/contract/shared-ledger-contract.js';
import { newOrder, tempDb } from '../../../test/ledger/ledger-fixtures.js';
import { openRepository, parseStoreUrl } from '../open-repository.js';
import { MIGRATIONS, applyMigrations, migrateSqlite } from './migrations.js';
import { openSqliteRepository } from './sqlite-repository.js';

const sqliteAdapter = () => {
  const db = tempDb();
  return { open: () => openSqliteRepository(db.path), cleanup: () => db.cleanup() };
};
describeRepositoryContract('SQLite file', sqliteAdapter);
describeSharedLedger('SQLite file', sqliteAdapter);

describe('SQLite adapter', () => {
  it('opens with WAL, synchronous FULL and foreign keys on', async () => {
    const db = tempDb();
    const repo = openSqliteRepository(db.path);
    try {
      const raw = new Database(db.path, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
      raw.close();
    } finally {
      await repo.close();
      db.cleanup();
    }
  });
});

describe('migrations', () => {
  it('brings a version-1 ledger to the latest version keeping its notifications whole', () => {
    const db = tempDb();
    try {
      const raw = new Database(db.path);
      applyMigrations(raw, MIGRATIONS.slice(0, 1));
      raw
        .prepare(
          `INSERT INTO notifications (received_at, protocol, raw_body, headers, verdict, result_code)
           VALUES ('2025-01-01T00:00:00Z', 'pull', 'command=bill&bill_id=o-1', '{}', 'accepted', 0)`,
        )
        .run();
      raw.close();
      expect(migrateSqlite(db.path)).toEqual({ applied: [2, 3], version: 3 });
      const after = new Database(db.path);
      expect(after.prepare('SELECT raw_body, body_size, authenticated FROM notifications').get()).toEqual({
        raw_body: 'command=bill&bill_id=o-1',
        body_size: 24,
        authenticated: 1,
      });
      after.close();
    } finally {
      db.cleanup();
    }
  });

  it('gives a version-2 outbox its delivery state: delivered events stay delivered, the rest pending', async () => {
    const v2 = tempDb();
    try {
      const file = new Database(v2.path);
      applyMigrations(file, MIGRATIONS.slice(0, 2));
      file
        .prepare(
          `INSERT INTO orders (id, protocol, flow, amount, currency, comment, lifetime, origin, redirect, status,
                             created_at, updated_at)
         VALUES ('o-1', 'pull', 'checkout', 100, 'RUB', 'c', 'x', 'token', '{}', 'paid', 't', 't')`,
        )
        .run();
      const outbox = file.prepare(
        `INSERT INTO webhook_outbox (id, type, order_id, payload, created_at, next_attempt_at, delivered_at, attempts)
         VALUES (?, 'order.paid', 'o-1', '{}', 't', 't', ?, ?)`,
      );
      outbox.run('done', '2025-01-01T00:00:00.000Z', 1);
      outbox.run('waiting', null, 3);
      file.close();
      expect(migrateSqlite(v2.path)).toEqual({ applied: [3], version: 3 });
      const repo = openSqliteRepository(v2.path);
      expect(await repo.getWebhook('done')).toMatchObject({
        state: 'delivered',
        attempts: 1,
        deliveredTo: [],
      });
      expect(await repo.getWebhook('waiting')).toMatchObject({ state: 'pending', attempts: 3 });
      await repo.close();
    } finally {
      v2.cleanup();
    }
  });

  it('run once, and refuse a database newer than the code', () => {
    const db = tempDb();
    try {
      expect(migrateSqlite(db.path)).toEqual({ applied: [1, 2, 3], version: 3 });
      expect(migrateSqlite(db.path)).toEqual({ applied: [], version: 3 });
      const raw = new Database(db.path);
      raw.pragma('user_version = 99');
      raw.close();
      expect(() => migrateSqlite(db.path)).toThrow(/schema version 99.*upgrade the server/);
    } finally {
      db.cleanup();
    }
  });
});

describe('openRepository', () => {
  it('accepts sqlite:PATH, a plain path and :memory:', async () => {
    expect(parseStoreUrl('sqlite:.data/x.sqlite')).toEqual({ kind: 'sqlite', path: '.data/x.sqlite' });
    expect(parseStoreUrl('sqlite:///tmp/x.sqlite')).toEqual({ kind: 'sqlite', path: '/tmp/x.sqlite' });
    expect(parseStoreUrl('/var/lib/x.sqlite')).toEqual({ kind: 'sqlite', path: '/var/lib/x.sqlite' });
    expect(parseStoreUrl(':memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    const repo = await openRepository(':memory:');
    expect(await repo.transaction((tx) => tx.insertOrder(newOrder()))).toBe(true);
    await repo.close();
  });

  it('names the supported schemes when given another', async () => {
    await expect(openRepository('mysql://db/x')).rejects.toThrow(
      'database scheme "mysql:" is not supported; use postgres://USER:PASSWORD@HOST:PORT/DATABASE, sqlite:PATH, a plain file path, or :memory:',
    );
    expect(parseStoreUrl('postgres://u:p@h:5432/d')).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@h:5432/d',
    });
  });
});
