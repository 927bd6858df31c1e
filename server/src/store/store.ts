// The ledger's storage contract. SQLite (better-sqlite3) implements it as the embedded default; another
// database can implement the same interface later, hence every method is async. Writes that belong
// together happen in ONE transaction inside a single method: nothing a caller does between two calls
// can be half-recorded by a crash.

import type { Redirect } from '../qiwi/index.js';
import type { OrderStatus } from '../orders/order-status.js';

export type Protocol = 'pull' | 'bill';
export type Flow = 'checkout' | 'webform';
/** Who moved an order: the checkout itself, QIWI's notification, a status poll, the reconciler, an admin. */
export type EventSource = 'checkout' | 'notification' | 'poll' | 'reconciler' | 'admin';

export interface NewOrder {
  /** The merchant's order id; it is also the QIWI bill id. */
  readonly id: string;
  readonly protocol: Protocol;
  readonly flow: Flow;
  /** Integer minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly comment: string;
  readonly payerPhone: string | undefined;
  /** ISO-8601 instant of the payment deadline. */
  readonly lifetime: string;
  readonly successUrl: string | undefined;
  readonly failUrl: string | undefined;
  readonly paySource: string | undefined;
  /** Where the order came from: a signed order token or the server's catalog. */
  readonly origin: 'token' | 'catalog';
  readonly redirect: Redirect;
  readonly status: OrderStatus;
  readonly createdAt: string;
}

export interface Order extends NewOrder {
  readonly updatedAt: string;
  /** Last time QIWI was asked about this order (poll or reconciler). */
  readonly lastCheckedAt: string | undefined;
  /** Sum of refunds in `processing` or `success`, minor units. */
  readonly refundedAmount: number;
}

export interface OrderEvent {
  readonly id: number;
  readonly orderId: string;
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly source: EventSource;
  readonly at: string;
  readonly detail: string | undefined;
}

export interface StatusChange {
  readonly to: OrderStatus;
  readonly source: EventSource;
  readonly at: string;
  readonly detail?: string;
}

export interface ApplyResult {
  /** The order after the change (or unchanged). */
  readonly order: Order;
  /** 'change' wrote an event (and, for a final status, a webhook); 'same' and 'refused' wrote nothing. */
  readonly outcome: 'change' | 'same' | 'refused';
  readonly reason?: string;
}

export type NotificationVerdict = 'accepted' | 'duplicate' | 'rejected';

export interface NotificationInput {
  readonly receivedAt: string;
  readonly protocol: Protocol;
  /** Raw body exactly as received (no credentials live in bodies). */
  readonly rawBody: string;
  /** Request headers with Authorization and signature headers removed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly remoteAddress: string | undefined;
  readonly billId: string | undefined;
  readonly status: string | undefined;
  readonly verdict: NotificationVerdict;
  /** Why it was rejected, or what it changed. */
  readonly reason: string | undefined;
  /** The result code answered to QIWI. */
  readonly resultCode: number;
}

export interface NotificationRecord extends NotificationInput {
  readonly id: number;
}

export type RefundStatus = 'processing' | 'success' | 'fail';

export interface Refund {
  readonly orderId: string;
  readonly refundId: string;
  readonly amount: number;
  readonly status: RefundStatus;
  /** QIWI's error code for a failed refund, 0 otherwise. */
  readonly error: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type WebhookType =
  'order.paid' | 'order.rejected' | 'order.unpaid' | 'order.expired' | 'refund.updated';

export interface WebhookEvent {
  readonly id: string;
  readonly type: WebhookType;
  readonly orderId: string;
  /** The JSON payload exactly as it will be signed and sent. */
  readonly payload: string;
  readonly createdAt: string;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly deliveredAt: string | undefined;
  readonly lastError: string | undefined;
}

export interface OrderQuery {
  readonly status?: readonly OrderStatus[];
  /** Orders created strictly before this id's creation (keyset pagination, newest first). */
  readonly before?: string;
  readonly limit: number;
}

export interface Store {
  /**
   * Inserts the order unless one with the same id exists; in both cases returns the stored order.
   * Callers compare amount/currency of the stored order to detect a conflicting re-use of an id.
   */
  insertOrder(order: NewOrder): Promise<{ order: Order; inserted: boolean }>;
  getOrder(id: string): Promise<Order | undefined>;
  listOrders(query: OrderQuery): Promise<Order[]>;
  /** Orders that are not final, oldest check first: the reconciler's work list. */
  listOpenOrders(limit: number, checkedBefore: string): Promise<Order[]>;
  markChecked(id: string, at: string): Promise<void>;
  /**
   * Applies a status change through decideTransition() in one transaction: order row, order event
   * and, when the new status is final, the merchant webhook in the outbox.
   */
  applyStatus(orderId: string, change: StatusChange): Promise<ApplyResult>;
  listEvents(orderId: string): Promise<OrderEvent[]>;

  /**
   * Records a notification and, when given, applies its status change — all in ONE transaction, so
   * an acknowledged notification is never lost and never half-applied. With a change, the stored
   * verdict follows the outcome: 'change' → accepted, 'same'/'refused' → duplicate (reason says why).
   */
  recordNotification(
    input: NotificationInput,
    change?: { orderId: string; change: StatusChange },
  ): Promise<{ record: NotificationRecord; applied?: ApplyResult }>;
  listNotifications(query: {
    orderId?: string;
    verdict?: NotificationVerdict;
    limit: number;
  }): Promise<NotificationRecord[]>;

  /** Inserts a refund unless (orderId, refundId) exists; returns the stored one. Also queues refund.updated. */
  insertRefund(refund: Omit<Refund, 'updatedAt'>): Promise<{ refund: Refund; inserted: boolean }>;
  /** Updates a refund's status (and queues refund.updated when it changed). */
  updateRefund(
    orderId: string,
    refundId: string,
    status: RefundStatus,
    error: number,
    at: string,
  ): Promise<Refund | undefined>;
  getRefund(orderId: string, refundId: string): Promise<Refund | undefined>;
  listRefunds(orderId: string): Promise<Refund[]>;
  /** Refunds of any order in `status`, least recently updated first: the reconciler's refund work list. */
  listRefundsByStatus(status: RefundStatus, limit: number): Promise<Refund[]>;

  /** Webhooks due at `now` that are not delivered, oldest first. */
  dueWebhooks(now: string, limit: number): Promise<WebhookEvent[]>;
  markWebhookDelivered(id: string, at: string): Promise<void>;
  markWebhookFailed(id: string, error: string, nextAttemptAt: string): Promise<void>;
  listWebhooks(query: { orderId?: string; limit: number }): Promise<WebhookEvent[]>;

  close(): Promise<void>;
}
