// The whole product from built artefacts, each in its own process: the sandbox (http for REST and the
// control API, https for the hosted pages under QIWI's real host names), the server on a fresh SQLite
// file, and the demo shop serving the built widget.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN, ORDER_TOKEN_SECRET, PORTS, URLS, WEBHOOK_SECRET } from './ports.js';
import { startWebhookReceiver } from './webhook-receiver.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Like start(), with stdout and stderr also written to `logFile` (stderr still shown as before). */
function startLogged(args: string[], env: Record<string, string>, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, 'pipe'],
  });
  closeSync(fd);
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    appendFileSync(logFile, chunk);
  });
  return child;
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

/** The sandbox's accounts: its demo Pull and Bill 1.0.0 merchants, each notifying its own server. */
function sandboxConfig(dir: string): string {
  const file = join(dir, 'sandbox.json');
  const currencies = ['RUB'];
  writeFileSync(
    file,
    JSON.stringify({
      demoAccounts: false,
      pull: [
        {
          prvId: '21379721',
          projectName: 'Demo Shop',
          api: [{ apiId: '62573819', password: 'KCVn0OGNdepwbrruSzvE' }],
          notification: {
            url: `${URLS.server}/v1/notifications/qiwi`,
            password: 'K3yForN0tify',
            auth: 'basic',
          },
          currencies,
        },
      ],
      bill: [
        {
          prvId: '2042',
          apiId: '56603972',
          apiSecret: 's3cr3tApiKey',
          notification: { url: `${URLS.billServer}/v1/notifications/qiwi` },
          currencies,
        },
      ],
    }),
  );
  return file;
}

function serverEnv(port: number, shop: string, database: string): Record<string, string> {
  return {
    QIWI_API_URL: URLS.sandbox,
    // The browser reaches the sandbox under QIWI's real names (host-resolver rules).
    QIWI_WEBFORM_URL: 'https://bill.qiwi.com',
    QIWI_CHECKOUT_URL: 'https://oplata.qiwi.com',
    ORDER_TOKEN_SECRET,
    STATUS_TOKEN_SECRET: 'e2e-status-token-secret-for-this-machine-only',
    ADMIN_TOKEN,
    ALLOWED_ORIGINS: shop,
    DATABASE_PATH: database,
    PORT: String(port),
    HOST: '127.0.0.1',
    RECONCILE_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'warn',
  };
}

function shopEnv(port: number, server: string): Record<string, string> {
  return {
    QIWI_PAY_BACKEND_URL: server,
    DEMO_ORDER_TOKEN_SECRET: ORDER_TOKEN_SECRET,
    DEMO_SHOP_PORT: String(port),
    WIDGET_FILE: join(root, 'widget/dist/qiwi-pay.js'),
  };
}

export async function startStack(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'qiwi-pay-e2e-'));
  // The Pull server's log, for specs that read what an operator would (workers inherit this variable).
  const serverLog = join(dir, 'pull-server.log');
  writeFileSync(serverLog, '');
  process.env.E2E_SERVER_LOG = serverLog;
  const stopReceiver = await startWebhookReceiver(PORTS.webhook);
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
        '--config',
        sandboxConfig(dir),
        '--time-factor',
        '0.01',
        '--quiet',
      ],
      {},
    ),
    startLogged(
      ['server/dist/main.js'],
      {
        ...serverEnv(PORTS.server, URLS.shop, join(dir, 'pull.sqlite')),
        QIWI_PROTOCOL: 'pull',
        QIWI_PRV_ID: '21379721',
        QIWI_API_ID: '62573819',
        QIWI_API_PASSWORD: 'KCVn0OGNdepwbrruSzvE',
        QIWI_NOTIFICATION_PASSWORD: 'K3yForN0tify',
        QIWI_NOTIFICATION_AUTH: 'basic',
        WEBHOOK_URL: `${URLS.webhook}/hooks/qiwi-pay`,
        WEBHOOK_SECRET,
        // A delivery the shop keeps refusing is dead after two attempts a second apart (dashboard spec).
        WEBHOOK_MAX_ATTEMPTS: '2',
        WEBHOOK_RETRY_BASE_SECONDS: '1',
        WEBHOOK_RETRY_CAP_SECONDS: '1',
        // Refusals are logged at info; the log goes to a file, not the console.
        LOG_LEVEL: 'info',
      },
      serverLog,
    ),
    start(['server/dist/main.js'], {
      ...serverEnv(PORTS.billServer, URLS.billShop, join(dir, 'bill.sqlite')),
      QIWI_PROTOCOL: 'bill',
      QIWI_PRV_ID: '2042',
      QIWI_API_ID: '56603972',
      QIWI_API_SECRET: 's3cr3tApiKey',
      QIWI_PUBLIC_KEY: 'UMYxY7qyMExWo7Q5UzaqCbK',
    }),
    start(['sandbox/dist/demo-shop/main.js'], shopEnv(PORTS.shop, URLS.server)),
    start(['sandbox/dist/demo-shop/main.js'], shopEnv(PORTS.billShop, URLS.billServer)),
  ];
  await Promise.all(
    [
      `${URLS.sandbox}/__sandbox/health`,
      `${URLS.server}/healthz`,
      `${URLS.billServer}/healthz`,
      `${URLS.shop}/`,
      `${URLS.billShop}/`,
    ].map(waitFor),
  );
  return async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
      ),
    );
    await stopReceiver();
  };
}
