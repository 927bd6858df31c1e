// The ledger's repository port on PostgreSQL through pg: SQL only, no rule. Each transaction runs on
// one pooled connection (READ COMMITTED); a transaction's getOrder locks the order row (FOR UPDATE), so
// transactions about one order — on this instance or any other — take turns and see each other's
// writes. Claims of outbox events and open orders use FOR UPDATE SKIP LOCKED: instances never wait for
// each other there and never take the same row.

import type pg from 'pg';
import type { LedgerRepository, RepositoryTransaction } from '../../ledger/index.js';
import {
  toEvent,
  toNotification,
  toOrder,
  toRefund,
  type EventRow,
  type NotificationRow,
  type OrderRow,
  type RefundRow,
} from '../sqlite/sqlite-rows.js';
import { applyPgMigrations } from './pg-migrations.js';
import { pgOutbox } from './pg-outbox.js';
import { createPgPool } from './pg-pool.js';
import { PG_ORDER_SELECT, Where } from './pg-queries.js';

type Db = pg.Pool | pg.PoolClient;

/** deadlock_detected, serialization_failure: the transaction is run again (bounded). */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_TRIES = 3;

export interface PgRepositoryOptions {
  readonly poolSize?: number;
}

export async function openPgRepository(
  url: string,
  options: PgRepositoryOptions = {},
): Promise<LedgerRepository> {
  const pool = createPgPool(url, options.poolSize ?? 10);
  try {
    await applyPgMigrations(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const rows = async <R extends pg.QueryResultRow>(db: Db, sql: string, params: unknown[] = []) =>
    (await db.query<R>(sql, params)).rows;

  const getOrder = async (db: Db, id: string, lock: boolean) => {
    // Lock first, read after: under READ COMMITTED a statement that waited for the lock re-reads the
    // locked row but not the refunds its subquery sums, so the totals must come from a later statement.
    if (lock) await db.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [id]);
    const [row] = await rows<OrderRow>(db, `${PG_ORDER_SELECT} WHERE o.id = $1`, [id]);
    return row ? toOrder(row) : undefined;
  };
  const getRefund = async (db: Db, orderId: string, refundId: string, lock: boolean) => {
    const [row] = await rows<RefundRow>(
      db,
      `SELECT * FROM refunds WHERE order_id = $1 AND refund_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [orderId, refundId],
    );
    return row ? toRefund(row) : undefined;
  };

  const txOn = (c: pg.PoolClient): RepositoryTransaction => ({
    getOrder: (id) => getOrder(c, id, true),
    getRefund: (orderId, refundId) => getRefund(c, orderId, refundId, true),
    insertOrder: async (o) =>
      ((
        await c.query(
          `INSERT INTO orders (id, protocol, flow, amount, currency, comment, payer_phone, lifetime, success_url,
                               fail_url, pay_source, origin, redirect, status, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
           ON CONFLICT (id) DO NOTHING`,
          [
            o.id,
            o.protocol,
            o.flow,
            o.amount,
            o.currency,
            o.comment,
            o.payerPhone ?? null,
            o.lifetime,
            o.successUrl ?? null,
            o.failUrl ?? null,
            o.paySource ?? null,
            o.origin,
            JSON.stringify(o.redirect),
            o.status,
            o.createdAt,
          ],
        )
      ).rowCount ?? 0) > 0,
    setOrderStatus: async (id, status, at) =>
      void (await c.query('UPDATE orders SET status = $1, updated_at = $2 WHERE id = $3', [status, at, id])),
    insertEvent: async (e) =>
      void (await c.query(
        'INSERT INTO order_events (order_id, from_status, to_status, source, at, detail, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [e.orderId, e.from, e.to, e.source, e.at, e.detail ?? null, e.actor ?? null],
      )),
    insertNotification: async (n) => {
      const [row] = await rows<NotificationRow>(
        c,
        `INSERT INTO notifications (received_at, protocol, raw_body, headers, remote_address, bill_id, status,
                                    verdict, reason, result_code, body_size)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [
          n.receivedAt,
          n.protocol,
          n.rawBody,
          JSON.stringify(n.headers),
          n.remoteAddress ?? null,
          n.billId ?? null,
          n.status ?? null,
          n.verdict,
          n.reason ?? null,
          n.resultCode,
          Buffer.byteLength(n.rawBody),
        ],
      );
      return toNotification(row as NotificationRow);
    },
    insertRejectedRequest: async (r) => {
      const [row] = await rows<NotificationRow>(
        c,
        `INSERT INTO notifications (received_at, protocol, remote_address, bill_id, status, verdict, reason,
                                    result_code, authenticated, body_size, body_sha256, body_prefix)
         VALUES ($1, $2, $3, $4, $5, 'rejected', $6, $7, 0, $8, $9, $10) RETURNING *`,
        [
          r.receivedAt,
          r.protocol,
          r.source ?? null,
          r.billId ?? null,
          r.status ?? null,
          r.reason,
          r.resultCode,
          r.size,
          r.sha256,
          r.prefix,
        ],
      );
      return toNotification(row as NotificationRow);
    },
    countRejection: async (resultCode, at) =>
      void (await c.query(
        `INSERT INTO notification_rejections (result_code, count, last_at) VALUES ($1, 1, $2)
         ON CONFLICT (result_code) DO UPDATE
           SET count = notification_rejections.count + 1, last_at = excluded.last_at`,
        [resultCode, at],
      )),
    pruneRejectedRequests: async (keepNewest, receivedBefore) =>
      (
        await c.query(
          `DELETE FROM notifications WHERE authenticated = 0 AND (received_at < $1 OR id <= COALESCE(
             (SELECT id FROM notifications WHERE authenticated = 0 ORDER BY id DESC LIMIT 1 OFFSET $2), 0))`,
          [receivedBefore, keepNewest],
        )
      ).rowCount ?? 0,
    insertRefund: async (r) =>
      ((
        await c.query(
          `INSERT INTO refunds (order_id, refund_id, amount, status, error, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_id, refund_id) DO NOTHING`,
          [r.orderId, r.refundId, r.amount, r.status, r.error, r.createdAt, r.updatedAt],
        )
      ).rowCount ?? 0) > 0,
    updateRefund: async (orderId, refundId, ch) =>
      void (await c.query(
        'UPDATE refunds SET status = $1, error = $2, updated_at = $3 WHERE order_id = $4 AND refund_id = $5',
        [ch.status, ch.error, ch.at, orderId, refundId],
      )),
    enqueueWebhook: async (e) =>
      void (await c.query(
        `INSERT INTO webhook_outbox (id, type, order_id, payload, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $5)`,
        [e.id, e.type, e.orderId, e.payload, e.createdAt],
      )),
  });

  async function transaction<T>(work: (tx: RepositoryTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(txOn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (attempt >= MAX_TRIES || !code || !RETRYABLE.has(code)) throw error;
      } finally {
        client.release();
      }
    }
  }

  const outbox = pgOutbox(pool);
  return {
    transaction,
    getOrder: (id) => getOrder(pool, id, false),
    async listOrders({ status, before, limit }) {
      const where = new Where();
      if (status && status.length > 0) where.add('o.status = ANY(?)', [...status]);
      // Keyset pagination: strictly older than the given order (insertion order).
      if (before !== undefined)
        where.add('o.seq < COALESCE((SELECT seq FROM orders WHERE id = ?), 0)', before);
      const sql = `${PG_ORDER_SELECT} ${where.sql} ORDER BY o.seq DESC LIMIT ${where.next(limit)}`;
      return (await rows<OrderRow>(pool, sql, where.params)).map(toOrder);
    },
    listOpenOrders: async (limit, checkedBefore) =>
      (
        await rows<OrderRow>(
          pool,
          `${PG_ORDER_SELECT} WHERE o.status IN ('created','waiting')
             AND (o.last_checked_at IS NULL OR o.last_checked_at < $1)
           ORDER BY COALESCE(o.last_checked_at, ''), o.seq LIMIT $2`,
          [checkedBefore, limit],
        )
      ).map(toOrder),
    claimOpenOrders: outbox.claimOpenOrders,
    markChecked: async (id, at) =>
      void (await pool.query('UPDATE orders SET last_checked_at = $1 WHERE id = $2', [at, id])),
    listEvents: async (orderId) =>
      (
        await rows<EventRow>(pool, 'SELECT * FROM order_events WHERE order_id = $1 ORDER BY id', [orderId])
      ).map(toEvent),
    async listNotifications(query) {
      const where = new Where();
      if (query.before !== undefined) where.add('id < ?', query.before);
      if (query.orderId !== undefined) where.add('bill_id = ?', query.orderId);
      if (query.verdict !== undefined) where.add('verdict = ?', query.verdict);
      const sql = `SELECT * FROM notifications ${where.sql} ORDER BY id DESC LIMIT ${where.next(query.limit)}`;
      return (await rows<NotificationRow>(pool, sql, where.params)).map(toNotification);
    },
    rejectionCounts: async () =>
      (
        await rows<{ result_code: number; count: number; last_at: string }>(
          pool,
          'SELECT * FROM notification_rejections ORDER BY result_code',
        )
      ).map((r) => ({ resultCode: r.result_code, count: r.count, lastAt: r.last_at })),
    getRefund: (orderId, refundId) => getRefund(pool, orderId, refundId, false),
    listRefunds: async (orderId) =>
      (
        await rows<RefundRow>(pool, 'SELECT * FROM refunds WHERE order_id = $1 ORDER BY created_at, seq', [
          orderId,
        ])
      ).map(toRefund),
    listRefundsByStatus: async (status, limit) =>
      (
        await rows<RefundRow>(
          pool,
          'SELECT * FROM refunds WHERE status = $1 ORDER BY updated_at, seq LIMIT $2',
          [status, limit],
        )
      ).map(toRefund),
    claimWebhooks: outbox.claimWebhooks,
    settleWebhook: outbox.settleWebhook,
    getWebhook: outbox.getWebhook,
    listWebhookAttempts: outbox.listWebhookAttempts,
    listWebhooks: outbox.listWebhooks,
    requeueWebhook: outbox.requeueWebhook,
    requeueDeadWebhooks: outbox.requeueDeadWebhooks,
    close: () => pool.end(),
  };
}
