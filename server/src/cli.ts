#!/usr/bin/env node
// qiwi-pay CLI: serve, migrate, mint an order token, list and show orders, refund. Reads the same
// environment as the server (README, "Configuration"). Usage mistakes and refused input exit with 2,
// other failures with 1.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { limitFilter, statusFilter } from './admin/list-filters.js';
import { refundOrder } from './admin/refunds.js';
import { OrderFieldsError } from './checkout/order-fields.js';
import { mintOrderToken } from './checkout/order-token.js';
import { ConfigError, loadConfig, type TokenAlgorithm } from './config/config.js';
import { AppError } from './errors/app-error.js';
import { serve } from './main.js';
import { createLedger, type Order } from './ledger/index.js';
import { QiwiInputError, formatAmount } from './qiwi/index.js';
import { createRuntime } from './runtime.js';
import { NoLedgerError, assertExistingLedger } from './store/existing-ledger.js';
import { migrateDatabase, openRepository } from './store/open-repository.js';

const DEFAULT_DATABASE = '.data/qiwi-pay.sqlite';

const USAGE = `usage: qiwi-pay <command> [options]

commands:
  serve                         start the server (configured by the environment)
  migrate [--database PATH]     create or upgrade the SQLite ledger (default DATABASE_PATH)
  mint-token --order-id ID --amount 10.00 [--currency RUB] [--comment TEXT] [--phone +7...]
             [--success-url URL] [--fail-url URL] [--expires-in SECONDS] [--lifetime SECONDS]
             [--private-key-file PEM --algorithm RS256]
                                print an order token signed with ORDER_TOKEN_SECRET (or the private key);
                                refused, with the checkout's own message, if the checkout would refuse it
  orders [--status paid,waiting] [--limit 20] [--database PATH]
                                list orders in the ledger, newest first
  order show ID [--database PATH]
                                one order and its status history
  refund --order-id ID [--amount 5.00] [--refund-id R1]
                                refund a paid order (whole remaining amount unless --amount)
  help                          this text

orders, order show and refund need an existing ledger (DATABASE_PATH or --database); only serve and
migrate create one.
`;

class UsageError extends AppError {
  constructor(message: string) {
    super('invalid_request', message);
  }
}

function fail(message: string): never {
  throw new UsageError(message);
}

function config() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

const orderLine = (o: Order) =>
  `${o.id}\t${o.status}\t${formatAmount(o.amount)} ${o.currency}\t${o.createdAt}`;

function wholeSeconds(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`${option} must be a whole number of seconds, e.g. ${option} 900`);
  return Number(value);
}

/** The ledger that must already exist (read-only commands never create one). */
async function existingStore(database: string | undefined) {
  const url = database ?? databaseFromEnv();
  assertExistingLedger(url);
  return createLedger({ repository: await openRepository(url) });
}

/** DATABASE_URL (PostgreSQL) wins over DATABASE_PATH (SQLite), as in the server's configuration. */
function databaseFromEnv(): string {
  return process.env.DATABASE_URL || process.env.DATABASE_PATH || DEFAULT_DATABASE;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      database: { type: 'string' },
      'order-id': { type: 'string' },
      amount: { type: 'string' },
      currency: { type: 'string', default: 'RUB' },
      comment: { type: 'string' },
      phone: { type: 'string' },
      'success-url': { type: 'string' },
      'fail-url': { type: 'string' },
      'expires-in': { type: 'string' },
      lifetime: { type: 'string' },
      'private-key-file': { type: 'string' },
      algorithm: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string', default: '20' },
      'refund-id': { type: 'string' },
    },
  });
  if (command !== 'order' && positionals.length > 0)
    fail(`unexpected argument "${positionals[0]}"; run "qiwi-pay help"`);
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate': {
      const target = values.database ?? databaseFromEnv();
      const { applied, version, where } = await migrateDatabase(target);
      console.log(
        `ledger ${where}: schema version ${version}; ${applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`}`,
      );
      return;
    }
    case 'mint-token': {
      const orderId = values['order-id'] ?? fail('mint-token needs --order-id');
      const amount = values.amount ?? fail('mint-token needs --amount, a decimal string such as 10.00');
      const key = values['private-key-file']
        ? readFileSync(values['private-key-file'], 'utf8')
        : (process.env.ORDER_TOKEN_SECRET ?? fail('set ORDER_TOKEN_SECRET or pass --private-key-file'));
      const optional = (v: string | undefined, name: string) => (v === undefined ? {} : { [name]: v });
      const lifetime = wholeSeconds(values.lifetime, '--lifetime');
      const expiresInSeconds = wholeSeconds(values['expires-in'], '--expires-in');
      const token = mintOrderToken(
        {
          orderId,
          amount,
          currency: values.currency ?? 'RUB',
          ...optional(values.comment, 'comment'),
          ...optional(values.phone, 'phone'),
          ...optional(values['success-url'], 'successUrl'),
          ...optional(values['fail-url'], 'failUrl'),
          ...(lifetime !== undefined ? { lifetime } : {}),
        },
        key,
        {
          algorithm: (values.algorithm ?? (values['private-key-file'] ? 'RS256' : 'HS256')) as TokenAlgorithm,
          ...(expiresInSeconds !== undefined ? { expiresInSeconds } : {}),
        },
      );
      console.log(token);
      return;
    }
    case 'orders': {
      // Filters first, exactly as GET /v1/admin/orders reads them, before anything is opened.
      const status = statusFilter(values.status);
      const limit = limitFilter(values.limit);
      const store = await existingStore(values.database);
      try {
        const orders = await store.listOrders({ limit, ...(status ? { status } : {}) });
        for (const o of orders) console.log(orderLine(o));
      } finally {
        await store.close();
      }
      return;
    }
    case 'order': {
      const [sub, id, ...extra] = positionals;
      if (sub !== 'show' || id === undefined || extra.length > 0)
        fail('usage: qiwi-pay order show ORDER_ID [--database PATH]');
      const store = await existingStore(values.database);
      try {
        const order = (await store.getOrder(id)) ?? fail(`no order ${id} in the ledger`);
        console.log(orderLine(order));
        if (order.refundedAmount > 0)
          console.log(`refunded\t${formatAmount(order.refundedAmount)} ${order.currency}`);
        for (const e of await store.listEvents(id))
          console.log(`${e.at}\t${e.from ?? '-'} -> ${e.to}\t${e.source}${e.detail ? `\t${e.detail}` : ''}`);
      } finally {
        await store.close();
      }
      return;
    }
    case 'refund': {
      const orderId = values['order-id'] ?? fail('refund needs --order-id');
      const settings = config();
      assertExistingLedger(settings.databaseUrl ?? settings.databasePath);
      const runtime = await createRuntime(settings);
      try {
        const { refund } = await refundOrder({ ...runtime, clock: () => new Date() }, orderId, {
          amount: values.amount,
          refundId: values['refund-id'],
        });
        console.log(`refund ${refund.refundId}: ${formatAmount(refund.amount)} ${refund.status}`);
      } finally {
        await runtime.close();
      }
      return;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      console.error(`qiwi-pay: unknown command "${command}"\n`);
      console.log(USAGE);
      process.exitCode = 2;
  }
}

// Refused input: the same message the HTTP API or the checkout gives, and exit code 2.
const isRefusal = (error: unknown) =>
  error instanceof UsageError ||
  error instanceof AppError ||
  error instanceof QiwiInputError ||
  error instanceof OrderFieldsError ||
  error instanceof NoLedgerError ||
  (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS') === true;

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`qiwi-pay: ${(error as Error).message}`);
  process.exit(isRefusal(error) ? 2 : 1);
});
