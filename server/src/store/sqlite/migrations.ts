// Versioned schema of the SQLite ledger. The database's `user_version` pragma holds the number of the
// last migration applied; each migration runs with its version bump in one transaction, so a crash
// mid-migration leaves the previous version intact and the next start simply runs it again.
//
// Never edit a migration that has shipped: append a new one.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../errors/app-error.js';

export interface Migration {
  readonly version: number;
  readonly sql: string;
}

const STATUS = `'created','waiting','paid','rejected','unpaid','expired'`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE orders (
        -- Insertion order: keyset pagination and a stable tie-break for equal timestamps.
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT    NOT NULL UNIQUE,
        protocol        TEXT    NOT NULL CHECK (protocol IN ('pull','bill')),
        flow            TEXT    NOT NULL CHECK (flow IN ('checkout','webform')),
        -- Money is never a float (DESIGN.md): integer minor units.
        amount          INTEGER NOT NULL CHECK (amount >= 0),
        currency        TEXT    NOT NULL,
        comment         TEXT    NOT NULL,
        payer_phone     TEXT,
        lifetime        TEXT    NOT NULL,
        success_url     TEXT,
        fail_url        TEXT,
        pay_source      TEXT,
        origin          TEXT    NOT NULL CHECK (origin IN ('token','catalog')),
        redirect        TEXT    NOT NULL,
        status          TEXT    NOT NULL CHECK (status IN (${STATUS})),
        created_at      TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL,
        last_checked_at TEXT
      );
      CREATE INDEX orders_open ON orders (status, last_checked_at);

      CREATE TABLE order_events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id    TEXT NOT NULL REFERENCES orders (id),
        from_status TEXT CHECK (from_status IN (${STATUS})),
        to_status   TEXT NOT NULL CHECK (to_status IN (${STATUS})),
        source      TEXT NOT NULL CHECK (source IN ('checkout','notification','poll','reconciler','admin')),
        at          TEXT NOT NULL,
        detail      TEXT
      );
      CREATE INDEX order_events_order ON order_events (order_id, id);

      -- Every notification received, genuine or not. No foreign key: forged and unknown-bill
      -- notifications are kept too, for inspection.
      CREATE TABLE notifications (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        received_at    TEXT    NOT NULL,
        protocol       TEXT    NOT NULL,
        raw_body       TEXT    NOT NULL,
        headers        TEXT    NOT NULL,
        remote_address TEXT,
        bill_id        TEXT,
        status         TEXT,
        verdict        TEXT    NOT NULL CHECK (verdict IN ('accepted','duplicate','rejected')),
        reason         TEXT,
        result_code    INTEGER NOT NULL
      );
      CREATE INDEX notifications_bill ON notifications (bill_id, id);
      CREATE INDEX notifications_verdict ON notifications (verdict, id);

      CREATE TABLE refunds (
        order_id   TEXT    NOT NULL REFERENCES orders (id),
        refund_id  TEXT    NOT NULL,
        amount     INTEGER NOT NULL CHECK (amount >= 0),
        status     TEXT    NOT NULL CHECK (status IN ('processing','success','fail')),
        error      INTEGER NOT NULL DEFAULT 0,
        created_at TEXT    NOT NULL,
        updated_at TEXT    NOT NULL,
        PRIMARY KEY (order_id, refund_id)
      );
      CREATE INDEX refunds_status ON refunds (status, updated_at);

      CREATE TABLE webhook_outbox (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT    NOT NULL UNIQUE,
        type            TEXT    NOT NULL,
        order_id        TEXT    NOT NULL REFERENCES orders (id),
        payload         TEXT    NOT NULL,
        created_at      TEXT    NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT    NOT NULL,
        delivered_at    TEXT,
        last_error      TEXT
      );
      CREATE INDEX webhook_outbox_due ON webhook_outbox (delivered_at, next_attempt_at);
      CREATE INDEX webhook_outbox_order ON webhook_outbox (order_id, seq);
    `,
  },
  {
    // Issue 13: a notification that contradicts a final status is a `conflict`; an unauthenticated
    // reject is kept as a bounded record (size, sha256, a short prefix — no body, no headers), flagged
    // so retention prunes only those, and counted per result code in a table that survives pruning.
    // Admin actions record who did them (order_events.actor).
    version: 2,
    sql: `
      CREATE TABLE notifications_v2 (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        received_at    TEXT    NOT NULL,
        protocol       TEXT    NOT NULL,
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
      INSERT INTO notifications_v2 (id, received_at, protocol, raw_body, headers, remote_address, bill_id,
                                    status, verdict, reason, result_code, body_size)
        SELECT id, received_at, protocol, raw_body, headers, remote_address, bill_id, status, verdict, reason,
               result_code, length(CAST(raw_body AS BLOB))
        FROM notifications;
      DROP TABLE notifications;
      ALTER TABLE notifications_v2 RENAME TO notifications;
      CREATE INDEX notifications_bill ON notifications (bill_id, id);
      CREATE INDEX notifications_verdict ON notifications (verdict, id);
      CREATE INDEX notifications_unauthenticated ON notifications (authenticated, id);

      CREATE TABLE notification_rejections (
        result_code INTEGER PRIMARY KEY,
        count       INTEGER NOT NULL,
        last_at     TEXT    NOT NULL
      );

      ALTER TABLE order_events ADD COLUMN actor TEXT;
    `,
  },
  {
    // Webhook delivery by several instances and endpoints: a claim with a lease, a dead-letter state,
    // the endpoints that acknowledged already, and a log of every attempt.
    version: 3,
    sql: `
      ALTER TABLE webhook_outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending','delivered','dead'));
      UPDATE webhook_outbox SET state = 'delivered' WHERE delivered_at IS NOT NULL;
      ALTER TABLE webhook_outbox ADD COLUMN claimed_by TEXT;
      ALTER TABLE webhook_outbox ADD COLUMN claimed_until TEXT;
      ALTER TABLE webhook_outbox ADD COLUMN delivered_to TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE webhook_outbox ADD COLUMN last_endpoint TEXT;
      CREATE INDEX webhook_outbox_state ON webhook_outbox (state, next_attempt_at, seq);

      CREATE TABLE webhook_attempts (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
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

/** Applies every migration newer than the database's `user_version`. Returns the versions applied. */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const applied: number[] = [];
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new AppError(
      'invalid_config',
      `the database is at schema version ${current} but this server knows only up to ${latest}; ` +
        'upgrade the server instead of pointing an older one at this file',
    );
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    // IMMEDIATE: two processes starting at once serialise here instead of both migrating.
    db.transaction(() => {
      const now = db.pragma('user_version', { simple: true }) as number;
      if (migration.version <= now) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
      applied.push(migration.version);
    }).immediate();
  }
  return applied;
}

/** Opens `path`, brings its schema up to date and closes it: the CLI's `migrate` command. */
export function migrateSqlite(path: string): { applied: number[]; version: number } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const applied = applyMigrations(db);
    return { applied, version: db.pragma('user_version', { simple: true }) as number };
  } finally {
    db.close();
  }
}
