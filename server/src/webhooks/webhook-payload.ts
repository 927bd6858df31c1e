// The merchant webhook's JSON body, built when the event is queued and stored verbatim in the outbox,
// so every retry sends (and signs) exactly the same bytes. Shape as the Standard Webhooks spec
// recommends ("Payload structure"): { type, timestamp, data }; the event id travels in the webhook-id
// header. Amounts are decimal strings like the rest of the public API; nothing secret is ever part of it.

import { formatAmount, type MinorUnits } from '../qiwi/index.js';
import type { OrderStatus } from '../orders/order-status.js';
import type { Order, Refund, RefundStatus, WebhookType } from '../store/store.js';

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
  };
}

const money = (minor: number) => formatAmount(minor as MinorUnits);

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
): WebhookPayload {
  return {
    type,
    timestamp: createdAt,
    data: {
      orderId: order.id,
      status: order.status,
      amount: money(order.amount),
      currency: order.currency,
      ...(refund
        ? {
            refund: {
              refundId: refund.refundId,
              amount: money(refund.amount),
              status: refund.status,
              error: refund.error,
            },
          }
        : {}),
    },
  };
}
