// When an order QIWI has no bill for (result code 210) is over. `lifetime` is the payment deadline: after
// it a bill is `expired` and cannot be paid (pull-rest-api-2.1.md §5.1 `lifetime`, §10.1; the web form
// carries the same deadline, §7.3; bill-payments-rest-api-1.0.0.md §4.3, §6.2), and a REST bill can no
// longer be created (§5.1 row 16). An order still `created` past it will never see a payment, so it is
// final. Pure: the status poll and the reconciler both ask it.

import type { Order } from './order.js';

/**
 * QIWI judges the deadline by its own clock, which may lag ours. Expiring exactly at the deadline could
 * finalise an order while QIWI still creates and takes payment for its bill, and a final status never
 * changes (order-status.ts), so that payment would not reach the ledger.
 */
export const LAPSE_GRACE_MS = 10 * 60 * 1000;

/** The order event's detail when such an order is expired. */
export const LAPSED_WITHOUT_BILL = 'QIWI has no bill and the lifetime passed';

/**
 * Whether an order QIWI answers 210 for is over at `at`: still `created` (a later status means QIWI
 * has held a bill, so 210 is something else) and past its lifetime plus the grace.
 */
export function isLapsedWithoutBill(order: Pick<Order, 'status' | 'lifetime'>, at: Date): boolean {
  return order.status === 'created' && at.getTime() > Date.parse(order.lifetime) + LAPSE_GRACE_MS;
}
