// The ledger's repository port on one SQLite file through better-sqlite3: SQL only, no rule. Each
// transaction is BEGIN IMMEDIATE … COMMIT, so a crash (even SIGKILL or power loss, with
// synchronous=FULL) leaves all of it or none of it. better-sqlite3 is synchronous and the port is
// async, so transactions take turns through a queue: one connection never interleaves two of them.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LedgerRepository, RepositoryTransaction } from '../../ledger/index.js';
import { applyMigrations } from './migrations.js';
import { toEvent, toNotification, toOrder, toRefund, type NotificationRow } from './sqlite-rows.js';
import { outboxQueries } from './sqlite-outbox.js';
import { listQueries, prepareStatements } from './sqlite-statements.js';

export function openSqliteRepository(path: string): LedgerRepository {
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
  const outbox = outboxQueries(db);

  const getOrder = async (id: string) => {
    const row = q.order.get(id);
    return row ? toOrder(row) : undefined;
  };
  const getRefund = async (orderId: string, refundId: string) => {
    const row = q.refund.get(orderId, refundId);
    return row ? toRefund(row) : undefined;
  };

  const tx: RepositoryTransaction = {
    getOrder,
    getRefund,
    insertOrder: async (order) =>
      q.insertOrder.run({
        ...order,
        payerPhone: order.payerPhone ?? null,
        successUrl: order.successUrl ?? null,
        failUrl: order.failUrl ?? null,
        paySource: order.paySource ?? null,
        redirect: JSON.stringify(order.redirect),
      }).changes > 0,
    setOrderStatus: async (id, status, at) => void q.setStatus.run(status, at, id),
    insertEvent: async (e) =>
      void q.insertEvent.run(e.orderId, e.from, e.to, e.source, e.at, e.detail ?? null, e.actor ?? null),
    insertNotification: async (input) => {
      const { lastInsertRowid } = q.insertNotification.run(
        input.receivedAt,
        input.protocol,
        input.rawBody,
        JSON.stringify(input.headers),
        input.remoteAddress ?? null,
        input.billId ?? null,
        input.status ?? null,
        input.verdict,
        input.reason ?? null,
        input.resultCode,
        Buffer.byteLength(input.rawBody),
      );
      return toNotification(q.notification.get(lastInsertRowid) as NotificationRow);
    },
    insertRejectedRequest: async (r) => {
      const { lastInsertRowid } = q.insertRejectedRequest.run(
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
      );
      return toNotification(q.notification.get(lastInsertRowid) as NotificationRow);
    },
    countRejection: async (resultCode, at) => void q.countRejection.run(resultCode, at),
    pruneRejectedRequests: async (keepNewest, receivedBefore) =>
      q.pruneRejected.run(receivedBefore, keepNewest).changes,
    insertRefund: async (r) =>
      q.insertRefund.run(r.orderId, r.refundId, r.amount, r.status, r.error, r.createdAt, r.updatedAt)
        .changes > 0,
    updateRefund: async (orderId, refundId, c) =>
      void q.updateRefund.run(c.status, c.error, c.at, orderId, refundId),
    enqueueWebhook: async (e) =>
      void q.insertWebhook.run(e.id, e.type, e.orderId, e.payload, e.createdAt, e.createdAt),
  };

  // One transaction (or single write) at a time on this connection.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  let open = true;
  return {
    transaction: (work) =>
      exclusive(async () => {
        db.prepare('BEGIN IMMEDIATE').run();
        try {
          const result = await work(tx);
          db.prepare('COMMIT').run();
          return result;
        } catch (error) {
          if (db.inTransaction) db.prepare('ROLLBACK').run();
          throw error;
        }
      }),
    getOrder,
    listOrders: async (query) => list.orders(query),
    listOpenOrders: async (limit, checkedBefore) => list.openOrders(limit, checkedBefore),
    markChecked: (id, at) => exclusive(async () => void q.markChecked.run(at, id)),
    listEvents: async (orderId) => q.events.all(orderId).map(toEvent),
    listNotifications: async (query) => list.notifications(query),
    rejectionCounts: async () =>
      q.rejectionCounts.all().map((r) => ({ resultCode: r.result_code, count: r.count, lastAt: r.last_at })),
    getRefund,
    listRefunds: async (orderId) => q.refunds.all(orderId).map(toRefund),
    listRefundsByStatus: async (status, limit) => q.refundsByStatus.all(status, limit).map(toRefund),
    claimOpenOrders: (limit, checkedBefore, at) =>
      exclusive(async () => outbox.claimOpenOrders.immediate(limit, checkedBefore, at)),
    claimWebhooks: (now, limit, leaseUntil, instance) =>
      exclusive(async () => outbox.claimWebhooks.immediate(now, limit, leaseUntil, instance)),
    settleWebhook: (id, settlement, attempts) =>
      exclusive(async () => outbox.settleWebhook.immediate(id, settlement, attempts)),
    getWebhook: async (id) => outbox.getWebhook(id),
    listWebhookAttempts: async (id) => outbox.listWebhookAttempts(id),
    listWebhooks: async (query) => outbox.listWebhooks(query),
    requeueWebhook: (id, at) => exclusive(async () => outbox.requeueWebhook.immediate(id, at)),
    requeueDeadWebhooks: (at) => exclusive(async () => outbox.requeueDeadWebhooks(at)),
    close: () =>
      exclusive(async () => {
        if (open) db.close();
        open = false;
      }),
  };
}
