// The ledger's order status machine: pure, shared by checkout, notifications, polling, the reconciler
// and the admin API. QIWI's bill statuses are pull-rest-api-2.1.md §10.1; `created` is ours: the
// order exists and its redirect is built, but QIWI has no bill yet (web form flow) or has not been
// asked about it.
//
// Rules (DESIGN.md security model): status never moves backwards, final statuses never change, and
// a repeat of the current status is a no-op.

export const ORDER_STATUSES = ['created', 'waiting', 'paid', 'rejected', 'unpaid', 'expired'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'paid',
  'rejected',
  'unpaid',
  'expired',
]);

export function isFinal(status: OrderStatus): boolean {
  return FINAL_ORDER_STATUSES.has(status);
}

export type TransitionVerdict =
  | { readonly kind: 'change'; readonly from: OrderStatus; readonly to: OrderStatus }
  | { readonly kind: 'same'; readonly status: OrderStatus }
  /** A move the machine forbids: from a final status, or backwards to `created`/`waiting`. */
  | {
      readonly kind: 'refused';
      readonly from: OrderStatus;
      readonly to: OrderStatus;
      readonly reason: string;
    };

const RANK: Record<OrderStatus, number> = {
  created: 0,
  waiting: 1,
  paid: 2,
  rejected: 2,
  unpaid: 2,
  expired: 2,
};

export function decideTransition(from: OrderStatus, to: OrderStatus): TransitionVerdict {
  if (from === to) return { kind: 'same', status: from };
  if (isFinal(from)) return { kind: 'refused', from, to, reason: `order is already ${from}, a final status` };
  if (RANK[to] < RANK[from])
    return { kind: 'refused', from, to, reason: `status does not move back from ${from} to ${to}` };
  return { kind: 'change', from, to };
}

/**
 * QIWI's word contradicts the ledger when both name a final status and they differ (QIWI says
 * rejected, the ledger says paid). A non-final word after a final status (a late `waiting`) is only
 * stale: notifications may arrive out of order.
 */
export function contradictsFinal(current: OrderStatus, claimed: OrderStatus): boolean {
  return isFinal(current) && isFinal(claimed) && current !== claimed;
}
