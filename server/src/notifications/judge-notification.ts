// What a verified notification may do to the ledger, decided without I/O. DESIGN.md: notifications
// fail closed — an unknown bill or an amount or currency that differ from the stored order is
// rejected and never marks anything paid.
//
// Answer codes come from the protocols' tables (pull-rest-api-2.1.md §9.4, bill-payments §9.3):
// 5 = "request parameters have a wrong format/are wrong" is the closest row for a bill id, amount or
// currency we cannot accept. Any non-zero code makes QIWI retry for 24 h (pull §9.5, bill §9.4); for a
// forged or foreign notification that costs nothing, and a real mismatch gets a day of retries in
// which an operator can look at the record instead of it being silently acknowledged.

import type { OrderStatus } from '../orders/order-status.js';
import { formatAmount, type MinorUnits, type QiwiNotification } from '../qiwi/index.js';
import type { Order } from '../store/store.js';

export const REJECTED_DATA_CODE = 5;
/** Pull §9.4 / bill §9.3 row 13, "database connection error": nothing was stored, retry later. */
export const STORE_UNAVAILABLE_CODE = 13;

export type Judgement =
  | { readonly kind: 'apply'; readonly to: OrderStatus }
  | { readonly kind: 'reject'; readonly resultCode: number; readonly reason: string };

export function judgeNotification(notification: QiwiNotification, order: Order | undefined): Judgement {
  if (!order) {
    return {
      kind: 'reject',
      resultCode: REJECTED_DATA_CODE,
      reason: `unknown bill ${notification.billId}: no such order in the ledger`,
    };
  }
  if (notification.amount !== order.amount) {
    return {
      kind: 'reject',
      resultCode: REJECTED_DATA_CODE,
      reason: `amount ${notification.amountText} differs from the order's ${formatAmount(order.amount as MinorUnits)}`,
    };
  }
  if (notification.currency !== order.currency.toUpperCase()) {
    return {
      kind: 'reject',
      resultCode: REJECTED_DATA_CODE,
      reason: `currency ${notification.currency} differs from the order's ${order.currency}`,
    };
  }
  // BillStatus is a subset of OrderStatus; the status machine decides whether it moves anything.
  return { kind: 'apply', to: notification.status };
}
