// pnpm bench: one run, one machine, loopback only, every load bounded in time (BENCH_SECONDS each).
//   bare      a bare Express JSON endpoint (the baseline)
//   webform   POST /v1/checkout, webform flow (JWT verify, ledger insert, signed redirect; no QIWI call)
//   checkout  POST /v1/checkout, checkout flow (the same plus a REST bill creation at the sandbox)
//   notify    POST /v1/notifications/qiwi (verify, compare, record durably, answer XML)
//   status    GET /v1/orders/{id} with its status token (a paid order: no QIWI call)
// at each of BENCH_CONNECTIONS (10 and 100), on SQLite and, when DATABASE_URL is set, on PostgreSQL.
// The bare server, the backend and the sandbox each run in their own process; autocannon runs here
// and the table gives requests/s, p50, p99 and the ratio to bare Express at the same connections.
// The bench prints; it never fails on a figure.
//
// BENCH_SERVER_ENTRY   another built backend to measure (e.g. a build of an older commit)
// BENCH_PROFILE_DIR    start the backend with `node --cpu-prof` writing its profile there
// BENCH_ONLY           a comma list of the endpoint keys above, to profile one path

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, type Figures } from './bench-load.js';
import { freePort, startNode, stop, waitFor } from './bench-processes.js';
import { createScenario, DEMO, type EndpointKey, ENDPOINT_KEYS } from './bench-scenario.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const serverDir = join(here, '..', '..');

function bounded(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got ${value})`);
  return value;
}

const SECONDS = bounded('BENCH_SECONDS', Number(process.env.BENCH_SECONDS ?? 5), 1, 60);
const LEVELS = (process.env.BENCH_CONNECTIONS ?? '10,100')
  .split(',')
  .map((c) => bounded('BENCH_CONNECTIONS', Number(c), 1, 1000));
if (LEVELS.length > 4) throw new Error('BENCH_CONNECTIONS: at most 4 levels, e.g. 10,100');
const ENTRY = process.env.BENCH_SERVER_ENTRY ?? join(serverDir, 'dist', 'main.js');
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const ONLY = (process.env.BENCH_ONLY ?? ENDPOINT_KEYS.join(',')).split(',') as EndpointKey[];
for (const key of ONLY)
  if (!ENDPOINT_KEYS.includes(key))
    throw new Error(`BENCH_ONLY: unknown endpoint "${key}"; use ${ENDPOINT_KEYS.join(', ')}`);

const ORDER_SECRET = 'bench-order-token-secret-0123456789abcdef';

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const [barePort, backendPort, sandboxPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'qiwi-pay-bench-'));
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const helpers = [
    startNode([join(here, 'bare-server.js'), String(barePort)]),
    startNode([
      join(serverDir, '..', 'sandbox', 'dist', 'cli.js'),
      'start',
      '--port',
      String(sandboxPort),
      '--quiet',
      '--notify-url',
      `${backendUrl}/v1/notifications/qiwi`,
    ]),
  ];
  const backendEnv = (databasePath: string) => ({
    PORT: String(backendPort),
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
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
  });
  const profileArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  try {
    await Promise.all([waitFor(`${bareUrl}/healthz`), waitFor(`${sandboxUrl}/__sandbox/health`)]);
    console.log(
      `qiwi-pay benchmark: ${SECONDS} s per endpoint, connections ${LEVELS.join(' and ')}, 127.0.0.1, node ${process.version}, ${cpus().length} cores`,
    );
    console.log(`backend: ${ENTRY}`);
    console.log(`load average at start: ${load()}`);

    const stores: { name: string; path: string }[] = [
      { name: 'SQLite (synchronous=FULL, WAL)', path: join(dir, 'bench.sqlite') },
    ];
    const pgUrl = process.env.DATABASE_URL;
    if (pgUrl) stores.push({ name: 'PostgreSQL', path: pgUrl });

    let bare: Figures[] | undefined;
    for (const store of stores) {
      const backend = startNode([...profileArgs, ENTRY], backendEnv(store.path));
      try {
        await waitFor(`${backendUrl}/healthz`);
        const scenario = createScenario({ bareUrl, backendUrl, orderSecret: ORDER_SECRET, seconds: SECONDS });
        const figures: Figures[] = [];
        for (const connections of LEVELS) {
          for (const key of ONLY) {
            if (key === 'bare' && bare) continue;
            figures.push(await scenario.run(key, connections));
          }
        }
        bare ??= figures.filter((f) => f.name.startsWith('bare'));
        const withBare = [...bare, ...figures.filter((f) => !f.name.startsWith('bare'))].sort(
          (a, b) => a.connections - b.connections,
        );
        printTable(`${store.name}:`, withBare);
        console.log(scenario.summary());
      } finally {
        await stop(backend);
      }
    }
    if (!pgUrl) console.log('\nPostgreSQL: not measured (no DATABASE_URL)');
    console.log(`\nload average at end: ${load()}`);
  } finally {
    await Promise.all(helpers.map(stop));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
