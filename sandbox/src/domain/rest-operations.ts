import { charLength, xmlSafe } from '../core/text-rules.js';
import type { Merchant, ResolvedConfig } from '../config/resolve-config.js';
import type { Ledger } from './ledger.js';
import { judgeRepeat } from './same-bill.js';
import type { BillRecord, RefundRecord } from './state.js';
import { validateCreate } from './validate-create.js';

// The four REST operations shared by Pull 2.1 (pull-rest-api-2.1.md §5) and Bill 1.0.0 profile A/B
// (bill-payments-rest-api-1.0.0.md §5: "identical to Pull" with a 30-character bill_id).

export interface OperationContext {
  ledger: Ledger;
  config: ResolvedConfig;
  merchant: Merchant;
  now: number;
  /** pull §5: 200 characters [DOC-EN]; bill §4.2 [J]: 30. */
  billIdMax: number;
  profileB: boolean;
}

export interface OperationResult {
  code: number;
  bill?: BillRecord;
  refund?: RefundRecord;
}

const find = (ctx: OperationContext, billId: string): BillRecord | undefined =>
  ctx.ledger.find(ctx.merchant.protocol, ctx.merchant.prvId, billId);

/** §5 row 6: 1–200 characters (code points); a character XML cannot carry (§4.4) is invalid data too. */
function badBillId(ctx: OperationContext, billId: string): boolean {
  return billId.length === 0 || charLength(billId) > ctx.billIdMax || !xmlSafe(billId);
}

/** §5.1: rows 6 (bill_id length), 7 (idempotency, §4.7), then 8–23. */
export function createBill(
  ctx: OperationContext,
  billId: string,
  params: Record<string, string>,
): OperationResult {
  if (badBillId(ctx, billId)) return { code: 5 };
  const existing = find(ctx, billId);
  if (existing) {
    // §4.7: same normalised amount → the stored bill unchanged, whatever else differs; otherwise 215.
    return judgeRepeat(existing, params.amount, false) === 'same-bill'
      ? { code: 0, bill: existing }
      : { code: 215 };
  }
  const checked = validateCreate(params, {
    limits: ctx.merchant,
    wallets: ctx.config.wallets,
    now: ctx.now,
    profileB: ctx.profileB,
  });
  if (!checked.ok) return { code: checked.code };
  return { code: 0, bill: ctx.ledger.insert(ctx.merchant, billId, checked.value, 'rest') };
}

/** §5.2: lazy expiry happens inside the ledger lookup. */
export function getBill(ctx: OperationContext, billId: string): OperationResult {
  if (badBillId(ctx, billId)) return { code: 5 };
  const bill = find(ctx, billId);
  return bill ? { code: 0, bill } : { code: 210 };
}

/**
 * §5.3 cancel: 210 unknown, 341 unless status=rejected, then the state table (0 / 1419 / 78).
 * Bill statuses compare case-insensitively (bill §13 B26); the `/reject` alias needs no body (§14).
 */
export function cancelBill(
  ctx: OperationContext,
  billId: string,
  params: Record<string, string>,
  options: { caseInsensitive: boolean; implicitStatus: boolean },
): OperationResult {
  if (badBillId(ctx, billId)) return { code: 5 };
  const bill = find(ctx, billId);
  if (!bill) return { code: 210 };
  const status = options.implicitStatus ? 'rejected' : params.status;
  const wanted = options.caseInsensitive ? status?.toLowerCase() : status;
  if (wanted !== 'rejected') return { code: 341 };
  const result = ctx.ledger.transition(bill, 'merchant-cancel', 'merchant-cancel');
  return result.ok ? { code: 0, bill } : { code: result.code };
}

/** §5.4 refund rows 2–10 (rows 1 are authentication). */
export function refundBill(
  ctx: OperationContext,
  billId: string,
  refundId: string,
  params: Record<string, string>,
): OperationResult {
  if (badBillId(ctx, billId)) return { code: 5 };
  const bill = find(ctx, billId);
  if (!bill) return { code: 210 };
  const outcome = ctx.ledger.refund(ctx.merchant, bill, refundId, params.amount);
  return outcome.refund ? { code: 0, bill, refund: outcome.refund } : { code: outcome.code };
}

/** §5.5: unknown bill or unknown refund → 210 (§13 A18); a malformed refund_id → 5. */
export function getRefund(ctx: OperationContext, billId: string, refundId: string): OperationResult {
  if (badBillId(ctx, billId)) return { code: 5 };
  const bill = find(ctx, billId);
  if (!bill) return { code: 210 };
  if (!/^[A-Za-z0-9]{1,9}$/.test(refundId)) return { code: 5 };
  const refund = bill.refunds.find((r) => r.refundId === refundId);
  return refund ? { code: 0, bill, refund } : { code: 210 };
}
