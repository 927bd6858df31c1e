// pnpm bench: one run, one machine, bounded in time and count, loopback only.
//   1. a bare Express JSON endpoint (the baseline)
//   2. POST /v1/checkout, webform flow (JWT verify, ledger insert, signed redirect; no QIWI call)
//   3. POST /v1/checkout, checkout flow (the same plus a REST bill creation at the sandbox)
//   4. POST /v1/notifications/qiwi (verify, compare, record durably, answer XML)
// 2–4 run on SQLite and on PostgreSQL, each on an empty ledger and then on the same ledger holding
// BENCH_PRELOAD (1,000,000) more orders (ledger-preload.ts), and the ratio large/empty is printed: the
// cost of a checkout and a notification must not grow with the ledger. PostgreSQL is BENCH_DATABASE_URL,
// or a throw-away server started with scripts/lib/postgres.sh and stopped at the end.
// The bare server, the backend and the sandbox each run in their own process; autocannon (a load
// generator made for HTTP benchmarking) runs here and prints requests/s, p50 and p99.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { mintOrderToken } from '../src/checkout/order-token.js';
import { pullNotificationAuthorization } from '../src/qiwi/index.js';
import { preloadPostgres, preloadSqlite } from './ledger-preload.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PRELOAD = Number(process.env.BENCH_PRELOAD ?? 1_000_000);
const here = fileURLToPath(new URL('.', import.meta.url));
const serverDir = join(here, '..', '..');
// The sandbox's built-in demo Pull account (sandbox/README.md): test-only values.
const DEMO = {
  prvId: '21379721',
  apiId: '62573819',
  apiPassword: 'KCVn0OGNdepwbrruSzvE',
  notificationPassword: 'K3yForN0tify',
};
const ORDER_SECRET = 'bench-order-token-secret-0123456789abcdef';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not come up within 10 s`);
}

interface Figures {
  name: string;
  store?: string;
  size?: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(name: string, options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function startPostgres(dir: string): string {
  const script = join(serverDir, '..', 'scripts', 'lib', 'postgres.sh');
  return execFileSync('bash', [script, 'start', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

function stopPostgres(dir: string): void {
  const script = join(serverDir, '..', 'scripts', 'lib', 'postgres.sh');
  execFileSync('bash', [script, 'stop', dir], { stdio: 'inherit' });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const [barePort, backendPort, sandboxPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'qiwi-pay-bench-'));
  const pgDir = mkdtempSync(join(tmpdir(), 'qiwi-pay-bench-pg-'));
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  const children = [
    start([join(here, 'bare-server.js'), String(barePort)]),
    start([
      join(serverDir, '..', 'sandbox', 'dist', 'cli.js'),
      'start',
      '--port',
      String(sandboxPort),
      '--quiet',
      '--notify-url',
      `${backendUrl}/v1/notifications/qiwi`,
    ]),
  ];
  let startedPg = false;
  const backendEnv = {
    PORT: String(backendPort),
    HOST: '127.0.0.1',
    QIWI_PROTOCOL: 'pull',
    QIWI_PRV_ID: DEMO.prvId,
    QIWI_API_ID: DEMO.apiId,
    QIWI_API_PASSWORD: DEMO.apiPassword,
    QIWI_NOTIFICATION_PASSWORD: DEMO.notificationPassword,
    QIWI_NOTIFICATION_AUTH: 'basic',
    QIWI_API_URL: sandboxUrl,
    QIWI_WEBFORM_URL: sandboxUrl,
    QIWI_CHECKOUT_URL: sandboxUrl,
    ORDER_TOKEN_SECRET: ORDER_SECRET,
    STATUS_TOKEN_SECRET: 'bench-status-token-secret-0123456789abcdef',
    ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef012345',
    RECONCILE_INTERVAL_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'info',
  };
  try {
    await Promise.all([
      waitFor(`http://127.0.0.1:${barePort}/healthz`),
      waitFor(`${sandboxUrl}/__sandbox/health`),
    ]);
    const figures: Figures[] = [];
    const json = { 'content-type': 'application/json' };
    figures.push(
      await load('bare Express JSON endpoint', {
        url: `http://127.0.0.1:${barePort}/bare`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ n: 1 }),
      }),
    );
    let databaseUrl = process.env.BENCH_DATABASE_URL;
    if (!databaseUrl) {
      databaseUrl = startPostgres(pgDir);
      startedPg = true;
    }
    const sqlitePath = join(dir, 'bench.sqlite');
    const pgUrl = databaseUrl;
    const stores: { store: string; env: Record<string, string>; preload: (n: number) => Promise<void> }[] = [
      {
        store: 'SQLite',
        env: { DATABASE_PATH: sqlitePath },
        preload: async (n: number) => preloadSqlite(sqlitePath, n),
      },
      {
        store: 'PostgreSQL',
        env: { DATABASE_URL: pgUrl },
        preload: (n: number) => preloadPostgres(pgUrl, n),
      },
    ];
    let n = 0;
    for (const { store, env, preload } of stores) {
      for (const size of [0, PRELOAD]) {
        if (size > 0) {
          const started = Date.now();
          await preload(size);
          console.error(`${store}: ${size} orders loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
        const backend = start([join(serverDir, 'dist', 'main.js')], { ...backendEnv, ...env });
        try {
          await waitFor(`${backendUrl}/healthz`);
          figures.push(...(await runBackend(backendUrl, () => ++n)).map((f) => ({ ...f, store, size })));
        } finally {
          await stopChild(backend);
        }
      }
    }
    report(figures);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    if (startedPg) stopPostgres(pgDir);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runBackend(backendUrl: string, nextId: () => number): Promise<Figures[]> {
  const webformIds: string[] = [];
  const checkoutBody = (flow: 'webform' | 'checkout') => {
    const orderId = `${flow === 'webform' ? 'w' : 'c'}${process.pid}x${nextId()}`;
    if (flow === 'webform') webformIds.push(orderId);
    const orderToken = mintOrderToken(
      {
        orderId,
        amount: '250.00',
        currency: 'RUB',
        comment: 'bench',
        ...(flow === 'checkout' ? { phone: '+79001234567' } : {}),
      },
      ORDER_SECRET,
    );
    return JSON.stringify({ orderToken, flow });
  };
  const json = { 'content-type': 'application/json' };
  const figures: Figures[] = [];
  figures.push(
    await load('POST /v1/checkout (webform)', {
      url: `${backendUrl}/v1/checkout`,
      method: 'POST',
      headers: json,
      requests: [{ setupRequest: (req) => ({ ...req, body: checkoutBody('webform') }) }],
    }),
  );
  figures.push(
    await load('POST /v1/checkout (checkout, sandbox)', {
      url: `${backendUrl}/v1/checkout`,
      method: 'POST',
      headers: json,
      requests: [{ setupRequest: (req) => ({ ...req, body: checkoutBody('checkout') }) }],
    }),
  );
  let next = 0;
  const auth = pullNotificationAuthorization(DEMO.prvId, DEMO.notificationPassword);
  figures.push(
    await load('POST /v1/notifications/qiwi', {
      url: `${backendUrl}/v1/notifications/qiwi`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
      requests: [
        {
          setupRequest: (req) => {
            // Each request pays another order from the webform run; past the end they are duplicates.
            const billId = webformIds[next++ % Math.max(webformIds.length, 1)] ?? 'none';
            const body = new URLSearchParams({
              command: 'bill',
              bill_id: billId,
              status: 'paid',
              error: '0',
              amount: '250.00',
              user: 'tel:+79001234567',
              prv_name: 'Demo Shop',
              ccy: 'RUB',
              comment: 'bench',
            }).toString();
            return { ...req, body };
          },
        },
      ],
    }),
  );
  return figures;
}

function report(figures: Figures[]): void {
  const base = figures[0]?.rps ?? 1;
  console.log(
    `\nqiwi-pay benchmark: ${SECONDS} s per endpoint, ${CONNECTIONS} connections, 127.0.0.1, node ${process.version}\n`,
  );
  console.log(
    'store       ledger     endpoint                               req/s     p50 ms   p99 ms   vs bare   requests  non-2xx  errors',
  );
  for (const f of figures) {
    console.log(
      `${(f.store ?? '-').padEnd(11)} ${(f.size === undefined ? '-' : f.size === 0 ? 'empty' : `+${f.size}`).padEnd(10)} ${f.name.padEnd(38)} ${f.rps.toFixed(0).padStart(7)} ${String(f.p50).padStart(9)} ${String(f.p99).padStart(8)} ${(f.rps / base).toFixed(3).padStart(9)} ${String(f.requests).padStart(10)} ${String(f.non2xx).padStart(8)} ${String(f.errors).padStart(7)}`,
    );
  }
  console.log('\nreq/s on the large ledger / req/s on the empty one (1.00 = no growth in cost):');
  for (const store of ['SQLite', 'PostgreSQL'])
    for (const f of figures.filter((x) => x.store === store && x.size === 0)) {
      const large = figures.find((x) => x.store === store && x.size !== 0 && x.name === f.name);
      if (large) console.log(`  ${store.padEnd(11)} ${f.name.padEnd(38)} ${(large.rps / f.rps).toFixed(2)}`);
    }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
