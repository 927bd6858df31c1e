// The ledger's repository port on one SQLite file through better-sqlite3: SQL only, no rule. Each
// transaction runs inside a BEGIN IMMEDIATE … COMMIT (shared with the others asked for at the same
// time: group-commit.ts, each in its own savepoint), so a crash (even SIGKILL or power loss, with
// synchronous=FULL) leaves all of it or none of it, and no caller hears of it before the COMMIT.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LedgerRepository, RepositoryTransaction } from '../../ledger/index.js';
import { createGroupCommit, type GroupCommit, type GroupCommitOptions } from './group-commit.js';
import { applyMigrations } from './migrations.js';
import { toEvent, toNotification, toOrder, toRefund, type NotificationRow } from './sqlite-rows.js';
import { outboxQueries } from './sqlite-outbox.js';
import { listQueries, prepareStatements } from './sqlite-statements.js';

export interface SqliteRepositoryOptions extends GroupCommitOptions {
  /**
   * Reads only, through one read-only connection, on a file another connection has migrated (the
   * ledger's writer thread, ledger-writer-thread.ts); every write is refused.
   */
  readonly readOnly?: boolean;
}

export function openSqliteRepository(path: string, options: SqliteRepositoryOptions = {}): LedgerRepository {
  const memory = path === ':memory:' || path === '';
  if (options.readOnly && memory)
    throw new Error('an in-memory SQLite database cannot be opened read-only by a second connection');
  if (!memory && !options.readOnly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, options.readOnly ? { readonly: true, fileMustExist: true } : {});
  db.pragma('busy_timeout = 5000');
  if (!options.readOnly) {
    db.pragma('journal_mode = WAL');
    // FULL: an acknowledged notification must survive power loss, not only a process crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db);
  }

  // Reads outside a transaction go through a second connection, which sees only committed data: while
  // a group is open on the writer, nobody is shown a write that is not durable yet. (An in-memory
  // database exists once per connection, so it reads through the writer.)
  const reader = memory || options.readOnly ? db : new Database(path, { readonly: true });
  if (reader !== db) reader.pragma('busy_timeout = 5000');
  const q = prepareStatements(db);
  const r = reader === db ? q : prepareStatements(reader);
  const list = listQueries(reader);
  const outbox = outboxQueries(db);
  const readOutbox = reader === db ? outbox : outboxQueries(reader);

  const readOrder = (statements: typeof q) => async (id: string) => {
    const row = statements.order.get(id);
    return row ? toOrder(row) : undefined;
  };
  const readRefund = (statements: typeof q) => async (orderId: string, refundId: string) => {
    const row = statements.refund.get(orderId, refundId);
    return row ? toRefund(row) : undefined;
  };
  const getOrder = readOrder(r);
  const getRefund = readRefund(r);

  const tx: RepositoryTransaction = {
    getOrder: readOrder(q),
    getRefund: readRefund(q),
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

  // Every write, a ledger transaction or a single update, goes through the group commit: one at a
  // time on this connection, many per disk sync (group-commit.ts).
  const group = options.readOnly ? refuseWrites(path) : createGroupCommit(db, options);

  let open = true;
  return {
    transaction: (work) => group.run(() => work(tx)),
    getOrder,
    listOrders: async (query) => list.orders(query),
    listOpenOrders: async (limit, checkedBefore) => list.openOrders(limit, checkedBefore),
    markChecked: (id, at) => group.run(() => void q.markChecked.run(at, id)),
    listEvents: async (orderId) => r.events.all(orderId).map(toEvent),
    listNotifications: async (query) => list.notifications(query),
    rejectionCounts: async () =>
      r.rejectionCounts.all().map((c) => ({ resultCode: c.result_code, count: c.count, lastAt: c.last_at })),
    getRefund,
    listRefunds: async (orderId) => r.refunds.all(orderId).map(toRefund),
    listRefundsByStatus: async (status, limit) => r.refundsByStatus.all(status, limit).map(toRefund),
    // A claim inside a group is a savepoint of the group's BEGIN IMMEDIATE, which holds the file's one
    // write lock: two instances sharing the file still never claim the same row.
    claimOpenOrders: (limit, checkedBefore, at) =>
      group.run(() => outbox.claimOpenOrders.immediate(limit, checkedBefore, at)),
    claimWebhooks: (now, limit, leaseUntil, instance) =>
      group.run(() => outbox.claimWebhooks.immediate(now, limit, leaseUntil, instance)),
    settleWebhook: (id, settlement, attempts) =>
      group.run(() => outbox.settleWebhook.immediate(id, settlement, attempts)),
    getWebhook: async (id) => readOutbox.getWebhook(id),
    listWebhookAttempts: async (id) => readOutbox.listWebhookAttempts(id),
    listWebhooks: async (query) => readOutbox.listWebhooks(query),
    requeueWebhook: (id, at) => group.run(() => outbox.requeueWebhook.immediate(id, at)),
    requeueDeadWebhooks: (at) => group.run(() => outbox.requeueDeadWebhooks(at)),
    close: async () => {
      await group.drain();
      if (open) {
        if (reader !== db) reader.close();
        db.close();
      }
      open = false;
    },
  };
}

/** The group commit of a read-only repository: every write is refused, saying where writes go. */
function refuseWrites(path: string): GroupCommit {
  return {
    run: () =>
      Promise.reject(
        new Error(`${path} is open read-only here; the ledger's writes go through its writer thread`),
      ),
    drain: async () => undefined,
  };
}
