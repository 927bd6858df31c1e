// Which refunds count against an order: those QIWI may still pay out (`processing`) and those it has
// paid (`success`); a `fail` gives the money back to the order (pull §6.2, bill §7.2). A ledger rule,
// so no store adapter repeats it.

import { minorUnits } from '../qiwi/index.js';
import type { Order, StoredOrder } from './order.js';

export function refundedAmount(totals: StoredOrder['refundTotals']): Order['refundedAmount'] {
  return minorUnits((totals.processing ?? 0) + (totals.success ?? 0));
}

/** What may still be refunded: the order's amount less what counts against it, never below zero. */
export function refundableAmount(order: Pick<Order, 'amount' | 'refundedAmount'>): Order['amount'] {
  return minorUnits(Math.max(order.amount - order.refundedAmount, 0));
}

/** The ledger's view of a stored order. */
export function fromStored(stored: StoredOrder): Order {
  const { refundTotals, ...order } = stored;
  return { ...order, refundedAmount: refundedAmount(refundTotals) };
}
