// One measured load (autocannon, a load generator made for HTTP benchmarking) and the printed table.

import autocannon from 'autocannon';

export interface Figures {
  readonly name: string;
  readonly connections: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** Runs for `seconds` (bounded: autocannon stops by itself) and summarises. */
export async function load(
  name: string,
  connections: number,
  seconds: number,
  options: autocannon.Options,
): Promise<Figures> {
  const result = await autocannon({ connections, duration: seconds, ...options });
  return {
    name,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** The table, with each endpoint's ratio to bare Express at the same number of connections. */
export function printTable(title: string, figures: readonly Figures[]): void {
  console.log(`\n${title}\n`);
  console.log(
    'endpoint                                 conns    req/s   p50 ms   p99 ms   vs bare   requests  non-2xx  errors',
  );
  for (const f of figures) {
    const bare = figures.find((b) => b.name.startsWith('bare') && b.connections === f.connections);
    const ratio = bare && bare.rps > 0 ? (f.rps / bare.rps).toFixed(3) : '-';
    console.log(
      `${f.name.padEnd(40)} ${String(f.connections).padStart(5)} ${f.rps.toFixed(0).padStart(8)} ${String(f.p50).padStart(8)} ${String(f.p99).padStart(8)} ${ratio.padStart(9)} ${String(f.requests).padStart(10)} ${String(f.non2xx).padStart(8)} ${String(f.errors).padStart(7)}`,
    );
  }
}
