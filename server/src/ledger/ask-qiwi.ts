// Asks QIWI what it holds for a bill, as QIWI's word for the ledger to judge (ledger/judge-qiwi-word.ts):
// the bill, or "no bill" when it answers 210 (pull §11, bill §11.1: bill not found). Shared by the status
// poll and the reconciler.

import type { QiwiWord } from './judge-qiwi-word.js';
import { QiwiApiError, type QiwiClient } from '../qiwi/index.js';

/** pull-rest-api-2.1.md §11 / bill-payments §11.1: "bill not found". */
const BILL_NOT_FOUND = 210;

export async function askQiwi(qiwi: QiwiClient, billId: string): Promise<QiwiWord> {
  try {
    return { kind: 'bill', ...(await qiwi.getBill(billId)) };
  } catch (error) {
    if (error instanceof QiwiApiError && error.resultCode === BILL_NOT_FOUND)
      return { kind: 'no-bill', billId };
    throw error;
  }
}
