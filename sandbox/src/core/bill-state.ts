// The bill state machine of pull-rest-api-2.1.md §10.1 (bill-payments-rest-api-1.0.0.md §10 reuses it).
// Pure: given the current state and an event it answers the next status or the result code to return.

export const BILL_STATUSES = ['waiting', 'paid', 'rejected', 'unpaid', 'expired'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export const FINAL_STATUSES: ReadonlySet<BillStatus> = new Set(['paid', 'rejected', 'unpaid', 'expired']);

export type BillEvent = 'pay' | 'payment-error' | 'decline' | 'merchant-cancel' | 'expire';

export type TransitionResult =
  { ok: true; status: BillStatus; changed: boolean } | { ok: false; code: number };

export function isFinal(status: BillStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** §10.1 state table; `paymentStarted` is the emulator's "being paid" sub-state of `waiting`. */
export function applyBillEvent(
  current: { status: BillStatus; paymentStarted: boolean },
  event: BillEvent,
): TransitionResult {
  const { status } = current;
  if (status === 'waiting') {
    switch (event) {
      case 'pay':
        return { ok: true, status: 'paid', changed: true };
      case 'payment-error':
        return { ok: true, status: 'unpaid', changed: true };
      case 'decline':
        return { ok: true, status: 'rejected', changed: true };
      case 'expire':
        return { ok: true, status: 'expired', changed: true };
      case 'merchant-cancel':
        // §5.3: cancel is allowed only while the user has not started paying.
        return current.paymentStarted
          ? { ok: false, code: 1419 }
          : { ok: true, status: 'rejected', changed: true };
    }
  }
  if (event === 'merchant-cancel') {
    // §5.3 and §13 A20: paid → 1419, rejected → idempotent 0, expired/unpaid → 78.
    if (status === 'paid') return { ok: false, code: 1419 };
    if (status === 'rejected') return { ok: true, status, changed: false };
    return { ok: false, code: 78 };
  }
  // A final bill stays final: "lifetime / 45 days" leaves a paid bill paid (§10.1).
  if (event === 'expire') return { ok: true, status, changed: false };
  return { ok: false, code: 78 };
}

/** Maps a forced target status (control API) to the event that produces it. */
export function eventForStatus(target: BillStatus): BillEvent | null {
  switch (target) {
    case 'paid':
      return 'pay';
    case 'unpaid':
      return 'payment-error';
    case 'rejected':
      return 'decline';
    case 'expired':
      return 'expire';
    case 'waiting':
      return null;
  }
}
