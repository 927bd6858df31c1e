// pnpm bench: one run, one machine, loopback only, every load bounded in time (BENCH_SECONDS each).
//   bare      a bare Express JSON endpoint (the baseline)
//   webform   POST /v1/checkout, webform flow (JWT verify, ledger insert, signed redirect; no QIWI call)
//   checkout  POST /v1/checkout, checkout flow (the same plus a REST bill creation at the sandbox)
//   notify    POST /v1/notifications/qiwi (verify, compare, record durably, answer XML)
//   status    GET /v1/orders/{id} with its status token (a paid order: no QIWI call)
// at each of BENCH_CONNECTIONS (10 and 100), on SQLite and on PostgreSQL (BENCH_DATABASE_URL or
// DATABASE_URL, or a throw-away server from scripts/lib/postgres.sh, stopped at the end), each on an
// empty ledger and then on the same ledger holding BENCH_PRELOAD (1,000,000; 0 skips it) more orders
// (ledger-preload.ts): the cost of a request must not grow with the ledger. The bare server, the
// backend and the sandbox each run in their own process; autocannon runs here. The tables give
// requests/s, p50, p99 and the ratio to bare Express at the same connections; the bench prints, it
// never fails on a figure.
//
// BENCH_STORES         sqlite,postgres (the default) or one of them
// BENCH_SERVER_ENTRY   another built backend to measure (e.g. a build of an older commit)
// BENCH_PROFILE_DIR    start the backend with `node --cpu-prof` writing its profile there (the
//                      sandbox's in its sandbox/ folder)
// BENCH_ONLY           a comma list of the endpoint keys above, to profile one path
// BENCH_ROUNDS         rounds (3): each measures bare Express and every endpoint in turn; the tables
//                      give medians, and each ratio is taken within its round, so the machine's drift
//                      moves both of its sides

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, summarise, type Figures, type Row } from './bench-load.js';
import { freePort, startNode, stop, waitFor } from './bench-processes.js';
import { createScenario, DEMO, type EndpointKey, ENDPOINT_KEYS } from './bench-scenario.js';
import { preloadPostgres, preloadSqlite } from './ledger-preload.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const serverDir = join(here, '..', '..');
const postgresScript = join(serverDir, '..', 'scripts', 'lib', 'postgres.sh');

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
const PRELOAD = bounded('BENCH_PRELOAD', Number(process.env.BENCH_PRELOAD ?? 1_000_000), 0, 5_000_000);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
for (const store of STORES)
  if (store !== 'sqlite' && store !== 'postgres')
    throw new Error(`BENCH_STORES: unknown store "${store}"; use sqlite, postgres or both`);
const ENTRY = process.env.BENCH_SERVER_ENTRY ?? join(serverDir, 'dist', 'main.js');
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const ONLY = (process.env.BENCH_ONLY ?? ENDPOINT_KEYS.join(',')).split(',') as EndpointKey[];
for (const key of ONLY)
  if (!ENDPOINT_KEYS.includes(key))
    throw new Error(`BENCH_ONLY: unknown endpoint "${key}"; use ${ENDPOINT_KEYS.join(', ')}`);

const ROUNDS = bounded('BENCH_ROUNDS', Number(process.env.BENCH_ROUNDS ?? 3), 1, 9);
/** The unmeasured load before the measured ones, per endpoint. */
const WARM_UP_SECONDS = 1;
const ORDER_SECRET = 'bench-order-token-secret-0123456789abcdef';

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Store {
  readonly name: string;
  readonly env: Record<string, string>;
  preload(count: number): Promise<void>;
}

async function main(): Promise<void> {
  const [barePort, backendPort, sandboxPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'qiwi-pay-bench-'));
  const pgDir = mkdtempSync(join(tmpdir(), 'qiwi-pay-bench-pg-'));
  let startedPg = false;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  const bareUrl = `http://127.0.0.1:${barePort}`;
  // The sandbox stands in for QIWI on the same two cores: its profile says how much of the checkout
  // flow's time is the stand-in rather than the backend.
  const sandboxProfileArgs = PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, 'sandbox')}`]
    : [];
  const helpers = [
    startNode([join(here, 'bare-server.js'), String(barePort)]),
    startNode([
      ...sandboxProfileArgs,
      join(serverDir, '..', 'sandbox', 'dist', 'cli.js'),
      'start',
      '--port',
      String(sandboxPort),
      '--quiet',
      '--notify-url',
      `${backendUrl}/v1/notifications/qiwi`,
    ]),
  ];
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
  const profileArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  try {
    await Promise.all([waitFor(`${bareUrl}/healthz`), waitFor(`${sandboxUrl}/__sandbox/health`)]);
    console.log(
      `qiwi-pay benchmark: ${SECONDS} s per endpoint, connections ${LEVELS.join(' and ')}, 127.0.0.1, node ${process.version}, ${cpus().length} cores`,
    );
    console.log(`backend: ${ENTRY}`);
    console.log(`load average at start: ${load()}`);

    const stores: Store[] = [];
    if (STORES.includes('sqlite')) {
      const path = join(dir, 'bench.sqlite');
      stores.push({
        name: 'SQLite (synchronous=FULL, WAL)',
        env: { DATABASE_PATH: path },
        preload: async (count) => preloadSqlite(path, count),
      });
    }
    if (STORES.includes('postgres')) {
      let url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
      if (!url) {
        try {
          url = execFileSync('bash', [postgresScript, 'start', pgDir], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
          }).trim();
          startedPg = true;
        } catch (error) {
          console.log(
            `\nPostgreSQL: not measured (no DATABASE_URL, and none could be started: ${(error as Error).message})`,
          );
        }
      }
      if (url) {
        const pgUrl = url;
        stores.push({
          name: 'PostgreSQL',
          env: { DATABASE_URL: pgUrl },
          preload: (count) => preloadPostgres(pgUrl, count),
        });
      }
    }

    let run = 0;
    for (const store of stores) {
      const bySize: { size: number; figures: Row[] }[] = [];
      for (const size of PRELOAD > 0 ? [0, PRELOAD] : [0]) {
        if (size > 0) {
          const started = Date.now();
          await store.preload(size);
          console.log(
            `\n${store.name}: ${size} orders loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
        }
        const backend = startNode([...profileArgs, ENTRY], { ...backendEnv, ...store.env });
        try {
          await waitFor(`${backendUrl}/healthz`);
          const scenario = createScenario({
            bareUrl,
            backendUrl,
            orderSecret: ORDER_SECRET,
            seconds: SECONDS,
            tag: `r${++run}`,
          });
          // Each process's first seconds are slower (the JIT compiling, caches filling): a short unmeasured
          // load of every endpoint first, so the first endpoint measured is not charged with them.
          for (const key of ONLY) await scenario.run(key, 10, WARM_UP_SECONDS);
          const rounds: Figures[][] = [];
          for (let round = 0; round < ROUNDS; round++) {
            const figures: Figures[] = [];
            for (const connections of LEVELS)
              for (const key of ['bare', ...ONLY.filter((k) => k !== 'bare')] as EndpointKey[])
                figures.push(await scenario.run(key, connections));
            rounds.push(figures);
          }
          const rows = summarise(rounds);
          const label = `${store.name}, ${size === 0 ? 'empty ledger' : `ledger + ${size} orders`}`;
          printTable(`${label}:`, rows, ROUNDS);
          console.log(scenario.summary());
          bySize.push({ size, figures: rows });
        } finally {
          await stop(backend);
        }
      }
      const [empty, large] = bySize;
      if (empty && large) {
        console.log(
          `\n${store.name}: req/s on the large ledger / on the empty one (1.00 = no growth in cost):`,
        );
        for (const f of empty.figures.filter((x) => !x.name.startsWith('bare'))) {
          const l = large.figures.find((x) => x.name === f.name && x.connections === f.connections);
          if (l)
            console.log(
              `  ${f.name.padEnd(40)} ${String(f.connections).padStart(5)} ${(l.rps / f.rps).toFixed(2)}`,
            );
        }
      }
    }
    if (!STORES.includes('postgres')) console.log('\nPostgreSQL: not measured (BENCH_STORES)');
    console.log(`\nload average at end: ${load()}`);
  } finally {
    await Promise.all(helpers.map(stop));
    if (startedPg) execFileSync('bash', [postgresScript, 'stop', pgDir], { stdio: 'inherit' });
    rmSync(dir, { recursive: true, force: true });
    rmSync(pgDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
