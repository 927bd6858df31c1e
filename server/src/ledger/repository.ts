// The ledger's repository port: what a database must do for the ledger, and nothing of the rules.
// Every write happens inside transaction(); the ledger (ledger.ts) decides what to write. Adapters
// (store/sqlite/, store/postgres/) are SQL only and pass one contract suite
// (test/contract/repository-contract.ts). Every method is async so a networked database fits.

import type {
  NotificationInput,
  NotificationQuery,
  NotificationRecord,
  RejectedRequestInput,
} from './notification-record.js';
import type { NewOrder, NewOrderEvent, OrderEvent, OrderQuery, StoredOrder } from './order.js';
import type { OrderStatus } from './order-status.js';
import type { OutboxEntry, WebhookEvent } from './outbox-entry.js';
import type { Refund, RefundStatus } from './refund.js';

/** Writes (and the reads they depend on) inside one transaction: all of them happen, or none. */
export interface RepositoryTransaction {
  getOrder(id: string): Promise<StoredOrder | undefined>;
  /** Inserts unless the id exists; true when inserted. */
  insertOrder(order: NewOrder): Promise<boolean>;
  setOrderStatus(id: string, status: OrderStatus, at: string): Promise<void>;
  insertEvent(event: NewOrderEvent): Promise<void>;
  insertNotification(input: NotificationInput): Promise<NotificationRecord>;
  /** Inserts the bounded record of an unauthenticated reject (authenticated = false, no body). */
  insertRejectedRequest(input: RejectedRequestInput): Promise<NotificationRecord>;
  /** Adds one to the count of unauthenticated rejects answered `resultCode` (survives pruning). */
  countRejection(resultCode: number, at: string): Promise<void>;
  /**
   * Deletes unauthenticated rejects received before `receivedBefore`, and all but the newest
   * `keepNewest` of them; genuine notifications are never touched. Returns how many were deleted.
   */
  pruneRejectedRequests(keepNewest: number, receivedBefore: string): Promise<number>;
  getRefund(orderId: string, refundId: string): Promise<Refund | undefined>;
  /** Inserts unless (orderId, refundId) exists; true when inserted. */
  insertRefund(refund: Refund): Promise<boolean>;
  updateRefund(
    orderId: string,
    refundId: string,
    change: { status: RefundStatus; error: number; at: string },
  ): Promise<void>;
  enqueueWebhook(entry: OutboxEntry): Promise<void>;
}

export interface RejectionCount {
  readonly resultCode: number;
  readonly count: number;
  readonly lastAt: string;
}

export interface LedgerRepository {
  /**
   * Runs `work` in one transaction and commits when it resolves; rolls back everything it wrote when
   * it throws. Transactions never interleave their writes.
   */
  transaction<T>(work: (tx: RepositoryTransaction) => Promise<T>): Promise<T>;

  getOrder(id: string): Promise<StoredOrder | undefined>;
  listOrders(query: OrderQuery): Promise<StoredOrder[]>;
  /** Orders not final whose last check is before `checkedBefore`, oldest check first. */
  listOpenOrders(limit: number, checkedBefore: string): Promise<StoredOrder[]>;
  markChecked(id: string, at: string): Promise<void>;
  listEvents(orderId: string): Promise<OrderEvent[]>;
  listNotifications(query: NotificationQuery): Promise<NotificationRecord[]>;
  /** The counts kept by countRejection, by result code. */
  rejectionCounts(): Promise<RejectionCount[]>;
  getRefund(orderId: string, refundId: string): Promise<Refund | undefined>;
  listRefunds(orderId: string): Promise<Refund[]>;
  /** Refunds of any order in `status`, least recently updated first. */
  listRefundsByStatus(status: RefundStatus, limit: number): Promise<Refund[]>;

  /** Outbox entries due at `now` and not delivered, oldest first. */
  dueWebhooks(now: string, limit: number): Promise<WebhookEvent[]>;
  markWebhookDelivered(id: string, at: string): Promise<void>;
  markWebhookFailed(id: string, error: string, nextAttemptAt: string): Promise<void>;
  listWebhooks(query: { orderId?: string; limit: number }): Promise<WebhookEvent[]>;

  close(): Promise<void>;
}
