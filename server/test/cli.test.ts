// The built CLI as a merchant runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createOrderTokenVerifier } from '../src/checkout/order-token.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const secret = 'cli-test-order-token-secret-0123456789';

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
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
      maxAgeSeconds: 600,
    }).verify(out.trim());
    expect(claims).toMatchObject({ orderId: 'o-1', amount: '10.50', currency: 'RUB', phone: '+79001234567' });
  });

  it('migrates a ledger once', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'qiwi-pay-cli-')), 'ledger.sqlite');
    expect(run(['migrate', '--database', db]).stdout).toMatch(/schema version 1; applied 1/);
    expect(run(['migrate', '--database', db]).stdout).toMatch(/already up to date/);
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
    expect(result.stdout).toContain('usage: qiwi-pay <command>');
  });
});
