// What QIWI's answer about a bill may do to an open order, decided without I/O. The same rules as a
// notification (DESIGN.md: amount and currency must match the ledger), and the status machine
// (order-status.ts) then decides whether the status moves.

import type { OrderStatus } from '../orders/order-status.js';
import { formatAmount, type MinorUnits, type QiwiBill } from '../qiwi/index.js';
import type { Order } from '../store/store.js';

export type BillVerdict =
  | { readonly kind: 'apply'; readonly to: OrderStatus }
  | { readonly kind: 'mismatch'; readonly reason: string };

export function reconcileBill(order: Order, bill: QiwiBill): BillVerdict {
  if (bill.amount !== order.amount || bill.currency !== order.currency.toUpperCase()) {
    return {
      kind: 'mismatch',
      reason:
        `QIWI holds bill ${bill.billId} for ${formatAmount(bill.amount)} ${bill.currency}, the ledger for ` +
        `${formatAmount(order.amount as MinorUnits)} ${order.currency}; status not applied, check the order by hand`,
    };
  }
  return { kind: 'apply', to: bill.status };
}
