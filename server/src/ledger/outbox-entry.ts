// The merchant webhook's JSON body, built when the event is queued and stored verbatim in the outbox,
// so every retry sends (and signs) exactly the same bytes. Shape as the Standard Webhooks spec
// recommends ("Payload structure"): { type, timestamp, data }; the event id travels in the webhook-id
// header. Amounts are decimal strings like the rest of the public API; nothing secret is ever part of it.

import { formatAmount } from '../qiwi/index.js';
import type { Order } from './order.js';
import type { OrderStatus } from './order-status.js';
import type { Refund, RefundStatus } from './refund.js';

export type WebhookType =
  'order.paid' | 'order.rejected' | 'order.unpaid' | 'order.expired' | 'order.conflict' | 'refund.updated';

/** What QIWI said that contradicts the order's final status (an `order.conflict` event). */
export interface ConflictDetail {
  /** The final status QIWI's genuine notification claims. */
  readonly qiwiStatus: string;
  /** The notification's record id (GET /v1/admin/notifications?verdict=conflict). */
  readonly notificationId: number;
}

/** An outbox entry as the ledger writes it, in the same transaction as the change it reports. */
export interface OutboxEntry {
  readonly id: string;
  readonly type: WebhookType;
  readonly orderId: string;
  /** The JSON payload exactly as it will be signed and sent. */
  readonly payload: string;
  readonly createdAt: string;
}

/**
 * Where an event stands: `pending` (not yet acknowledged by every endpoint, still retrying),
 * `delivered`, or `dead` (the retry schedule ran out; an admin may queue it again).
 */
export type WebhookState = 'pending' | 'delivered' | 'dead';

/** An outbox entry with its delivery state. */
export interface WebhookEvent extends OutboxEntry {
  readonly state: WebhookState;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly deliveredAt: string | undefined;
  readonly lastError: string | undefined;
  /** Endpoints that acknowledged this event already: a retry goes only to the others. */
  readonly deliveredTo: readonly string[];
  /** The endpoint of the last failure, if any. */
  readonly lastEndpoint: string | undefined;
}

/** One delivery attempt of an event to one endpoint, as the admin API shows it. */
export interface WebhookAttempt {
  readonly eventId: string;
  readonly endpoint: string;
  readonly at: string;
  /** The HTTP status, or undefined when no answer came (timeout, refused connection). */
  readonly status: number | undefined;
  readonly durationMs: number;
  readonly error: string | undefined;
  /** Which server instance made the attempt. */
  readonly instance: string;
}

/** How a claimed event's attempt ended; written together with its attempts, releasing the claim. */
export type WebhookSettlement =
  | { readonly kind: 'delivered'; readonly at: string }
  | {
      readonly kind: 'retry' | 'dead';
      readonly error: string;
      readonly endpoint: string;
      /** When to try again (`retry`); for `dead` the time it died. */
      readonly nextAttemptAt: string;
      readonly deliveredTo: readonly string[];
    };

export interface WebhookQuery {
  readonly orderId?: string;
  readonly state?: WebhookState;
  /** Keyset pagination: events queued before this event id. */
  readonly before?: string;
  readonly limit: number;
}

export interface WebhookPayload {
  readonly type: WebhookType;
  /** When the event happened (ISO 8601), not when this attempt was sent. */
  readonly timestamp: string;
  readonly data: {
    readonly orderId: string;
    readonly status: OrderStatus;
    readonly amount: string;
    readonly currency: string;
    readonly refund?: {
      readonly refundId: string;
      readonly amount: string;
      readonly status: RefundStatus;
      readonly error: number;
    };
    readonly conflict?: ConflictDetail;
  };
}

/** The event type for an order that has just reached `status`, or undefined when it is not final. */
export function orderWebhookType(status: OrderStatus): WebhookType | undefined {
  switch (status) {
    case 'paid':
      return 'order.paid';
    case 'rejected':
      return 'order.rejected';
    case 'unpaid':
      return 'order.unpaid';
    case 'expired':
      return 'order.expired';
    default:
      return undefined;
  }
}

export function buildWebhookPayload(
  type: WebhookType,
  createdAt: string,
  order: Pick<Order, 'id' | 'status' | 'amount' | 'currency'>,
  refund?: Pick<Refund, 'refundId' | 'amount' | 'status' | 'error'>,
  conflict?: ConflictDetail,
): WebhookPayload {
  return {
    type,
    timestamp: createdAt,
    data: {
      orderId: order.id,
      status: order.status,
      amount: formatAmount(order.amount),
      currency: order.currency,
      ...(refund
        ? {
            refund: {
              refundId: refund.refundId,
              amount: formatAmount(refund.amount),
              status: refund.status,
              error: refund.error,
            },
          }
        : {}),
      ...(conflict
        ? { conflict: { qiwiStatus: conflict.qiwiStatus, notificationId: conflict.notificationId } }
        : {}),
    },
  };
}

/** The outbox entry for an event: its payload built once, so every retry sends the same bytes. */
export function outboxEntry(
  id: string,
  type: WebhookType,
  createdAt: string,
  order: Pick<Order, 'id' | 'status' | 'amount' | 'currency'>,
  refund?: Pick<Refund, 'refundId' | 'amount' | 'status' | 'error'>,
  conflict?: ConflictDetail,
): OutboxEntry {
  const payload = JSON.stringify(buildWebhookPayload(type, createdAt, order, refund, conflict));
  return { id, type, orderId: order.id, payload, createdAt };
}
