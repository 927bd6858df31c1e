// The admin API's answers as the dashboard reads them (server/README.md "Admin API";
// admin-contract for the webhook outbox and notification verdicts). Fields a newer server adds are
// optional here, so an older server still works.

export const ORDER_STATUSES = ['created', 'waiting', 'paid', 'rejected', 'unpaid', 'expired'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['paid', 'rejected', 'unpaid', 'expired']);

export interface Order {
  readonly id: string;
  readonly protocol: string;
  readonly flow: string;
  readonly amount: string;
  readonly refundedAmount: string;
  readonly currency: string;
  readonly comment: string;
  readonly status: OrderStatus;
  readonly lifetime: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastCheckedAt?: string;
}

export interface OrderEvent {
  readonly id: number;
  readonly from: string | null;
  readonly to: string;
  readonly source: string;
  readonly at: string;
  readonly detail?: string;
  readonly actor?: string;
  readonly type?: string;
}

export interface NotificationRecord {
  readonly id: number | string;
  readonly receivedAt: string;
  readonly verdict: string;
  readonly reason?: string;
  readonly billId?: string;
  readonly status?: string;
  readonly remoteAddress?: string;
  readonly source?: string;
  readonly resultCode?: number;
}

export interface Refund {
  readonly refundId: string;
  readonly amount: string;
  readonly status: string;
  readonly error: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly actor?: string;
}

export interface Delivery {
  readonly at: string;
  readonly status?: number | null;
  readonly durationMs?: number;
  readonly error?: string | null;
  readonly instance?: string;
  readonly endpoint?: string;
}

export interface WebhookEvent {
  readonly id: string;
  readonly type: string;
  readonly orderId: string;
  readonly state?: 'pending' | 'dead' | 'delivered';
  readonly attempts: number;
  readonly lastError?: string | null;
  readonly nextAttemptAt?: string | null;
  readonly createdAt: string;
  readonly deliveredAt?: string | null;
  readonly deliveries?: readonly Delivery[];
}

export interface OrderDetail {
  readonly order: Order;
  readonly events: readonly OrderEvent[];
  readonly notifications: readonly NotificationRecord[];
  readonly refunds: readonly Refund[];
  readonly webhooks: readonly WebhookEvent[];
}

/** A webhook's state: the server's when it says, else read from its fields (older servers). */
export function webhookState(w: WebhookEvent): 'pending' | 'dead' | 'delivered' {
  return w.state ?? (w.deliveredAt ? 'delivered' : 'pending');
}
