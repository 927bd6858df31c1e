// The SQLite adapter: the repository contract suite on a real SQLite file, and what only SQLite has
// (pragmas, migrations, the database URL forms).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeRepositoryContract } from '../../../test/contract/repository-contract.js';
import { newOrder, tempDb } from '../../../test/ledger/ledger-fixtures.js';
import { openRepository, parseStoreUrl } from '../open-repository.js';
import { MIGRATIONS, applyMigrations, migrateSqlite } from './migrations.js';
import { openSqliteRepository } from './sqlite-repository.js';

describeRepositoryContract('SQLite file', () => {
  const db = tempDb();
  return { open: () => openSqliteRepository(db.path), cleanup: () => db.cleanup() };
});

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
  it('brings a version-1 ledger to version 2 keeping its notifications whole', () => {
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
      expect(migrateSqlite(db.path)).toEqual({ applied: [2], version: 2 });
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

  it('run once, and refuse a database newer than the code', () => {
    const db = tempDb();
    try {
      expect(migrateSqlite(db.path)).toEqual({ applied: [1, 2], version: 2 });
      expect(migrateSqlite(db.path)).toEqual({ applied: [], version: 2 });
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
    const repo = openRepository(':memory:');
    expect(await repo.transaction((tx) => tx.insertOrder(newOrder()))).toBe(true);
    await repo.close();
  });

  it('names the supported schemes when given another', () => {
    expect(() => openRepository('postgres://db/x')).toThrow(
      'database scheme "postgres:" is not supported; use sqlite:PATH, a plain file path, or :memory:',
    );
  });
});
