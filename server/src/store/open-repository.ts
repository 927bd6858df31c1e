// openRepository(url): the one place that turns a database URL into a repository adapter (house
// style 4). SQLite is the embedded default; another database plugs in here by implementing the
// ledger's repository port (ledger/repository.ts) and passing its contract suite.

import { AppError } from '../errors/app-error.js';
import type { LedgerRepository } from '../ledger/index.js';
import { openSqliteRepository } from './sqlite/sqlite-repository.js';

const SUPPORTED = 'sqlite:PATH, a plain file path, or :memory:';

/** Where a database URL points, without opening anything. */
export function parseStoreUrl(url: string): { kind: 'sqlite'; path: string } {
  const value = url.trim();
  if (value === '')
    throw new AppError(
      'invalid_config',
      `the database URL is empty; use ${SUPPORTED} (e.g. sqlite:.data/qiwi-pay.sqlite)`,
    );
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

export function openRepository(url: string): LedgerRepository {
  const { path } = parseStoreUrl(url);
  return openSqliteRepository(path);
}
