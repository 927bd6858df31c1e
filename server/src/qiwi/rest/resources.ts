// Typed bill and refund objects (pull-rest-api-2.1.md §6, bill-payments §7). Unknown fields are
// ignored (§6.1: QIWI may add fields); amounts are read with QIWI's truncation rule.

import { QiwiTransportError } from '../errors.js';
import { parseAmount, type MinorUnits } from '../money.js';
import { parseBillStatus, parseRefundStatus, type BillStatus, type RefundStatus } from '../statuses.js';

export interface QiwiBill {
  readonly billId: string;
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly status: BillStatus;
  readonly user: string | undefined;
  readonly comment: string | undefined;
  /** Present once the payer has started paying (§6.1, RU reading). */
  readonly originAmount: MinorUnits | undefined;
  readonly originCurrency: string | undefined;
  /** Profile B only: where to send the payer (bill-payments §7.4). */
  readonly payUrl: string | undefined;
}

export interface QiwiRefund {
  readonly refundId: string;
  readonly amount: MinorUnits;
  readonly status: RefundStatus;
  /** 0, or the code that explains a `fail` status (§6.2). */
  readonly error: number;
}

function unreadable(what: string): never {
  throw new QiwiTransportError(
    'unreadable_response',
    `QIWI answered result_code 0 with ${what}; treating the answer as unreadable`,
  );
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function amountOf(value: unknown, field: 'amount' | 'originAmount'): MinorUnits {
  try {
    return parseAmount(str(value), { mode: 'truncate', allowZero: true, field });
  } catch {
    return unreadable(`a ${field} of ${JSON.stringify(value)}`);
  }
}

export function readBill(raw: Record<string, unknown> | undefined): QiwiBill {
  if (!raw) return unreadable('no bill object');
  const billId = str(raw.bill_id) ?? unreadable('a bill without bill_id');
  const status =
    parseBillStatus(raw.status) ?? unreadable(`an unknown bill status ${JSON.stringify(raw.status)}`);
  // Profile B says `currency`, profile A and Pull say `ccy` (bill-payments §5.6).
  const currency = (str(raw.ccy) ?? str(raw.currency) ?? unreadable('a bill without ccy')).toUpperCase();
  const user = typeof raw.user === 'object' && raw.user !== null ? JSON.stringify(raw.user) : str(raw.user);
  return {
    billId,
    amount: amountOf(raw.amount, 'amount'),
    currency,
    status,
    user,
    comment: str(raw.comment),
    originAmount: raw.originAmount === undefined ? undefined : amountOf(raw.originAmount, 'originAmount'),
    originCurrency: str(raw.originCcy),
    payUrl: str(raw.pay_url),
  };
}

export function readRefund(raw: Record<string, unknown> | undefined): QiwiRefund {
  if (!raw) return unreadable('no refund object');
  const error = Number(str(raw.error) ?? '0');
  return {
    refundId: str(raw.refund_id) ?? unreadable('a refund without refund_id'),
    amount: amountOf(raw.amount, 'amount'),
    status:
      parseRefundStatus(raw.status) ?? unreadable(`an unknown refund status ${JSON.stringify(raw.status)}`),
    error: Number.isInteger(error) ? error : 0,
  };
}
