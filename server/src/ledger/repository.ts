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
import type {
  OutboxEntry,
  WebhookAttempt,
  WebhookEvent,
  WebhookQuery,
  WebhookSettlement,
} from './outbox-entry.js';
import type { Refund, RefundStatus } from './refund.js';

/** Writes (and the reads they depend on) inside one transaction: all of them happen, or none. */
export interface RepositoryTransaction {
  /**
   * Reads an order and locks it until the transaction ends: two transactions about one order (a
   * notification arriving at two instances, two refunds) take turns, each seeing the other's writes.
   */
  getOrder(id: string): Promise<StoredOrder | undefined>;
  /**
   * Inserts unless the id exists; true when inserted. Every field is stored as given, updatedAt is
   * createdAt, and the order has no check and no refund yet.
   */
  insertOrder(order: NewOrder): Promise<boolean>;
  /** Sets the order's status and its updatedAt (= at), and nothing else. */
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
  /**
   * Takes up to `limit` open orders last checked before `checkedBefore` and marks them checked at `at`,
   * atomically: instances sharing the database never take the same order in one staleness window.
   */
  claimOpenOrders(limit: number, checkedBefore: string, at: string): Promise<StoredOrder[]>;
  markChecked(id: string, at: string): Promise<void>;
  listEvents(orderId: string): Promise<OrderEvent[]>;
  listNotifications(query: NotificationQuery): Promise<NotificationRecord[]>;
  /** The counts kept by countRejection, by result code. */
  rejectionCounts(): Promise<RejectionCount[]>;
  getRefund(orderId: string, refundId: string): Promise<Refund | undefined>;
  listRefunds(orderId: string): Promise<Refund[]>;
  /** Refunds of any order in `status`, least recently updated first. */
  listRefundsByStatus(status: RefundStatus, limit: number): Promise<Refund[]>;

  /**
   * Claims up to `limit` pending events due at `now` whose claim (if any) has lapsed, oldest first,
   * for `instance` until `leaseUntil`. A claimed event is handed to no one else until then, so one
   * instance at a time delivers it, and a killed instance's claims pass to another after the lease.
   */
  claimWebhooks(now: string, limit: number, leaseUntil: string, instance: string): Promise<WebhookEvent[]>;
  /** Records a claimed event's outcome and its attempts in one transaction, releasing the claim. */
  settleWebhook(
    id: string,
    settlement: WebhookSettlement,
    attempts: readonly WebhookAttempt[],
  ): Promise<void>;
  getWebhook(id: string): Promise<WebhookEvent | undefined>;
  listWebhookAttempts(id: string): Promise<WebhookAttempt[]>;
  /** Newest first. */
  listWebhooks(query: WebhookQuery): Promise<WebhookEvent[]>;
  /**
   * Queues a dead or delivered event again: same id, a fresh schedule; a dead event goes to the
   * endpoints that have not acknowledged it, a delivered one to every endpoint. Undefined if no such id.
   */
  requeueWebhook(id: string, at: string): Promise<WebhookEvent | undefined>;
  /** Queues every dead event again (to the endpoints that have not acknowledged it); returns how many. */
  requeueDeadWebhooks(at: string): Promise<number>;

  close(): Promise<void>;
}
