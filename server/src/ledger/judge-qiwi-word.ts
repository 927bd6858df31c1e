// The one judgement of what QIWI says about a bill, shared by notifications, the status poll and the
// reconciler. Pure. DESIGN.md: an unknown bill, or an amount or currency that differ from the stored
// order, never moves anything; the status machine (order-status.ts) then decides whether a status QIWI
// reports moves the order.

import { formatAmount, type BillStatus, type MinorUnits } from '../qiwi/index.js';
import { isLapsedWithoutBill, LAPSED_WITHOUT_BILL } from './lapsed-order.js';
import type { Order } from './order.js';
import type { OrderStatus } from './order-status.js';

/** QIWI's word about a bill: a notification, or its answer to a bill read (210 = it has none). */
export type QiwiWord =
  | {
      readonly kind: 'bill';
      readonly billId: string;
      readonly status: BillStatus;
      readonly amount: MinorUnits;
      /** The amount exactly as QIWI wrote it, when it wrote one (notifications). */
      readonly amountText?: string;
      readonly currency: string;
    }
  | { readonly kind: 'no-bill'; readonly billId: string };

export type Judgement =
  | { readonly kind: 'apply'; readonly to: OrderStatus; readonly detail?: string }
  /** Nothing to do yet: QIWI has no bill while the payer may still submit the web form. */
  | { readonly kind: 'wait' }
  /** QIWI's word contradicts the ledger; nothing may move and a person should look. */
  | { readonly kind: 'refuse'; readonly reason: string };

export function judgeQiwiWord(order: Order | undefined, word: QiwiWord, now: Date): Judgement {
  if (!order) return { kind: 'refuse', reason: `unknown bill ${word.billId}: no such order in the ledger` };
  if (word.kind === 'no-bill') {
    // A later status means QIWI has held a bill, so its 210 now is something else to look at.
    if (order.status !== 'created')
      return {
        kind: 'refuse',
        reason: `QIWI has no bill ${word.billId}, but the order is ${order.status}; check the order by hand`,
      };
    return isLapsedWithoutBill(order, now)
      ? { kind: 'apply', to: 'expired', detail: LAPSED_WITHOUT_BILL }
      : { kind: 'wait' };
  }
  const said = `${word.amountText ?? formatAmount(word.amount)}`;
  const held = `QIWI holds bill ${word.billId} for ${said} ${word.currency}, the ledger for ${formatAmount(order.amount)} ${order.currency}`;
  if (word.amount !== order.amount)
    return {
      kind: 'refuse',
      reason: `amount ${said} differs from the order's ${formatAmount(order.amount)} (${held}); status not applied, check the order by hand`,
    };
  if (word.currency !== order.currency.toUpperCase())
    return {
      kind: 'refuse',
      reason: `currency ${word.currency} differs from the order's ${order.currency} (${held}); status not applied, check the order by hand`,
    };
  // BillStatus is a subset of OrderStatus.
  return { kind: 'apply', to: word.status };
}
