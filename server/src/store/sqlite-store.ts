// The embedded ledger: the Store contract on one SQLite file through better-sqlite3. Every method that
// writes more than one row does so inside one IMMEDIATE transaction, so a crash (even SIGKILL or power
// loss, with synchronous=FULL) leaves either all of it or none of it.

import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { decideTransition, isFinal } from '../orders/order-status.js';
import { buildWebhookPayload, orderWebhookType } from '../webhooks/webhook-payload.js';
import { applyMigrations } from './migrations.js';
import {
  toEvent,
  toNotification,
  toOrder,
  toRefund,
  toWebhook,
  type NotificationRow,
  type RefundRow,
} from './sqlite-rows.js';
import { listQueries, prepareStatements } from './sqlite-statements.js';
import type { ApplyResult, Order, Refund, StatusChange, Store, WebhookType } from './store.js';

export interface SqliteStoreOptions {
  /** When webhooks are queued; defaults to the wall clock. */
  readonly clock?: () => Date;
  /** Webhook event ids; defaults to random UUIDs. */
  readonly newId?: () => string;
}

/** A write the ledger refuses because its caller broke the contract (e.g. an unknown order id). */
export class LedgerError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
  }
}

export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): Store {
  const clock = opts.clock ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged notification must survive power loss, not only a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db);

  const q = prepareStatements(db);
  const list = listQueries(db);

  function orderOrThrow(id: string): Order {
    const row = q.order.get(id);
    if (!row)
      throw new LedgerError('order_not_found', `no order ${id} in the ledger; insert the order first`);
    return toOrder(row);
  }

  function queueWebhook(type: WebhookType, order: Order, refund?: Refund): void {
    const id = newId();
    const at = clock().toISOString();
    const payload = JSON.stringify(buildWebhookPayload(type, at, order, refund));
    q.insertWebhook.run(id, type, order.id, payload, at, at);
  }

  // Runs inside a caller's transaction: order row, event and (final status) webhook together.
  function applyInside(orderId: string, change: StatusChange): ApplyResult {
    const before = orderOrThrow(orderId);
    const verdict = decideTransition(before.status, change.to);
    if (verdict.kind === 'same')
      return { order: before, outcome: 'same', reason: `already ${before.status}` };
    if (verdict.kind === 'refused') return { order: before, outcome: 'refused', reason: verdict.reason };
    q.setStatus.run(change.to, change.at, orderId);
    q.insertEvent.run(orderId, before.status, change.to, change.source, change.at, change.detail ?? null);
    const order = orderOrThrow(orderId);
    const type = isFinal(order.status) ? orderWebhookType(order.status) : undefined;
    if (type) queueWebhook(type, order);
    return { order, outcome: 'change' };
  }

  const write = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const tx = db.transaction(fn);
    return (...args: A): R => tx.immediate(...args);
  };

  const insertOrder = write((order: Parameters<Store['insertOrder']>[0]) => {
    const { changes } = q.insertOrder.run({
      ...order,
      payerPhone: order.payerPhone ?? null,
      successUrl: order.successUrl ?? null,
      failUrl: order.failUrl ?? null,
      paySource: order.paySource ?? null,
      redirect: JSON.stringify(order.redirect),
    });
    if (changes > 0)
      q.insertEvent.run(order.id, null, order.status, 'checkout', order.createdAt, 'order created');
    return { order: orderOrThrow(order.id), inserted: changes > 0 };
  });

  const recordNotification = write((...[input, change]: Parameters<Store['recordNotification']>) => {
    const applied = change ? applyInside(change.orderId, change.change) : undefined;
    const verdict = applied ? (applied.outcome === 'change' ? 'accepted' : 'duplicate') : input.verdict;
    const reason = applied && applied.outcome !== 'change' ? applied.reason : input.reason;
    const { lastInsertRowid } = q.insertNotification.run(
      input.receivedAt,
      input.protocol,
      input.rawBody,
      JSON.stringify(input.headers),
      input.remoteAddress ?? null,
      input.billId ?? null,
      input.status ?? null,
      verdict,
      reason ?? null,
      input.resultCode,
    );
    const record = toNotification(q.notification.get(lastInsertRowid) as NotificationRow);
    return applied ? { record, applied } : { record };
  });

  const insertRefund = write((refund: Parameters<Store['insertRefund']>[0]) => {
    const order = orderOrThrow(refund.orderId);
    const { changes } = q.insertRefund.run(
      refund.orderId,
      refund.refundId,
      refund.amount,
      refund.status,
      refund.error,
      refund.createdAt,
      refund.createdAt,
    );
    const stored = toRefund(q.refund.get(refund.orderId, refund.refundId) as RefundRow);
    if (changes > 0) queueWebhook('refund.updated', orderOrThrow(order.id), stored);
    return { refund: stored, inserted: changes > 0 };
  });

  const updateRefund = write(
    (...[orderId, refundId, status, error, at]: Parameters<Store['updateRefund']>) => {
      const before = q.refund.get(orderId, refundId);
      if (!before) return undefined;
      if (before.status === status && before.error === error) return toRefund(before);
      q.updateRefund.run(status, error, at, orderId, refundId);
      const refund = toRefund(q.refund.get(orderId, refundId) as RefundRow);
      queueWebhook('refund.updated', orderOrThrow(orderId), refund);
      return refund;
    },
  );

  const applyStatus = write(applyInside);
  let open = true;

  return {
    insertOrder: async (order) => insertOrder(order),
    getOrder: async (id) => {
      const row = q.order.get(id);
      return row ? toOrder(row) : undefined;
    },
    listOrders: async (query) => list.orders(query),
    listOpenOrders: async (limit, checkedBefore) => list.openOrders(limit, checkedBefore),
    markChecked: async (id, at) => void q.markChecked.run(at, id),
    applyStatus: async (orderId, change) => applyStatus(orderId, change),
    listEvents: async (orderId) => q.events.all(orderId).map(toEvent),
    recordNotification: async (input, change) => recordNotification(input, change),
    listNotifications: async (query) => list.notifications(query),
    insertRefund: async (refund) => insertRefund(refund),
    updateRefund: async (orderId, refundId, status, error, at) =>
      updateRefund(orderId, refundId, status, error, at),
    getRefund: async (orderId, refundId) => {
      const row = q.refund.get(orderId, refundId);
      return row ? toRefund(row) : undefined;
    },
    listRefunds: async (orderId) => q.refunds.all(orderId).map(toRefund),
    listRefundsByStatus: async (status, limit) => q.refundsByStatus.all(status, limit).map(toRefund),
    dueWebhooks: async (now, limit) => q.dueWebhooks.all(now, limit).map(toWebhook),
    markWebhookDelivered: async (id, at) => void q.delivered.run(at, id),
    markWebhookFailed: async (id, error, nextAttemptAt) => void q.failed.run(error, nextAttemptAt, id),
    listWebhooks: async (query) => list.webhooks(query),
    close: async () => {
      if (open) db.close();
      open = false;
    },
  };
}
