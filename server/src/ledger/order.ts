// An order as the ledger keeps it: the QIWI bill it stands for, its amount in minor units from
// checkout through storage and back, its status, and the events that moved it.

import type { Flow, MinorUnits, ProtocolName, Redirect, RefundStatus } from '../qiwi/index.js';
import type { OrderStatus } from './order-status.js';

/** Who moved an order: the checkout itself, QIWI's notification, a status poll, the reconciler, an admin. */
export type EventSource = 'checkout' | 'notification' | 'poll' | 'reconciler' | 'admin';

export interface NewOrder {
  /** The merchant's order id; it is also the QIWI bill id. */
  readonly id: string;
  readonly protocol: ProtocolName;
  readonly flow: Flow;
  readonly amount: MinorUnits;
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

/** An order as a repository stores it: its refunds only summed per status, no rule applied. */
export interface StoredOrder extends NewOrder {
  readonly updatedAt: string;
  /** Last time QIWI was asked about this order (poll or reconciler). */
  readonly lastCheckedAt: string | undefined;
  /** The amounts of this order's refunds, summed per status; a status without refunds is absent. */
  readonly refundTotals: Readonly<Partial<Record<RefundStatus, MinorUnits>>>;
}

export interface Order extends Omit<StoredOrder, 'refundTotals'> {
  /** What counts against the order: refunds `processing` or `success` (refunded-amount.ts). */
  readonly refundedAmount: MinorUnits;
}

export interface NewOrderEvent {
  readonly orderId: string;
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly source: EventSource;
  readonly at: string;
  readonly detail: string | undefined;
  /** Who made an admin action: `api`, `api:<name>` or `dashboard:<name>` (admin-auth.ts). */
  readonly actor?: string | undefined;
}

export interface OrderEvent extends NewOrderEvent {
  readonly id: number;
}

export interface StatusChange {
  readonly to: OrderStatus;
  readonly source: EventSource;
  readonly at: string;
  readonly detail?: string;
  /** Who asked for it (admin actions). */
  readonly actor?: string;
}

export interface ApplyResult {
  /** The order after the change (or unchanged). */
  readonly order: Order;
  /** 'change' wrote an event (and, for a final status, a webhook); 'same' and 'refused' wrote nothing. */
  readonly outcome: 'change' | 'same' | 'refused';
  readonly reason?: string;
}

export interface OrderQuery {
  readonly status?: readonly OrderStatus[];
  /** Orders created strictly before this id's creation (keyset pagination, newest first). */
  readonly before?: string;
  readonly limit: number;
}
