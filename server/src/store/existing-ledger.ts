// Commands that only read the ledger (or change orders already in it) must open an existing one: a
// mistyped or relative DATABASE_PATH resolved from another folder would otherwise create an empty
// file and answer "no orders", which looks like lost data.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors/app-error.js';
import { parseStoreUrl } from './open-repository.js';

export class NoLedgerError extends AppError {
  constructor(message: string) {
    super('no_ledger', message);
  }
}

/** Throws NoLedgerError saying what to check unless `url` names an existing qiwi-pay ledger. */
export function assertExistingLedger(url: string, cwd: string = process.cwd()): void {
  const location = parseStoreUrl(url);
  // A PostgreSQL ledger is a server's database: opening it checks it (and migrates it).
  if (location.kind === 'postgres') return;
  const { path } = location;
  if (path === ':memory:')
    throw new NoLedgerError('DATABASE_PATH is :memory:, which is always empty; point it at the ledger file');
  const absolute = resolve(cwd, path);
  const hint = `set DATABASE_PATH (or --database) to the ledger the server uses${path === absolute ? '' : ', preferably as an absolute path'}; "qiwi-pay migrate" creates a new one`;
  if (!existsSync(absolute))
    throw new NoLedgerError(
      `no ledger at ${absolute} (DATABASE_PATH "${path}", resolved from ${cwd}); ${hint}`,
    );
  let version: number;
  try {
    const db = new Database(absolute, { readonly: true, fileMustExist: true });
    try {
      version = db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch (error) {
    throw new NoLedgerError(`${absolute} is not a SQLite ledger (${(error as Error).message}); ${hint}`);
  }
  if (version === 0)
    throw new NoLedgerError(`${absolute} is not a qiwi-pay ledger (it has no schema); ${hint}`);
}
