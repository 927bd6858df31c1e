// The whole product from built artefacts, each in its own process: the sandbox (http for REST and the
// control API, https for the hosted pages under QIWI's real host names), the server on a fresh SQLite
// file, and the demo shop serving the built widget.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN, ORDER_TOKEN_SECRET, PORTS, URLS } from './ports.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not start within 15 s`);
}

export async function startStack(): Promise<() => Promise<void>> {
  const database = join(mkdtempSync(join(tmpdir(), 'qiwi-pay-e2e-')), 'ledger.sqlite');
  const children = [
    start(
      [
        'sandbox/dist/cli.js',
        'start',
        '--port',
        String(PORTS.sandbox),
        '--https',
        '--https-port',
        String(PORTS.sandboxHttps),
        '--notify-url',
        `${URLS.server}/v1/notifications/qiwi`,
        '--time-factor',
        '0.01',
        '--quiet',
      ],
      {},
    ),
    start(['server/dist/main.js'], {
      QIWI_PROTOCOL: 'pull',
      QIWI_PRV_ID: '21379721',
      QIWI_API_ID: '62573819',
      QIWI_API_PASSWORD: 'KCVn0OGNdepwbrruSzvE',
      QIWI_NOTIFICATION_PASSWORD: 'K3yForN0tify',
      QIWI_NOTIFICATION_AUTH: 'basic',
      QIWI_API_URL: URLS.sandbox,
      // The browser reaches the sandbox under QIWI's real names (host-resolver rules).
      QIWI_WEBFORM_URL: 'https://bill.qiwi.com',
      QIWI_CHECKOUT_URL: 'https://oplata.qiwi.com',
      ORDER_TOKEN_SECRET,
      STATUS_TOKEN_SECRET: 'e2e-status-token-secret-for-this-machine-only',
      ADMIN_TOKEN,
      ALLOWED_ORIGINS: URLS.shop,
      DATABASE_PATH: database,
      PORT: String(PORTS.server),
      HOST: '127.0.0.1',
      RECONCILE_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
    }),
    start(['sandbox/dist/demo-shop/main.js'], {
      QIWI_PAY_BACKEND_URL: URLS.server,
      DEMO_ORDER_TOKEN_SECRET: ORDER_TOKEN_SECRET,
      DEMO_SHOP_PORT: String(PORTS.shop),
      WIDGET_FILE: join(root, 'widget/dist/qiwi-pay.js'),
    }),
  ];
  await Promise.all([
    waitFor(`${URLS.sandbox}/__sandbox/health`),
    waitFor(`${URLS.server}/healthz`),
    waitFor(`${URLS.shop}/`),
  ]);
  return async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
      ),
    );
  };
}
