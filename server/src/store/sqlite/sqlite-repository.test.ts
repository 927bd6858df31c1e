// The SQLite adapter: the repository contract suite on a real SQLite file, and what only SQLite has
// (pragmas, migrations, the database URL forms).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeRepositoryContract } from '../../../test/contract/repository-contract.js';
import { describeSharedLedger } from '../../../test/contract/shared-ledger-contract.js';
import { newOrder, tempDb } from '../../../test/ledger/ledger-fixtures.js';
import { openRepository, parseStoreUrl } from '../open-repository.js';
import { MIGRATIONS, migrateSqlite } from './migrations.js';
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
