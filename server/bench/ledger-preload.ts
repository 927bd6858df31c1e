// Fills a ledger with `count` orders (a third each paid, waiting, expired) and their creation events,
// in one SQL statement per table, so the bench can compare a checkout and a notification on an empty
// ledger with the same on a large one. Bounded by `count`; run while no server uses the database.
import Database from 'better-sqlite3';
import pg from 'pg';

const STATUS = (i: string) => `CASE ${i} % 3 WHEN 0 THEN 'paid' WHEN 1 THEN 'waiting' ELSE 'expired' END`;
const AT = `'2025-01-01T00:00:00.000Z'`;

export function preloadSqlite(path: string, count: number): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
         INSERT INTO orders (id, protocol, flow, amount, currency, comment, lifetime, origin, redirect, status,
                             created_at, updated_at)
         SELECT 'pre-' || i, 'pull', 'webform', 25000, 'RUB', 'preloaded', '2030-01-01T00:00:00.000Z', 'token',
                '{"url":"https://example.invalid","method":"GET","action":"https://example.invalid","params":{}}',
                ${STATUS('i')}, ${AT}, ${AT}
         FROM s`,
      ).run(count);
      db.prepare(
        `INSERT INTO order_events (order_id, from_status, to_status, source, at, detail)
         SELECT id, NULL, status, 'checkout', ${AT}, 'preloaded' FROM orders WHERE id LIKE 'pre-%'`,
      ).run();
    })();
  } finally {
    db.close();
  }
}

export async function preloadPostgres(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO orders (id, protocol, flow, amount, currency, comment, lifetime, origin, redirect, status,
                           created_at, updated_at)
       SELECT 'pre-' || i, 'pull', 'webform', 25000, 'RUB', 'preloaded', '2030-01-01T00:00:00.000Z', 'token',
              '{"url":"https://example.invalid","method":"GET","action":"https://example.invalid","params":{}}',
              ${STATUS('i')}, ${AT}, ${AT}
       FROM generate_series(1, $1::int) AS i`,
      [count],
    );
    await client.query(
      `INSERT INTO order_events (order_id, from_status, to_status, source, at, detail)
       SELECT id, NULL, status, 'checkout', ${AT}, 'preloaded' FROM orders WHERE id LIKE 'pre-%'`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
