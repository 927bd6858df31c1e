import { randomUUID } from 'node:crypto';
import {
  applyBillEvent,
  isFinal,
  type BillEvent,
  type BillStatus,
  type TransitionResult,
} from '../core/bill-state.js';
import type { Clock } from '../core/clock.js';
import { parseAmount } from '../core/money.js';
import { DAY_MS } from '../core/moscow-time.js';
import type { Scheduler } from '../core/scheduler.js';
import type { Merchant } from '../config/resolve-config.js';
import { billKey, type BillRecord, type Protocol, type RefundRecord, type SandboxState } from './state.js';
import type { CreateBillInput } from './validate-create.js';

// The bills and refunds of one sandbox: creation with the lifetime cap, lazy expiry on every read,
// transitions through the pure state machine, and refunds per pull-rest-api-2.1.md §5.4.

export interface LedgerDeps {
  state: SandboxState;
  clock: Clock;
  scheduler: Scheduler;
  /** Called after every transition into a final status (pull §9.1, bill §9.5). */
  onFinal(bill: BillRecord, cause: string): void;
}

export type RefundOutcome = { code: 0; refund: RefundRecord } | { code: number; refund?: undefined };

export interface Ledger {
  find(protocol: Protocol, prvId: string, billId: string): BillRecord | undefined;
  findByUid(uid: string): BillRecord | undefined;
  all(): BillRecord[];
  /** `now` lets a caller compute a default lifetime from the very instant the bill is created at. */
  insert(
    merchant: Merchant,
    billId: string,
    input: CreateBillInput,
    origin: BillRecord['origin'],
    now?: number,
  ): BillRecord;
  transition(bill: BillRecord, event: BillEvent, cause: string, paidWith?: string): TransitionResult;
  /**
   * The control API's override: sets any status, outside the state machine of pull §10.1, and notifies
   * like a real transition when it enters a final status it was not in (pull §9.1, bill §9.5).
   */
  force(bill: BillRecord, target: BillStatus, cause: string, paidWith?: string): void;
  startPayment(bill: BillRecord): void;
  refund(merchant: Merchant, bill: BillRecord, refundId: string, amount: string | undefined): RefundOutcome;
  settleRefund(bill: BillRecord, refund: RefundRecord, status: 'success' | 'fail'): void;
  sweep(): void;
}

const REFUND_ID = /^[A-Za-z0-9]{1,9}$/;

export function createLedger(deps: LedgerDeps): Ledger {
  const { state, clock, scheduler } = deps;

  const enter = (bill: BillRecord, to: BillStatus, cause: string, paidWith: string | undefined): void => {
    const now = clock.now();
    const from = bill.status;
    bill.history.push({ at: now, from, to, cause });
    bill.status = to;
    // pull §6.1 / A17: originAmount/originCcy appear from the first payment attempt; a payment error on
    // the checkout is an attempt that started and failed, a payment one that succeeded.
    if (to === 'paid' || to === 'unpaid') bill.paymentStarted = true;
    if (to === 'paid') {
      bill.paidAt = now;
      bill.paidWith = paidWith ?? 'qw';
    }
    if (isFinal(to) && from !== to) deps.onFinal(bill, cause);
  };

  const transition: Ledger['transition'] = (bill, event, cause, paidWith) => {
    const result = applyBillEvent(bill, event);
    if (!result.ok || !result.changed) return result;
    enter(bill, result.status, cause, paidWith);
    return result;
  };

  // pull §5.2: "if the bill is waiting and now ≥ its expiry, it becomes expired (and a notification
  // is queued)" — applied on every read, and by the periodic sweep.
  const refresh = (bill: BillRecord): BillRecord => {
    if (bill.status === 'waiting' && clock.now() >= bill.expiresAt) transition(bill, 'expire', 'lifetime');
    return bill;
  };

  return {
    find(protocol, prvId, billId) {
      const bill = state.bills.get(billKey(protocol, prvId, billId));
      return bill && refresh(bill);
    },
    findByUid(uid) {
      for (const bill of state.bills.values()) if (bill.uid === uid) return refresh(bill);
      return undefined;
    },
    all() {
      return [...state.bills.values()].map(refresh);
    },
    insert(merchant, billId, input, origin, now = clock.now()) {
      const bill: BillRecord = {
        key: billKey(merchant.protocol, merchant.prvId, billId),
        protocol: merchant.protocol,
        prvId: merchant.prvId,
        billId,
        uid: randomUUID(),
        amountMinor: input.amountMinor,
        ccy: input.ccy,
        user: input.user,
        email: input.email,
        userId: input.userId,
        comment: input.comment,
        prvName: input.prvName,
        paySource: input.paySource,
        extras: input.extras,
        origin,
        createdAt: now,
        lifetimeAt: input.lifetimeAt,
        // pull §5.1 row 23: effective expiry = min(lifetime, creation + 45 days); bill §4.3: 28 days.
        expiresAt: Math.min(input.lifetimeAt, now + merchant.maxLifetimeDays * DAY_MS),
        status: 'waiting',
        paymentStarted: false,
        history: [{ at: now, from: null, to: 'waiting', cause: `created (${origin})` }],
        refunds: [],
      };
      state.bills.set(bill.key, bill);
      // Expire (and notify) at the virtual deadline even if nobody reads the bill (pull §5.2, §9.1).
      scheduler.schedule(Math.max(0, bill.expiresAt - clock.now()), () => refresh(bill));
      return refresh(bill);
    },
    transition,
    force(bill, target, cause, paidWith) {
      enter(bill, target, cause, paidWith);
    },
    startPayment(bill) {
      if (bill.status === 'waiting') bill.paymentStarted = true;
    },
    refund(merchant, bill, refundId, amount) {
      if (!REFUND_ID.test(refundId)) return { code: 5 }; // pull §5.4 row 3
      const parsed = parseAmount(amount, 9);
      if (!parsed.ok) return { code: 341 }; // row 4
      if (parsed.minor === 0) return { code: 241 }; // row 5
      if (bill.status !== 'paid') return { code: 78 }; // row 6
      const existing = bill.refunds.find((r) => r.refundId === refundId);
      if (existing)
        return existing.amountMinor === parsed.minor ? { code: 0, refund: existing } : { code: 78 }; // rows 7–8
      // Row 9; a refund that ended in `fail` does not consume the refundable amount.
      const used = bill.refunds.filter((r) => r.status !== 'fail').reduce((sum, r) => sum + r.amountMinor, 0);
      if (parsed.minor > bill.amountMinor - used) return { code: 242 };
      const now = clock.now();
      const async = merchant.refunds.mode === 'processing';
      const refund: RefundRecord = {
        refundId,
        amountMinor: parsed.minor,
        status: async ? 'processing' : 'success',
        error: 0,
        createdAt: now,
        updatedAt: now,
      };
      bill.refunds.push(refund);
      if (async) {
        scheduler.schedule(merchant.refunds.processingMs, () =>
          this.settleRefund(bill, refund, merchant.refunds.finalStatus),
        );
      }
      return { code: 0, refund };
    },
    settleRefund(_bill, refund, status) {
      if (refund.status !== 'processing') return;
      refund.status = status;
      refund.error = status === 'fail' ? 300 : 0;
      refund.updatedAt = clock.now();
    },
    sweep() {
      for (const bill of state.bills.values()) refresh(bill);
    },
  };
}
