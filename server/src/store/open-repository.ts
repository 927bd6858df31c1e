// openRepository(url): the one place that turns a database URL into a repository adapter (house
// style 4). SQLite is the embedded default; another database plugs in here by implementing the
// ledger's repository port (ledger/repository.ts) and passing its contract suite.

import { AppError } from '../errors/app-error.js';
import { createLedger, type Ledger, type LedgerRepository, type RejectedRetention } from '../ledger/index.js';
import { openPgRepository } from './postgres/pg-repository.js';
import { applyPgMigrations } from './postgres/pg-migrations.js';
import { createPgPool, redactDatabaseUrl } from './postgres/pg-pool.js';
import { migrateSqlite } from './sqlite/migrations.js';
import { openSqliteLedgerThread } from './sqlite/ledger-writer-thread.js';
import { openSqliteRepository } from './sqlite/sqlite-repository.js';

const SUPPORTED = 'postgres://USER:PASSWORD@HOST:PORT/DATABASE, sqlite:PATH, a plain file path, or :memory:';

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Where a database URL points, without opening anything. */
export function parseStoreUrl(url: string): StoreLocation {
  const value = url.trim();
  if (value === '')
    throw new AppError(
      'invalid_config',
      `the database URL is empty; use ${SUPPORTED} (e.g. sqlite:.data/qiwi-pay.sqlite)`,
    );
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', url: value };
  if (value === ':memory:' || value === 'sqlite::memory:') return { kind: 'sqlite', path: ':memory:' };
  if (value.startsWith('sqlite://'))
    return { kind: 'sqlite', path: nonEmpty(value.slice('sqlite://'.length)) };
  if (value.startsWith('sqlite:')) return { kind: 'sqlite', path: nonEmpty(value.slice('sqlite:'.length)) };
  // A scheme is letters followed by ":" and more than one letter (so "C:\data.db" is still a path).
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(value)?.[1];
  if (scheme)
    throw new AppError('invalid_config', `database scheme "${scheme}:" is not supported; use ${SUPPORTED}`);
  return { kind: 'sqlite', path: value };
}

function nonEmpty(path: string): string {
  if (path === '')
    throw new AppError(
      'invalid_config',
      `the sqlite: URL has no path; write sqlite:PATH, e.g. sqlite:.data/qiwi-pay.sqlite`,
    );
  return path;
}

/** Opens (and migrates) the ledger's database; PostgreSQL takes `poolSize` connections at most. */
export async function openRepository(
  url: string,
  options: { poolSize?: number } = {},
): Promise<LedgerRepository> {
  const location = parseStoreUrl(url);
  return location.kind === 'postgres'
    ? openPgRepository(location.url, options)
    : openSqliteRepository(location.path);
}

/**
 * Opens (and migrates) the ledger on the database at `url`, the way a running server wants it: on a
 * SQLite file, its writes in a thread of their own so the disk's syncs never hold the event loop
 * (sqlite/ledger-writer-thread.ts); on PostgreSQL or in memory, over the repository on this thread.
 */
export async function openLedger(
  url: string,
  options: {
    poolSize?: number;
    clock?: () => Date;
    rejectedRetention?: RejectedRetention;
    /** Told if the SQLite ledger's writer thread crashes: no write is possible until a restart. */
    onWriterStopped?: (error: Error) => void;
    /** The writer thread's module (tests give one that crashes). */
    writerUrl?: URL;
  } = {},
): Promise<Ledger> {
  const location = parseStoreUrl(url);
  const ledgerOptions = {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.rejectedRetention ? { rejectedRetention: options.rejectedRetention } : {}),
  };
  if (location.kind === 'sqlite' && location.path !== ':memory:')
    return openSqliteLedgerThread(location.path, {
      ...ledgerOptions,
      ...(options.onWriterStopped ? { onStopped: options.onWriterStopped } : {}),
      ...(options.writerUrl ? { workerUrl: options.writerUrl } : {}),
    });
  return createLedger({ repository: await openRepository(url, options), ...ledgerOptions });
}

/** Brings the database's schema up to date (the CLI's `migrate`); `where` never shows a password. */
export async function migrateDatabase(
  url: string,
): Promise<{ applied: number[]; version: number; where: string }> {
  const location = parseStoreUrl(url);
  if (location.kind === 'sqlite') return { ...migrateSqlite(location.path), where: location.path };
  const pool = createPgPool(location.url, 1);
  try {
    return { ...(await applyPgMigrations(pool)), where: redactDatabaseUrl(location.url) };
  } finally {
    await pool.end();
  }
}
