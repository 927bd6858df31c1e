// The ledger owns an order's life. Every operation is ONE transaction through the repository port:
// the rules (status machine, the judgement of QIWI's word, which events reach the merchant) are decided
// here, and the outbox entry is built here, so a second database adapter re-implements no rule.
// Callers — checkout, notifications, orders, admin, reconciler, webhooks — go through the ledger,
// never the repository.

import { randomUUID } from 'node:crypto';
import { judgeQiwiWord } from './judge-qiwi-word.js';
import type { Ledger, WordOutcome } from './ledger-api.js';
import { LedgerError } from './ledger-error.js';
import { formatAmount, minorUnits } from '../qiwi/index.js';
import type { ApplyResult, Order, StatusChange } from './order.js';
import type { RejectedRetention } from './notification-record.js';
import { contradictsFinal, decideTransition, isFinal } from './order-status.js';
import { orderWebhookType, outboxEntry } from './outbox-entry.js';
import type { Refund } from './refund.js';
import { fromStored } from './refunded-amount.js';
import type { LedgerRepository, RepositoryTransaction } from './repository.js';

export interface LedgerOptions {
  readonly repository: LedgerRepository;
  /** When outbox entries are created; defaults to the wall clock. */
  readonly clock?: () => Date;
  /** Outbox event ids; defaults to random UUIDs. */
  readonly newId?: () => string;
  /** How many unauthenticated rejects are kept (REJECTED_NOTIFICATIONS_KEEP / _MAX_AGE_SECONDS). */
  readonly rejectedRetention?: RejectedRetention;
}

export const DEFAULT_REJECTED_RETENTION: RejectedRetention = { keep: 10_000, maxAgeSeconds: 7 * 86_400 };

export function createLedger(options: LedgerOptions): Ledger {
  const { repository } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const retention = options.rejectedRetention ?? DEFAULT_REJECTED_RETENTION;

  const orderIn = async (tx: RepositoryTransaction, id: string): Promise<Order | undefined> => {
    const stored = await tx.getOrder(id);
    return stored ? fromStored(stored) : undefined;
  };

  async function orderOrThrow(tx: RepositoryTransaction, id: string): Promise<Order> {
    const order = await orderIn(tx, id);
    if (!order)
      throw new LedgerError('order_not_found', `no order ${id} in the ledger; insert the order first`);
    return order;
  }

  // Inside a caller's transaction: order row, event and (final status) outbox entry together. `before`
  // was read in this transaction, which locked its row: it is still what the table holds.
  async function applyInside(
    tx: RepositoryTransaction,
    before: Order,
    change: StatusChange,
  ): Promise<ApplyResult> {
    const orderId = before.id;
    const verdict = decideTransition(before.status, change.to);
    if (verdict.kind === 'same')
      return { order: before, outcome: 'same', reason: `already ${before.status}` };
    if (verdict.kind === 'refused') return { order: before, outcome: 'refused', reason: verdict.reason };
    await tx.setOrderStatus(orderId, change.to, change.at);
    await tx.insertEvent({
      orderId,
      from: before.status,
      to: change.to,
      source: change.source,
      at: change.at,
      detail: change.detail,
      actor: change.actor,
    });
    // What the row now holds (setOrderStatus moves these two and nothing else): no query to read it back.
    const order: Order = { ...before, status: change.to, updatedAt: change.at };
    const type = isFinal(order.status) ? orderWebhookType(order.status) : undefined;
    if (type) await tx.enqueueWebhook(outboxEntry(newId(), type, clock().toISOString(), order));
    return { order, outcome: 'change' };
  }

  return {
    placeOrder: (order) =>
      repository.transaction(async (tx) => {
        const inserted = await tx.insertOrder(order);
        if (!inserted) return { order: await orderOrThrow(tx, order.id), inserted };
        await tx.insertEvent({
          orderId: order.id,
          from: null,
          to: order.status,
          source: 'checkout',
          at: order.createdAt,
          detail: 'order created',
        });
        // What the row now holds (the port stores every field as given): no query to read it back.
        const placed: Order = {
          ...order,
          updatedAt: order.createdAt,
          lastCheckedAt: undefined,
          refundedAmount: minorUnits(0),
        };
        return { order: placed, inserted };
      }),

    applyStatus: (orderId, change) =>
      repository.transaction(async (tx) => applyInside(tx, await orderOrThrow(tx, orderId), change)),

    applyQiwiWord: (word, change) =>
      repository.transaction(async (tx): Promise<WordOutcome> => {
        const order = await orderIn(tx, word.billId);
        const judgement = judgeQiwiWord(order, word, new Date(change.at));
        if (judgement.kind === 'refuse' || !order) {
          return { kind: 'refused', order, reason: judgement.kind === 'refuse' ? judgement.reason : '' };
        }
        if (judgement.kind === 'wait') return { kind: 'unchanged', order };
        const detail = judgement.detail ?? change.detail;
        const applied = await applyInside(tx, order, {
          to: judgement.to,
          source: change.source,
          at: change.at,
          ...(detail ? { detail } : {}),
        });
        return { kind: applied.outcome === 'change' ? 'changed' : 'unchanged', order: applied.order };
      }),

    recordNotification: (intake, word, codes) =>
      repository.transaction(async (tx) => {
        const order = await orderIn(tx, word.billId);
        const judgement = judgeQiwiWord(order, word, new Date(intake.receivedAt));
        if (judgement.kind !== 'apply' || !order) {
          const reason = judgement.kind === 'refuse' ? judgement.reason : `no bill ${word.billId} at QIWI`;
          const record = await tx.insertNotification({
            ...intake,
            verdict: 'rejected',
            reason,
            resultCode: codes.refused,
          });
          return { record };
        }
        const applied = await applyInside(tx, order, {
          to: judgement.to,
          source: 'notification',
          at: intake.receivedAt,
          detail: 'qiwi notification',
        });
        // A genuine final status that contradicts the order's final status is a conflict: recorded,
        // acknowledged (retrying changes nothing) and reported to the merchant as order.conflict.
        if (applied.outcome === 'refused' && contradictsFinal(order.status, judgement.to)) {
          const record = await tx.insertNotification({
            ...intake,
            verdict: 'conflict',
            reason: `QIWI says ${judgement.to}, the ledger's final status is ${order.status}; check the order by hand`,
            resultCode: codes.accepted,
          });
          await tx.enqueueWebhook(
            outboxEntry(newId(), 'order.conflict', clock().toISOString(), applied.order, undefined, {
              qiwiStatus: judgement.to,
              notificationId: record.id,
            }),
          );
          return { record, applied };
        }
        // A repeat of the current status, or a stale move (a late waiting), is a duplicate.
        const record = await tx.insertNotification({
          ...intake,
          verdict: applied.outcome === 'change' ? 'accepted' : 'duplicate',
          reason: applied.outcome === 'change' ? undefined : applied.reason,
          resultCode: codes.accepted,
        });
        return { record, applied };
      }),

    // Record, count and age out in one transaction, so the table never holds more than `keep` of them.
    recordRejectedNotification: (input) =>
      repository.transaction(async (tx) => {
        const record = await tx.insertRejectedRequest(input);
        await tx.countRejection(input.resultCode, input.receivedAt);
        const cutoff = new Date(Date.parse(input.receivedAt) - retention.maxAgeSeconds * 1000);
        await tx.pruneRejectedRequests(retention.keep, cutoff.toISOString());
        return record;
      }),
    rejectionCounts: () => repository.rejectionCounts(),

    recordRefund: (refund, actor) =>
      repository.transaction(async (tx) => {
        // The order row is locked from here on (repository.ts getOrder): the remaining amount read now
        // is still true when the refund is inserted.
        const order = await orderOrThrow(tx, refund.orderId);
        const existing = await tx.getRefund(refund.orderId, refund.refundId);
        const remaining = order.amount - order.refundedAmount;
        if (!existing && (refund.amount <= 0 || refund.amount > remaining))
          throw new LedgerError(
            'refund_exceeds_amount',
            `at most ${formatAmount(minorUnits(Math.max(remaining, 0)))} ${order.currency} is left to refund`,
          );
        const inserted = await tx.insertRefund({ ...refund, updatedAt: refund.createdAt });
        const stored = (await tx.getRefund(refund.orderId, refund.refundId)) as Refund;
        // The history names who asked for the refund; the status itself does not move.
        if (inserted && actor !== undefined)
          await tx.insertEvent({
            orderId: order.id,
            from: order.status,
            to: order.status,
            source: 'admin',
            at: refund.createdAt,
            detail: `refund ${refund.refundId} requested`,
            actor,
          });
        if (inserted)
          await tx.enqueueWebhook(
            outboxEntry(
              newId(),
              'refund.updated',
              clock().toISOString(),
              await orderOrThrow(tx, order.id),
              stored,
            ),
          );
        return { refund: stored, inserted };
      }),

    updateRefund: (orderId, refundId, status, error, at) =>
      repository.transaction(async (tx) => {
        const before = await tx.getRefund(orderId, refundId);
        if (!before) return undefined;
        if (before.status === status && before.error === error) return before;
        await tx.updateRefund(orderId, refundId, { status, error, at });
        const refund = (await tx.getRefund(orderId, refundId)) as Refund;
        await tx.enqueueWebhook(
          outboxEntry(
            newId(),
            'refund.updated',
            clock().toISOString(),
            await orderOrThrow(tx, orderId),
            refund,
          ),
        );
        return refund;
      }),

    markChecked: (orderId, at) => repository.markChecked(orderId, at),
    getOrder: async (id) => {
      const stored = await repository.getOrder(id);
      return stored ? fromStored(stored) : undefined;
    },
    listOrders: async (query) => (await repository.listOrders(query)).map(fromStored),
    listOpenOrders: async (limit, checkedBefore) =>
      (await repository.listOpenOrders(limit, checkedBefore)).map(fromStored),
    claimOpenOrders: async (limit, checkedBefore, at) =>
      (await repository.claimOpenOrders(limit, checkedBefore, at)).map(fromStored),
    listEvents: (orderId) => repository.listEvents(orderId),
    listNotifications: (query) => repository.listNotifications(query),
    getRefund: (orderId, refundId) => repository.getRefund(orderId, refundId),
    listRefunds: (orderId) => repository.listRefunds(orderId),
    listRefundsByStatus: (status, limit) => repository.listRefundsByStatus(status, limit),
    claimWebhooks: (now, limit, leaseUntil, instance) =>
      repository.claimWebhooks(now, limit, leaseUntil, instance),
    settleWebhook: (id, settlement, attempts) => repository.settleWebhook(id, settlement, attempts),
    getWebhook: (id) => repository.getWebhook(id),
    listWebhookAttempts: (id) => repository.listWebhookAttempts(id),
    listWebhooks: (query) => repository.listWebhooks(query),
    requeueWebhook: async (id, at, actor) => {
      const event = await repository.requeueWebhook(id, at);
      // The history names who asked; the order's status does not move.
      if (event && actor !== undefined)
        await repository.transaction(async (tx) => {
          const order = await orderOrThrow(tx, event.orderId);
          await tx.insertEvent({
            orderId: order.id,
            from: order.status,
            to: order.status,
            source: 'admin',
            at,
            detail: `webhook ${event.id} (${event.type}) queued again`,
            actor,
          });
        });
      return event;
    },
    requeueDeadWebhooks: (at) => repository.requeueDeadWebhooks(at),
    close: () => repository.close(),
  };
}
