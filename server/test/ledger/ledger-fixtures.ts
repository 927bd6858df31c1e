// Test helpers for the ledger: a fresh SQLite file in the OS temp directory, the ledger over it, an
// order to place, and a silent logger. Files are removed by cleanup(); each test gets its own directory.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { createLedger, type Ledger, type LedgerOptions, type NewOrder } from '../../src/ledger/index.js';
import { minorUnits } from '../../src/qiwi/index.js';
import { openSqliteRepository } from '../../src/store/sqlite/sqlite-repository.js';

export interface TempDb {
  readonly dir: string;
  readonly path: string;
  cleanup(): void;
}

export function tempDb(name = 'ledger.sqlite'): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'qiwi-pay-ledger-'));
  return { dir, path: join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function newOrder(overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    id: 'order-1001',
    protocol: 'pull',
    flow: 'checkout',
    amount: minorUnits(25_000),
    currency: 'RUB',
    comment: 'Order 1001',
    payerPhone: '+79001234567',
    lifetime: '2030-01-01T00:00:00.000Z',
    successUrl: 'https://shop.example/ok',
    failUrl: undefined,
    paySource: undefined,
    origin: 'token',
    redirect: {
      url: 'https://oplata.qiwi.com/order/external/main.action?shop=1&transaction=order-1001',
      method: 'GET',
      action: 'https://oplata.qiwi.com/order/external/main.action',
      params: { shop: '1', transaction: 'order-1001' },
    },
    status: 'created',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

/** The ledger over a real SQLite file, as the runtime wires it. */
export function openSqliteLedger(path: string, options: Omit<LedgerOptions, 'repository'> = {}): Ledger {
  return createLedger({ ...options, repository: openSqliteRepository(path) });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A logger whose lines are kept as parsed JSON objects, to assert on what is (not) logged. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}
