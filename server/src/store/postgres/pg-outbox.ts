// The webhook outbox and the reconciler's claims on PostgreSQL. Claims take rows with
// FOR UPDATE SKIP LOCKED and mark them in the same statement or transaction, so two instances
// claiming at once get disjoint sets and neither waits for the other.

import type pg from 'pg';
import type { LedgerRepository, WebhookAttempt, WebhookSettlement } from '../../ledger/index.js';
import {
  toAttempt,
  toOrder,
  toWebhook,
  type AttemptRow,
  type OrderRow,
  type WebhookRow,
} from '../sqlite/sqlite-rows.js';
import { PG_ORDER_SELECT, Where } from './pg-queries.js';

type Outbox = Pick<
  LedgerRepository,
  | 'claimWebhooks'
  | 'settleWebhook'
  | 'getWebhook'
  | 'listWebhookAttempts'
  | 'listWebhooks'
  | 'requeueWebhook'
  | 'requeueDeadWebhooks'
  | 'claimOpenOrders'
>;

export function pgOutbox(pool: pg.Pool): Outbox {
  const byId = async (db: pg.Pool | pg.PoolClient, id: string) => {
    const { rows } = await db.query<WebhookRow>('SELECT * FROM webhook_outbox WHERE id = $1', [id]);
    return rows[0] ? toWebhook(rows[0]) : undefined;
  };

  // A transaction on a client of our own, for the statements the port's transaction does not cover.
  async function onClient<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return {
    async claimWebhooks(now, limit, leaseUntil, instance) {
      const { rows } = await pool.query<WebhookRow & { seq: number }>(
        `UPDATE webhook_outbox w SET claimed_by = $4, claimed_until = $3
         FROM (SELECT seq FROM webhook_outbox
               WHERE state = 'pending' AND next_attempt_at <= $1
                 AND (claimed_until IS NULL OR claimed_until <= $1)
               ORDER BY next_attempt_at, seq LIMIT $2 FOR UPDATE SKIP LOCKED) due
         WHERE w.seq = due.seq RETURNING w.*`,
        [now, limit, leaseUntil, instance],
      );
      rows.sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.seq - b.seq);
      return rows.map(toWebhook);
    },

    settleWebhook: (id: string, s: WebhookSettlement, tried: readonly WebhookAttempt[]) =>
      onClient(async (c) => {
        for (const a of tried)
          await c.query(
            `INSERT INTO webhook_attempts (event_id, endpoint, at, status, duration_ms, error, instance)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [id, a.endpoint, a.at, a.status ?? null, a.durationMs, a.error ?? null, a.instance],
          );
        if (s.kind === 'delivered')
          await c.query(
            `UPDATE webhook_outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = $1,
               last_error = NULL, claimed_by = NULL, claimed_until = NULL WHERE id = $2`,
            [s.at, id],
          );
        else
          await c.query(
            `UPDATE webhook_outbox SET state = $1, attempts = attempts + 1, last_error = $2, last_endpoint = $3,
               next_attempt_at = $4, delivered_to = $5, claimed_by = NULL, claimed_until = NULL WHERE id = $6`,
            [
              s.kind === 'dead' ? 'dead' : 'pending',
              s.error,
              s.endpoint,
              s.nextAttemptAt,
              JSON.stringify(s.deliveredTo),
              id,
            ],
          );
      }),

    getWebhook: (id) => byId(pool, id),

    listWebhookAttempts: async (id) =>
      (
        await pool.query<AttemptRow>('SELECT * FROM webhook_attempts WHERE event_id = $1 ORDER BY id', [id])
      ).rows.map(toAttempt),

    async listWebhooks(query) {
      const where = new Where();
      if (query.orderId !== undefined) where.add('order_id = ?', query.orderId);
      if (query.state !== undefined) where.add('state = ?', query.state);
      // Keyset pagination: strictly older than the given event (insertion order).
      if (query.before !== undefined)
        where.add('seq < COALESCE((SELECT seq FROM webhook_outbox WHERE id = ?), 0)', query.before);
      const sql = `SELECT * FROM webhook_outbox ${where.sql} ORDER BY seq DESC LIMIT ${where.next(query.limit)}`;
      return (await pool.query<WebhookRow>(sql, where.params)).rows.map(toWebhook);
    },

    requeueWebhook: (id, at) =>
      onClient(async (c) => {
        await c.query(
          `UPDATE webhook_outbox SET state = 'pending', attempts = 0, next_attempt_at = $1, delivered_at = NULL,
             delivered_to = CASE WHEN state = 'delivered' THEN '[]' ELSE delivered_to END, claimed_by = NULL, claimed_until = NULL WHERE id = $2 AND state <> 'pending'`,
          [at, id],
        );
        return byId(c, id);
      }),

    requeueDeadWebhooks: async (at) =>
      (
        await pool.query(
          `UPDATE webhook_outbox SET state = 'pending', attempts = 0, next_attempt_at = $1,
             claimed_by = NULL, claimed_until = NULL WHERE state = 'dead'`,
          [at],
        )
      ).rowCount ?? 0,

    claimOpenOrders: (limit, checkedBefore, at) =>
      onClient(async (c) => {
        const { rows } = await c.query<OrderRow>(
          `${PG_ORDER_SELECT} WHERE o.status IN ('created','waiting')
             AND (o.last_checked_at IS NULL OR o.last_checked_at < $1)
           ORDER BY COALESCE(o.last_checked_at, ''), o.seq LIMIT $2 FOR UPDATE OF o SKIP LOCKED`,
          [checkedBefore, limit],
        );
        await c.query('UPDATE orders SET last_checked_at = $1 WHERE id = ANY($2)', [
          at,
          rows.map((r) => r.id),
        ]);
        return rows.map((row) => toOrder({ ...row, last_checked_at: at }));
      }),
  };
}
