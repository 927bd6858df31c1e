// What the ledger offers its callers: the operations on an order's life (each one transaction) and
// the reads. ledger.ts implements it over a repository port.

import type { QiwiWord } from './judge-qiwi-word.js';
import type {
  NotificationIntake,
  NotificationQuery,
  NotificationRecord,
  RejectedRequestInput,
} from './notification-record.js';
import type { LedgerRepository, RejectionCount } from './repository.js';
import type {
  ApplyResult,
  EventSource,
  NewOrder,
  Order,
  OrderEvent,
  OrderQuery,
  StatusChange,
} from './order.js';
import type { WebhookEvent } from './outbox-entry.js';
import type { Refund, RefundStatus } from './refund.js';

/** How QIWI's word about an order ended: it moved the order, changed nothing, or contradicts the ledger. */
export type WordOutcome =
  | { readonly kind: 'changed' | 'unchanged'; readonly order: Order }
  | { readonly kind: 'refused'; readonly order: Order | undefined; readonly reason: string };

/** The result codes a notification's record carries for each outcome (the protocols' answer tables). */
export interface NotificationCodes {
  readonly accepted: number;
  readonly refused: number;
}

/**
 * The outbox, as the webhook dispatcher and the admin API see it: the port's own reads and claims, and
 * a requeue that may also name the admin who asked (recorded in the order's history by the ledger).
 */
export interface Outbox extends Pick<
  LedgerRepository,
  | 'claimWebhooks'
  | 'settleWebhook'
  | 'getWebhook'
  | 'listWebhookAttempts'
  | 'listWebhooks'
  | 'requeueDeadWebhooks'
> {
  requeueWebhook(id: string, at: string, actor?: string): Promise<WebhookEvent | undefined>;
}

export interface Ledger extends Outbox {
  /** Places an order unless its id exists; returns the stored one either way. */
  placeOrder(order: NewOrder): Promise<{ order: Order; inserted: boolean }>;
  /** Applies a status through the status machine: order, event and (final) outbox entry together. */
  applyStatus(orderId: string, change: StatusChange): Promise<ApplyResult>;
  /** Judges what QIWI says about an order (status poll, reconciler) and applies it. */
  applyQiwiWord(
    word: QiwiWord,
    change: { source: EventSource; at: string; detail?: string },
  ): Promise<WordOutcome>;
  /**
   * Records a verified notification: judged against the order, applied, and recorded with its verdict
   * (accepted, duplicate, or rejected with `codes.refused`) — all in one transaction.
   */
  recordNotification(
    intake: NotificationIntake,
    word: QiwiWord,
    codes: NotificationCodes,
  ): Promise<{ record: NotificationRecord; applied?: ApplyResult }>;
  /**
   * Records a notification refused before it could be authenticated (bad signature, malformed
   * body…) as a bounded record, counts it, and ages out old ones (LedgerOptions.rejectedRetention).
   */
  recordRejectedNotification(input: RejectedRequestInput): Promise<NotificationRecord>;
  /** How many unauthenticated rejects were recorded, by result code, pruned ones included. */
  rejectionCounts(): Promise<RejectionCount[]>;
  /**
   * Records a refund unless (order, refund id) exists, queuing refund.updated; returns the stored one.
   * With an actor, the order's history gets an event naming who asked for it. Refuses
   * (LedgerError refund_exceeds_amount) a new refund above what is left of the order, checked with the
   * order locked, so concurrent refunds never add up to more than the order.
   */
  recordRefund(
    refund: Omit<Refund, 'updatedAt'>,
    actor?: string,
  ): Promise<{ refund: Refund; inserted: boolean }>;
  /** Records a refund's new status (and queues refund.updated when it changed). */
  updateRefund(
    orderId: string,
    refundId: string,
    status: RefundStatus,
    error: number,
    at: string,
  ): Promise<Refund | undefined>;
  markChecked(orderId: string, at: string): Promise<void>;

  getOrder(id: string): Promise<Order | undefined>;
  listOrders(query: OrderQuery): Promise<Order[]>;
  listOpenOrders(limit: number, checkedBefore: string): Promise<Order[]>;
  /** Open orders due a check, taken (and marked checked at `at`) so no other instance takes them. */
  claimOpenOrders(limit: number, checkedBefore: string, at: string): Promise<Order[]>;
  listEvents(orderId: string): Promise<OrderEvent[]>;
  listNotifications(query: NotificationQuery): Promise<NotificationRecord[]>;
  getRefund(orderId: string, refundId: string): Promise<Refund | undefined>;
  listRefunds(orderId: string): Promise<Refund[]>;
  listRefundsByStatus(status: RefundStatus, limit: number): Promise<Refund[]>;
  close(): Promise<void>;
}
