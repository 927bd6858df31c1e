// Every SQL statement of the SQLite ledger, prepared once per connection, and the list queries whose
// WHERE clause depends on the filters given. sqlite-repository.ts runs them for the port.

import type Database from 'better-sqlite3';
import {
  ORDER_SELECT,
  toNotification,
  toOrder,
  type EventRow,
  type NotificationRow,
  type OrderRow,
  type RefundRow,
} from './sqlite-rows.js';
import type { NotificationVerdict, OrderQuery } from '../../ledger/index.js';

type Stmt<P extends unknown[] = unknown[], R = unknown> = Database.Statement<P, R>;

export interface Statements {
  readonly order: Stmt<[string], OrderRow>;
  readonly insertOrder: Stmt;
  readonly setStatus: Stmt;
  readonly markChecked: Stmt;
  readonly insertEvent: Stmt;
  readonly events: Stmt<[string], EventRow>;
  readonly insertNotification: Stmt;
  readonly notification: Stmt<[number | bigint], NotificationRow>;
  readonly insertRejectedRequest: Stmt;
  readonly countRejection: Stmt;
  readonly pruneRejected: Stmt;
  readonly rejectionCounts: Stmt<[], { result_code: number; count: number; last_at: string }>;
  readonly refund: Stmt<[string, string], RefundRow>;
  readonly insertRefund: Stmt;
  readonly updateRefund: Stmt;
  readonly refunds: Stmt<[string], RefundRow>;
  readonly refundsByStatus: Stmt<[string, number], RefundRow>;
  readonly insertWebhook: Stmt;
}

export function prepareStatements(db: Database.Database): Statements {
  return {
    order: db.prepare<[string], OrderRow>(`${ORDER_SELECT} WHERE o.id = ?`),
    insertOrder: db.prepare(`
      INSERT INTO orders (id, protocol, flow, amount, currency, comment, payer_phone, lifetime, success_url,
                          fail_url, pay_source, origin, redirect, status, created_at, updated_at)
      VALUES (@id, @protocol, @flow, @amount, @currency, @comment, @payerPhone, @lifetime, @successUrl,
              @failUrl, @paySource, @origin, @redirect, @status, @createdAt, @createdAt)
      ON CONFLICT (id) DO NOTHING`),
    setStatus: db.prepare('UPDATE orders SET status = ?, updated_at = ? WHERE id = ?'),
    markChecked: db.prepare('UPDATE orders SET last_checked_at = ? WHERE id = ?'),
    insertEvent: db.prepare(
      'INSERT INTO order_events (order_id, from_status, to_status, source, at, detail, actor) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    events: db.prepare<[string], EventRow>('SELECT * FROM order_events WHERE order_id = ? ORDER BY id'),
    insertNotification: db.prepare(`
      INSERT INTO notifications (received_at, protocol, raw_body, headers, remote_address, bill_id, status,
                                 verdict, reason, result_code, body_size)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertRejectedRequest: db.prepare(`
      INSERT INTO notifications (received_at, protocol, remote_address, bill_id, status, verdict, reason,
                                 result_code, authenticated, body_size, body_sha256, body_prefix)
      VALUES (?, ?, ?, ?, ?, 'rejected', ?, ?, 0, ?, ?, ?)`),
    countRejection: db.prepare(`
      INSERT INTO notification_rejections (result_code, count, last_at) VALUES (?, 1, ?)
      ON CONFLICT (result_code) DO UPDATE SET count = count + 1, last_at = excluded.last_at`),
    pruneRejected: db.prepare(`
      DELETE FROM notifications WHERE authenticated = 0 AND (received_at < ? OR id <= COALESCE(
        (SELECT id FROM notifications WHERE authenticated = 0 ORDER BY id DESC LIMIT 1 OFFSET ?), 0))`),
    rejectionCounts: db.prepare<[], { result_code: number; count: number; last_at: string }>(
      'SELECT * FROM notification_rejections ORDER BY result_code',
    ),
    notification: db.prepare<[number | bigint], NotificationRow>('SELECT * FROM notifications WHERE id = ?'),
    refund: db.prepare<[string, string], RefundRow>(
      'SELECT * FROM refunds WHERE order_id = ? AND refund_id = ?',
    ),
    insertRefund: db.prepare(`
      INSERT INTO refunds (order_id, refund_id, amount, status, error, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, refund_id) DO NOTHING`),
    updateRefund: db.prepare(
      'UPDATE refunds SET status = ?, error = ?, updated_at = ? WHERE order_id = ? AND refund_id = ?',
    ),
    refunds: db.prepare<[string], RefundRow>(
      'SELECT * FROM refunds WHERE order_id = ? ORDER BY created_at, rowid',
    ),
    refundsByStatus: db.prepare<[string, number], RefundRow>(
      'SELECT * FROM refunds WHERE status = ? ORDER BY updated_at, rowid LIMIT ?',
    ),
    insertWebhook: db.prepare(`
      INSERT INTO webhook_outbox (id, type, order_id, payload, created_at, next_attempt_at)
      VALUES (?, ?, ?, ?, ?, ?)`),
  };
}

/** WHERE from [clause, its parameters] pairs; an empty list selects everything. */
function where(conditions: [clause: string, params: unknown[]][]): { sql: string; params: unknown[] } {
  return {
    sql: conditions.length ? 'WHERE ' + conditions.map(([c]) => c).join(' AND ') : '',
    params: conditions.flatMap(([, p]) => p),
  };
}

export function listQueries(db: Database.Database) {
  const openOrders = db.prepare<[string, number], OrderRow>(`
    ${ORDER_SELECT} WHERE o.status IN ('created','waiting')
      AND (o.last_checked_at IS NULL OR o.last_checked_at < ?)
    ORDER BY COALESCE(o.last_checked_at, ''), o.seq LIMIT ?`);
  return {
    orders({ status, before, limit }: OrderQuery) {
      const conditions: [string, unknown[]][] = [];
      if (status && status.length > 0)
        conditions.push([`o.status IN (${status.map(() => '?').join(',')})`, [...status]]);
      // Keyset pagination: strictly older than the given order (insertion order).
      if (before !== undefined)
        conditions.push(['o.seq < COALESCE((SELECT seq FROM orders WHERE id = ?), 0)', [before]]);
      const { sql, params } = where(conditions);
      const rows = db.prepare(`${ORDER_SELECT} ${sql} ORDER BY o.seq DESC LIMIT ?`).all(...params, limit);
      return (rows as OrderRow[]).map(toOrder);
    },
    openOrders: (limit: number, checkedBefore: string) => openOrders.all(checkedBefore, limit).map(toOrder),
    notifications(query: {
      orderId?: string;
      verdict?: NotificationVerdict;
      limit: number;
      before?: number;
    }) {
      const conditions: [string, unknown[]][] = [];
      if (query.before !== undefined) conditions.push(['id < ?', [query.before]]);
      if (query.orderId !== undefined) conditions.push(['bill_id = ?', [query.orderId]]);
      if (query.verdict !== undefined) conditions.push(['verdict = ?', [query.verdict]]);
      const { sql, params } = where(conditions);
      const rows = db
        .prepare(`SELECT * FROM notifications ${sql} ORDER BY id DESC LIMIT ?`)
        .all(...params, query.limit);
      return (rows as NotificationRow[]).map(toNotification);
    },
  };
}
