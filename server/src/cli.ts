#!/usr/bin/env node
// qiwi-pay CLI: serve, migrate, mint an order token, list orders, refund. Reads the same environment as
// the server (see the README's configuration table).

import { parseArgs } from 'node:util';
import { refundOrder } from './admin/refunds.js';
import { mintOrderToken } from './checkout/order-token.js';
import { ConfigError, loadConfig, type TokenAlgorithm } from './config/config.js';
import { serve } from './main.js';
import { ORDER_STATUSES, type OrderStatus } from './ledger/index.js';
import { formatAmount } from './qiwi/index.js';
import { createRuntime } from './runtime.js';
import { migrateSqlite } from './store/sqlite/migrations.js';

const USAGE = `usage: qiwi-pay <command> [options]

commands:
  serve                         start the server (configured by the environment)
  migrate [--database PATH]     create or upgrade the SQLite ledger (default DATABASE_PATH)
  mint-token --order-id ID --amount 10.00 [--currency RUB] [--comment TEXT] [--phone +7...]
             [--success-url URL] [--fail-url URL] [--expires-in SECONDS] [--lifetime SECONDS]
                                print an order token signed with ORDER_TOKEN_SECRET (or --private-key-file)
  orders [--status paid,waiting] [--limit 20]
                                list orders in the ledger
  refund --order-id ID [--amount 5.00] [--refund-id R1]
                                refund a paid order (whole remaining amount unless --amount)
`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function config() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    strict: true,
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
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate': {
      const path = values.database ?? process.env.DATABASE_PATH ?? '.data/qiwi-pay.sqlite';
      const { applied, version } = migrateSqlite(path);
      console.log(
        `ledger ${path}: schema version ${version}; ${applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`}`,
      );
      return;
    }
    case 'mint-token': {
      const orderId = values['order-id'] ?? fail('mint-token needs --order-id');
      const amount = values.amount ?? fail('mint-token needs --amount, a decimal string such as 10.00');
      const { readFileSync } = await import('node:fs');
      const key = values['private-key-file']
        ? readFileSync(values['private-key-file'], 'utf8')
        : (process.env.ORDER_TOKEN_SECRET ?? fail('set ORDER_TOKEN_SECRET or pass --private-key-file'));
      const optional = (v: string | undefined, name: string) => (v === undefined ? {} : { [name]: v });
      const token = mintOrderToken(
        {
          orderId,
          amount,
          currency: values.currency ?? 'RUB',
          ...optional(values.comment, 'comment'),
          ...optional(values.phone, 'phone'),
          ...optional(values['success-url'], 'successUrl'),
          ...optional(values['fail-url'], 'failUrl'),
          ...(values.lifetime ? { lifetime: Number(values.lifetime) } : {}),
        },
        key,
        {
          algorithm: (values.algorithm ?? (values['private-key-file'] ? 'RS256' : 'HS256')) as TokenAlgorithm,
          ...(values['expires-in'] ? { expiresInSeconds: Number(values['expires-in']) } : {}),
        },
      );
      console.log(token);
      return;
    }
    case 'orders': {
      const runtime = await createRuntime(config());
      const status = values.status
        ?.split(',')
        .filter((s): s is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(s));
      const orders = await runtime.ledger.listOrders({
        limit: Number(values.limit),
        ...(status ? { status } : {}),
      });
      for (const o of orders)
        console.log(`${o.id}\t${o.status}\t${formatAmount(o.amount)} ${o.currency}\t${o.createdAt}`);
      await runtime.close();
      return;
    }
    case 'refund': {
      const runtime = await createRuntime(config());
      try {
        const { refund } = await refundOrder(
          { ...runtime, clock: () => new Date() },
          values['order-id'] ?? fail('refund needs --order-id'),
          { amount: values.amount, refundId: values['refund-id'] },
        );
        console.log(`refund ${refund.refundId}: ${formatAmount(refund.amount)} ${refund.status}`);
      } finally {
        await runtime.close();
      }
      return;
    }
    default:
      console.log(USAGE);
      if (command !== undefined && command !== 'help' && command !== '--help') process.exit(2);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`qiwi-pay: ${(error as Error).message}`);
  process.exit(1);
});
