// Versioned schema of the PostgreSQL ledger. `schema_migrations` lists the versions applied; each
// migration runs with its row in one transaction (PostgreSQL's DDL is transactional), under a
// session advisory lock, so instances starting at once take turns and only the first migrates.
// Times are ISO 8601 text, exactly as the SQLite ledger keeps them (they sort as they compare).
//
// Never edit a migration that has shipped: append a new one.

import type pg from 'pg';
import { AppError } from '../../errors/app-error.js';

export interface PgMigration {
  readonly version: number;
  readonly sql: string;
}

/** pg_advisory_lock key shared by every qiwi-pay instance: "qiwipay" as digits. */
const MIGRATION_LOCK = 7_494_977_290;

const STATUS = `'created','waiting','paid','rejected','unpaid','expired'`;

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE orders (
        seq             BIGSERIAL PRIMARY KEY,
        id              TEXT   NOT NULL UNIQUE,
        protocol        TEXT   NOT NULL CHECK (protocol IN ('pull','bill')),
        flow            TEXT   NOT NULL CHECK (flow IN ('checkout','webform')),
        -- Money is never a float (DESIGN.md): integer minor units.
        amount          BIGINT NOT NULL CHECK (amount >= 0),
        currency        TEXT   NOT NULL,
        comment         TEXT   NOT NULL,
        payer_phone     TEXT,
        lifetime        TEXT   NOT NULL,
        success_url     TEXT,
        fail_url        TEXT,
        pay_source      TEXT,
        origin          TEXT   NOT NULL CHECK (origin IN ('token','catalog')),
        redirect        TEXT   NOT NULL,
        status          TEXT   NOT NULL CHECK (status IN (${STATUS})),
        created_at      TEXT   NOT NULL,
        updated_at      TEXT   NOT NULL,
        last_checked_at TEXT
      );
      CREATE INDEX orders_open ON orders (status, last_checked_at);

      CREATE TABLE order_events (
        id          BIGSERIAL PRIMARY KEY,
        order_id    TEXT NOT NULL REFERENCES orders (id),
        from_status TEXT CHECK (from_status IN (${STATUS})),
        to_status   TEXT NOT NULL CHECK (to_status IN (${STATUS})),
        source      TEXT NOT NULL CHECK (source IN ('checkout','notification','poll','reconciler','admin')),
        at          TEXT NOT NULL,
        detail      TEXT,
        -- Who made an admin action (api, api:<name>, dashboard:<name>).
        actor       TEXT
      );
      CREATE INDEX order_events_order ON order_events (order_id, id);

      CREATE TABLE notifications (
        id             BIGSERIAL PRIMARY KEY,
        received_at    TEXT    NOT NULL,
        protocol       TEXT    NOT NULL,
        -- NULL for an unauthenticated reject: only its digest (body_*) is kept.
        raw_body       TEXT,
        headers        TEXT,
        remote_address TEXT,
        bill_id        TEXT,
        status         TEXT,
        verdict        TEXT    NOT NULL CHECK (verdict IN ('accepted','duplicate','rejected','conflict')),
        reason         TEXT,
        result_code    INTEGER NOT NULL,
        authenticated  INTEGER NOT NULL DEFAULT 1 CHECK (authenticated IN (0,1)),
        body_size      INTEGER,
        body_sha256    TEXT,
        body_prefix    TEXT
      );
      CREATE INDEX notifications_bill ON notifications (bill_id, id);
      CREATE INDEX notifications_verdict ON notifications (verdict, id);
      CREATE INDEX notifications_unauthenticated ON notifications (authenticated, id);

      -- Unauthenticated rejects counted per result code; survives the pruning of their records.
      CREATE TABLE notification_rejections (
        result_code INTEGER PRIMARY KEY,
        count       BIGINT  NOT NULL,
        last_at     TEXT    NOT NULL
      );

      CREATE TABLE refunds (
        seq        BIGSERIAL,
        order_id   TEXT    NOT NULL REFERENCES orders (id),
        refund_id  TEXT    NOT NULL,
        amount     BIGINT  NOT NULL CHECK (amount >= 0),
        status     TEXT    NOT NULL CHECK (status IN ('processing','success','fail')),
        error      INTEGER NOT NULL DEFAULT 0,
        created_at TEXT    NOT NULL,
        updated_at TEXT    NOT NULL,
        PRIMARY KEY (order_id, refund_id)
      );
      CREATE INDEX refunds_status ON refunds (status, updated_at);

      CREATE TABLE webhook_outbox (
        seq             BIGSERIAL PRIMARY KEY,
        id              TEXT    NOT NULL UNIQUE,
        type            TEXT    NOT NULL,
        order_id        TEXT    NOT NULL REFERENCES orders (id),
        payload         TEXT    NOT NULL,
        created_at      TEXT    NOT NULL,
        state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','delivered','dead')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT    NOT NULL,
        delivered_at    TEXT,
        last_error      TEXT,
        last_endpoint   TEXT,
        delivered_to    TEXT    NOT NULL DEFAULT '[]',
        claimed_by      TEXT,
        claimed_until   TEXT
      );
      CREATE INDEX webhook_outbox_state ON webhook_outbox (state, next_attempt_at, seq);
      CREATE INDEX webhook_outbox_order ON webhook_outbox (order_id, seq);

      CREATE TABLE webhook_attempts (
        id          BIGSERIAL PRIMARY KEY,
        event_id    TEXT    NOT NULL REFERENCES webhook_outbox (id),
        endpoint    TEXT    NOT NULL,
        at          TEXT    NOT NULL,
        status      INTEGER,
        duration_ms INTEGER NOT NULL,
        error       TEXT,
        instance    TEXT    NOT NULL
      );
      CREATE INDEX webhook_attempts_event ON webhook_attempts (event_id, id);
    `,
  },
];

/** Applies every migration newer than the database's; returns the versions applied and the latest. */
export async function applyPgMigrations(
  pool: pg.Pool,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<{ applied: number[]; version: number }> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    // Session lock: held across the per-migration transactions, released in finally (or when the
    // connection drops, e.g. the instance is killed mid-migration).
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_migrations',
    );
    const current = rows[0]?.v ?? 0;
    const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    if (current > latest)
      throw new AppError(
        'invalid_config',
        `the database is at schema version ${current} but this server knows only up to ${latest}; ` +
          'upgrade the server instead of pointing an older one at this database',
      );
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          migration.version,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.version);
    }
    return { applied, version: Math.max(current, ...applied) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
