// The webhook outbox and the reconciler's claims on SQLite. Each claim is one IMMEDIATE transaction
// (select, then mark), and SQLite lets one writer in at a time across every process on the file, so two
// instances sharing the file never claim the same row.

import type Database from 'better-sqlite3';
import type {
  StoredOrder,
  WebhookAttempt,
  WebhookEvent,
  WebhookQuery,
  WebhookSettlement,
} from '../../ledger/index.js';
import {
  ORDER_SELECT,
  toAttempt,
  toOrder,
  toWebhook,
  type AttemptRow,
  type OrderRow,
  type WebhookRow,
} from './sqlite-rows.js';

type Tx<A extends unknown[], R> = Database.Transaction<(...args: A) => R>;

export interface OutboxQueries {
  readonly claimWebhooks: Tx<[string, number, string, string], WebhookEvent[]>;
  readonly settleWebhook: Tx<[string, WebhookSettlement, readonly WebhookAttempt[]], void>;
  getWebhook(id: string): WebhookEvent | undefined;
  listWebhookAttempts(id: string): WebhookAttempt[];
  listWebhooks(query: WebhookQuery): WebhookEvent[];
  readonly requeueWebhook: Tx<[string, string], WebhookEvent | undefined>;
  requeueDeadWebhooks(at: string): number;
  readonly claimOpenOrders: Tx<[number, string, string], StoredOrder[]>;
}

export function outboxQueries(db: Database.Database): OutboxQueries {
  const due = db.prepare<[string, string, number], WebhookRow>(`
    SELECT * FROM webhook_outbox
    WHERE state = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
    ORDER BY next_attempt_at, seq LIMIT ?`);
  const claim = db.prepare('UPDATE webhook_outbox SET claimed_by = ?, claimed_until = ? WHERE id = ?');
  const byId = db.prepare<[string], WebhookRow>('SELECT * FROM webhook_outbox WHERE id = ?');
  const insertAttempt = db.prepare(`
    INSERT INTO webhook_attempts (event_id, endpoint, at, status, duration_ms, error, instance)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const delivered = db.prepare(`
    UPDATE webhook_outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?,
      last_error = NULL, claimed_by = NULL, claimed_until = NULL WHERE id = ?`);
  const failed = db.prepare(`
    UPDATE webhook_outbox SET state = ?, attempts = attempts + 1, last_error = ?, last_endpoint = ?,
      next_attempt_at = ?, delivered_to = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?`);
  const requeue = db.prepare(`
    UPDATE webhook_outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, delivered_at = NULL,
      delivered_to = CASE WHEN state = 'delivered' THEN '[]' ELSE delivered_to END, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND state <> 'pending'`);
  const requeueDead = db.prepare(`
    UPDATE webhook_outbox SET state = 'pending', attempts = 0, next_attempt_at = ?,
      claimed_by = NULL, claimed_until = NULL WHERE state = 'dead'`);
  const attempts = db.prepare<[string], AttemptRow>(
    'SELECT * FROM webhook_attempts WHERE event_id = ? ORDER BY id',
  );
  const openOrders = db.prepare<[string, number], OrderRow>(`
    ${ORDER_SELECT} WHERE o.status IN ('created','waiting')
      AND (o.last_checked_at IS NULL OR o.last_checked_at < ?)
    ORDER BY COALESCE(o.last_checked_at, ''), o.seq LIMIT ?`);
  const markChecked = db.prepare('UPDATE orders SET last_checked_at = ? WHERE id = ?');

  return {
    claimWebhooks: db.transaction(
      (now: string, limit: number, leaseUntil: string, instance: string): WebhookEvent[] => {
        const rows = due.all(now, now, limit);
        for (const row of rows) claim.run(instance, leaseUntil, row.id);
        return rows.map(toWebhook);
      },
    ),
    settleWebhook: db.transaction(
      (id: string, s: WebhookSettlement, tried: readonly WebhookAttempt[]): void => {
        for (const a of tried)
          insertAttempt.run(
            id,
            a.endpoint,
            a.at,
            a.status ?? null,
            a.durationMs,
            a.error ?? null,
            a.instance,
          );
        if (s.kind === 'delivered') delivered.run(s.at, id);
        else
          failed.run(
            s.kind === 'dead' ? 'dead' : 'pending',
            s.error,
            s.endpoint,
            s.nextAttemptAt,
            JSON.stringify(s.deliveredTo),
            id,
          );
      },
    ),
    getWebhook: (id: string) => {
      const row = byId.get(id);
      return row ? toWebhook(row) : undefined;
    },
    listWebhookAttempts: (id: string) => attempts.all(id).map(toAttempt),
    listWebhooks(query: WebhookQuery): WebhookEvent[] {
      const clauses: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        clauses.push(clause);
        params.push(value);
      };
      if (query.orderId !== undefined) add('order_id = ?', query.orderId);
      if (query.state !== undefined) add('state = ?', query.state);
      // Keyset pagination: strictly older than the given event (insertion order).
      if (query.before !== undefined)
        add('seq < COALESCE((SELECT seq FROM webhook_outbox WHERE id = ?), 0)', query.before);
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const rows = db
        .prepare(`SELECT * FROM webhook_outbox ${where} ORDER BY seq DESC LIMIT ?`)
        .all(...params, query.limit) as WebhookRow[];
      return rows.map(toWebhook);
    },
    requeueWebhook: db.transaction((id: string, at: string): WebhookEvent | undefined => {
      requeue.run(at, id);
      const row = byId.get(id);
      return row ? toWebhook(row) : undefined;
    }),
    requeueDeadWebhooks: (at: string): number => requeueDead.run(at).changes,
    claimOpenOrders: db.transaction((limit: number, checkedBefore: string, at: string) => {
      const rows = openOrders.all(checkedBefore, limit);
      for (const row of rows) markChecked.run(at, row.id);
      return rows.map((row) => toOrder({ ...row, last_checked_at: at }));
    }),
  };
}
