// A refund as the ledger keeps it. Its status is QIWI's (pull §6.2, bill §7.2): one declaration, in
// the protocol core.

import type { MinorUnits, RefundStatus } from '../qiwi/index.js';

export type { RefundStatus } from '../qiwi/index.js';

export interface Refund {
  readonly orderId: string;
  readonly refundId: string;
  readonly amount: MinorUnits;
  readonly status: RefundStatus;
  /** QIWI's error code for a failed refund, 0 otherwise. */
  readonly error: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}
