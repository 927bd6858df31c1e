// The built CLI as a merchant runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderTokenVerifier, mintOrderToken } from '../src/checkout/order-token.js';
import { createTestSchema } from './contract/postgres-schema.js';
import { newOrder, openSqliteLedger } from './ledger/ledger-fixtures.js';
import { SECRETS, startStack } from './stack.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const secret = 'cli-test-order-token-secret-0123456789';

function run(args: string[], env: Record<string, string> = {}, cwd?: string) {
  return spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    ...(cwd ? { cwd } : {}),
  });
}

describe('qiwi-pay CLI', () => {
  it('mints an order token the server accepts', () => {
    const out = execFileSync(
      process.execPath,
      [cli, 'mint-token', '--order-id', 'o-1', '--amount', '10.50', '--phone', '+79001234567'],
      { env: { PATH: process.env.PATH ?? '', ORDER_TOKEN_SECRET: secret }, encoding: 'utf8' },
    );
    const claims = createOrderTokenVerifier({
      algorithms: ['HS256'],
      key: secret,
      maxAgeSeconds: 900,
    }).verify(out.trim());
    expect(claims).toMatchObject({ orderId: 'o-1', amount: '10.50', currency: 'RUB', phone: '+79001234567' });
  });

  it('migrates a ledger once', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'qiwi-pay-cli-')), 'ledger.sqlite');
    expect(run(['migrate', '--database', db]).stdout).toMatch(/schema version 3; applied 1, 2, 3/);
    expect(run(['migrate', '--database', db]).stdout).toMatch(/already up to date/);
  });

  it('migrates a PostgreSQL ledger named by DATABASE_URL, never printing its password', async () => {
    const schema = await createTestSchema();
    try {
      const password = decodeURIComponent(new URL(schema.url).password);
      const first = run(['migrate'], { DATABASE_URL: schema.url });
      expect(first.stdout).toMatch(
        /ledger postgres:\/\/qiwipay:\*\*\*@127\.0\.0\.1:\d+\/postgres.*: schema version 1; applied 1/,
      );
      expect(run(['migrate'], { DATABASE_URL: schema.url }).stdout).toMatch(/already up to date/);
      expect(first.stdout + first.stderr).not.toContain(password);
    } finally {
      await schema.drop();
    }
  });

  it('refuses to serve with a broken configuration, naming every variable and no value', () => {
    const result = run(['serve'], {
      QIWI_PRV_ID: '2042',
      QIWI_API_ID: '1',
      QIWI_API_PASSWORD: 'value-that-must-not-print ',
      ADMIN_TOKEN: 'short',
    });
    expect(result.status).toBe(2);
    for (const name of [
      'STATUS_TOKEN_SECRET',
      'ADMIN_TOKEN',
      'QIWI_NOTIFICATION_PASSWORD',
      'ORDER_TOKEN_SECRET',
      'QIWI_API_PASSWORD',
    ])
      expect(result.stderr).toContain(name);
    expect(result.stderr + result.stdout).not.toContain('value-that-must-not-print');
  });

  it('explains its usage for an unknown command', () => {
    const result = run(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stdout).toContain('usage: qiwi-pay <command>');
  });

  it('help lists every command', () => {
    const result = run(['help']);
    expect(result.status).toBe(0);
    for (const command of ['serve', 'migrate', 'mint-token', 'orders', 'order show', 'refund', 'help'])
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });
});

describe('qiwi-pay mint-token refuses what the checkout refuses', () => {
  const env = { ORDER_TOKEN_SECRET: secret };
  it.each([
    [['--amount', '10,50'], '"10,50" uses a comma'],
    // parseArgs reads a value starting with "-" only as --amount=-1.
    [['--amount=-1'], '"-1" is negative'],
    [['--amount', '1', '--currency', 'rub'], 'currency: currency must be an ISO 4217 code'],
    [['--amount', '1', '--order-id', 'order 1'], 'may contain only Latin letters, digits'],
    [['--amount', '1', '--expires-in', 'soon'], '--expires-in must be a whole number of seconds'],
  ])('%j: exit 2 with the same message as mintOrderToken', (args, expected) => {
    const result = run(['mint-token', '--order-id', 'o-1', ...args], env);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(expected);
    const options = Object.fromEntries(
      [['--order-id', 'o-1'], ...chunk(args)].map(([k, v]) => [k?.slice(2), v]),
    ) as Record<string, string>;
    if (options['expires-in']) return;
    let message = '';
    try {
      mintOrderToken(
        {
          orderId: options['order-id'] ?? '',
          amount: options.amount ?? '',
          currency: options.currency ?? 'RUB',
        },
        secret,
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(result.stderr.trim()).toBe(`qiwi-pay: ${message}`);
  });

  it('mints with the expiry asked for', () => {
    const result = run(['mint-token', '--order-id', 'o-2', '--amount', '1.00', '--expires-in', '3600'], env);
    const claims = jwt.decode(result.stdout.trim()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(3600);
  });
});

function chunk(args: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.includes('=')) pairs.push(arg.split('=', 2) as [string, string]);
    else pairs.push([arg, args[++i] as string]);
  }
  return pairs;
}

describe('qiwi-pay orders and order show', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qiwi-pay-cli-ledger-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses --status bogus with the admin API message and exit 2', async () => {
    const stack = await startStack();
    try {
      const http = await stack.call('GET', '/v1/admin/orders?status=bogus', { token: SECRETS.adminToken });
      expect(http.status).toBe(400);
      const result = run(['orders', '--status', 'bogus'], { DATABASE_PATH: stack.databasePath });
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toBe(`qiwi-pay: ${http.body.error.message}`);
      const limit = await stack.call('GET', '/v1/admin/orders?limit=0', { token: SECRETS.adminToken });
      const cliLimit = run(['orders', '--limit', '0'], { DATABASE_PATH: stack.databasePath });
      expect(cliLimit.status).toBe(2);
      expect(cliLimit.stderr.trim()).toBe(`qiwi-pay: ${limit.body.error.message}`);
    } finally {
      await stack.close();
    }
  });

  it('refuses a relative or absolute DATABASE_PATH that names no ledger, and creates no file', () => {
    const relative = run(['orders'], { DATABASE_PATH: 'data/typo.sqlite' }, dir);
    expect(relative.status).toBe(2);
    expect(relative.stderr).toContain(`no ledger at ${join(dir, 'data/typo.sqlite')}`);
    expect(relative.stderr).toContain(`resolved from ${dir}`);
    expect(relative.stderr).toMatch(/qiwi-pay migrate" creates a new one/);
    const absolute = join(dir, 'missing.sqlite');
    const show = run(['order', 'show', 'o-1', '--database', absolute]);
    expect(show.status).toBe(2);
    expect(show.stderr).toContain(`no ledger at ${absolute}`);
    const byDefault = run(['orders'], {}, dir);
    expect(byDefault.status).toBe(2);
    expect(byDefault.stderr).toContain(`no ledger at ${join(dir, '.data/qiwi-pay.sqlite')}`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refund refuses a ledger that does not exist too, with an otherwise valid configuration', () => {
    const missing = join(dir, 'refund-ledger.sqlite');
    const result = run(['refund', '--order-id', 'o-1'], {
      QIWI_PRV_ID: '21379721',
      QIWI_API_ID: '62573819',
      QIWI_API_PASSWORD: SECRETS.apiPassword,
      QIWI_NOTIFICATION_PASSWORD: SECRETS.notificationPassword,
      ORDER_TOKEN_SECRET: SECRETS.orderTokenSecret,
      STATUS_TOKEN_SECRET: SECRETS.statusTokenSecret,
      ADMIN_TOKEN: SECRETS.adminToken,
      DATABASE_PATH: missing,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`no ledger at ${missing}`);
    expect(readdirSync(dir)).not.toContain('refund-ledger.sqlite');
  });

  it('refuses a file that is not a qiwi-pay ledger', () => {
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    expect(run(['orders', '--database', empty]).stderr).toMatch(
      /is not a qiwi-pay ledger \(it has no schema\)/,
    );
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some words in a text file.\n'.repeat(20));
    const result = run(['orders', '--database', text]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is not a SQLite ledger/);
    rmSync(empty);
    rmSync(text);
  });

  it('lists and shows orders of a ledger made by migrate', async () => {
    const ledger = join(dir, 'ledger.sqlite');
    expect(run(['migrate', '--database', ledger]).status).toBe(0);
    const orders = openSqliteLedger(ledger);
    await orders.placeOrder(newOrder({ id: 'cli-1' }));
    await orders.placeOrder(newOrder({ id: 'cli-2' }));
    await orders.applyStatus('cli-2', { to: 'paid', source: 'notification', at: '2025-01-01T10:00:00.000Z' });
    await orders.close();
    const paid = run(['orders', '--status', 'paid'], { DATABASE_PATH: ledger });
    expect(paid.status).toBe(0);
    expect(paid.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^cli-2\tpaid\t250\.00 RUB\t/)]);
    const show = run(['order', 'show', 'cli-2'], { DATABASE_PATH: ledger });
    expect(show.status).toBe(0);
    expect(show.stdout).toMatch(/^cli-2\tpaid\t250\.00 RUB/);
    expect(show.stdout).toMatch(/2025-01-01T10:00:00\.000Z\t\S+ -> paid\tnotification/);
    const unknown = run(['order', 'show', 'nope'], { DATABASE_PATH: ledger });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no order nope in the ledger');
    rmSync(ledger);
  });
});

describe('the built bin', () => {
  it('starts with a node shebang and runs from a folder outside the workspace', () => {
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const result = run(['help'], {}, tmpdir());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('usage: qiwi-pay');
  });

  it('imports nothing at run time but node built-ins, its own files and its dependencies', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const dist = fileURLToPath(new URL('../dist/', import.meta.url));
    const files = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
    expect(files).toContain('cli.js');
    const imported = new Set<string>();
    for (const file of files) {
      const source = readFileSync(join(dist, file), 'utf8');
      for (const [, spec] of source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g))
        imported.add(spec as string);
      for (const [, spec] of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g))
        imported.add(spec as string);
    }
    const packages = [...imported]
      .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] as string)));
    expect(packages.length).toBeGreaterThan(3);
    for (const name of new Set(packages)) expect(Object.keys(manifest.dependencies)).toContain(name);
  });
});
