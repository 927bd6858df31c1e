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

/** One endpoint at one number of connections over every round: medians, and the ratios' range. */
export interface Row extends Figures {
  /** Median over the rounds of (this endpoint's req/s ÷ bare Express's req/s in the same round). */
  readonly ratio: number | undefined;
  readonly ratioMin: number | undefined;
  readonly ratioMax: number | undefined;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Each round measured bare Express and every endpoint one after another, so a ratio compares figures
 * taken a few seconds apart; the machine's drift between rounds then moves both sides of it.
 */
export function summarise(rounds: readonly (readonly Figures[])[]): Row[] {
  const first = rounds[0] ?? [];
  return first.map((f) => {
    const same = rounds.map(
      (r) => r.find((x) => x.name === f.name && x.connections === f.connections) as Figures,
    );
    const ratios = rounds.flatMap((r, i) => {
      const bare = r.find((x) => x.name.startsWith('bare') && x.connections === f.connections);
      const own = same[i];
      return bare && own && bare.rps > 0 ? [own.rps / bare.rps] : [];
    });
    return {
      name: f.name,
      connections: f.connections,
      rps: median(same.map((x) => x.rps)),
      p50: median(same.map((x) => x.p50)),
      p99: median(same.map((x) => x.p99)),
      requests: same.reduce((sum, x) => sum + x.requests, 0),
      non2xx: same.reduce((sum, x) => sum + x.non2xx, 0),
      errors: same.reduce((sum, x) => sum + x.errors, 0),
      ratio: ratios.length ? median(ratios) : undefined,
      ratioMin: ratios.length ? Math.min(...ratios) : undefined,
      ratioMax: ratios.length ? Math.max(...ratios) : undefined,
    };
  });
}

/** The table: medians over the rounds, each endpoint's ratio to bare Express and that ratio's range. */
export function printTable(title: string, rows: readonly Row[], rounds: number): void {
  console.log(`\n${title} (median of ${rounds} round${rounds === 1 ? '' : 's'})\n`);
  console.log(
    'endpoint                                 conns    req/s   p50 ms   p99 ms   vs bare   range          requests  non-2xx  errors',
  );
  for (const f of rows) {
    const ratio = f.ratio === undefined ? '-' : f.ratio.toFixed(3);
    const range =
      f.ratioMin === undefined || f.ratioMax === undefined || rounds === 1
        ? ''
        : `${f.ratioMin.toFixed(2)}–${f.ratioMax.toFixed(2)}`;
    console.log(
      `${f.name.padEnd(40)} ${String(f.connections).padStart(5)} ${f.rps.toFixed(0).padStart(8)} ${String(f.p50).padStart(8)} ${String(f.p99).padStart(8)} ${ratio.padStart(9)}   ${range.padEnd(11)} ${String(f.requests).padStart(10)} ${String(f.non2xx).padStart(8)} ${String(f.errors).padStart(7)}`,
    );
  }
}
