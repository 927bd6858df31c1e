import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import { formatAmount } from '../core/money.js';
import {
  describeResult,
  httpStatusFor,
  profileBResult,
  type HttpStatusProfile,
} from '../core/result-codes.js';
import type { BillRecord, RefundRecord } from '../domain/state.js';

// pull-rest-api-2.1.md §4.3–§4.4 (and bill-payments-rest-api-1.0.0.md §4.2, §7): JSON or XML chosen by
// `Accept`, the response Content-Type echoing the requested type, an integer result_code, amounts as
// 2-decimal strings, and `error: 0` in every bill.

export interface Format {
  kind: 'json' | 'xml';
  contentType: string;
}

const SUPPORTED = ['text/json', 'application/json', 'text/xml', 'application/xml'];

/** §4.3: first supported type of the list; absent or unknown → JSON (§13 A21). */
export function negotiate(accept: string | undefined): Format {
  for (const part of (accept ?? '').split(',')) {
    const type = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (SUPPORTED.includes(type)) return { kind: type.endsWith('xml') ? 'xml' : 'json', contentType: type };
  }
  return { kind: 'json', contentType: 'application/json;charset=utf-8' };
}

const xml = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

export function serialize(format: Format, document: Record<string, unknown>, xmlRoot = 'response'): string {
  if (format.kind === 'json') return JSON.stringify(document);
  const inner = xmlRoot in document ? document : { [xmlRoot]: document };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml.build(inner) as string}`;
}

/** §6.1: the same serializer for create, status and cancel; origin fields once a payment started. */
export function billObject(bill: BillRecord): Record<string, unknown> {
  return {
    bill_id: bill.billId,
    amount: formatAmount(bill.amountMinor),
    ccy: bill.ccy,
    ...(bill.paymentStarted ? { originAmount: formatAmount(bill.amountMinor), originCcy: bill.ccy } : {}),
    status: bill.status,
    error: 0,
    user: bill.user ?? '',
    comment: bill.comment,
  };
}

/** §6.2 (with the [DOC-old] `user` the emulator includes). */
export function refundObject(refund: RefundRecord, bill: BillRecord): Record<string, unknown> {
  return {
    refund_id: refund.refundId,
    amount: formatAmount(refund.amountMinor),
    status: refund.status,
    error: refund.error,
    user: bill.user ?? '',
  };
}

export interface ResultBody {
  code: number;
  bill?: BillRecord;
  refund?: RefundRecord;
}

/** Profile A / Pull envelope `{"response":{result_code, description | bill | refund}}`. */
export function sendEnvelope(
  res: Response,
  format: Format,
  profile: HttpStatusProfile,
  result: ResultBody,
): void {
  const response: Record<string, unknown> = { result_code: result.code };
  if (result.code !== 0) response.description = describeResult(result.code);
  else if (result.refund && result.bill) response.refund = refundObject(result.refund, result.bill);
  else if (result.bill) response.bill = billObject(result.bill);
  send(res, format, httpStatusFor(result.code, profile), { response });
}

export function send(res: Response, format: Format, status: number, document: Record<string, unknown>): void {
  res.status(status).setHeader('Content-Type', format.contentType);
  res.end(serialize(format, document));
}

/** bill-payments-rest-api-1.0.0.md §5.6: profile B bodies (success wrapped, errors unwrapped). */
export function sendProfileB(
  res: Response,
  format: Format,
  profile: HttpStatusProfile,
  result: ResultBody,
  payUrl: (bill: BillRecord) => string,
  nowIso: string,
): void {
  const status = httpStatusFor(result.code, profile);
  if (result.code !== 0) {
    send(res, format, status, {
      result_code: profileBResult(result.code),
      error_code: `CORE__${result.code}`,
      description: describeResult(result.code),
      datetime: nowIso,
    });
    return;
  }
  const response: Record<string, unknown> = { result_code: 'SUCCESS' };
  const bill = result.bill;
  if (result.refund) {
    response.refund = {
      refund_id: result.refund.refundId,
      amount: formatAmount(result.refund.amountMinor),
      status: result.refund.status,
    };
  } else if (bill) {
    response.bill = {
      bill_id: bill.billId,
      amount: formatAmount(bill.amountMinor),
      currency: bill.ccy,
      status: bill.status,
      user: {
        ...(bill.user ? { phone: bill.user.replace(/^tel:/, '') } : {}),
        ...(bill.email ? { email: bill.email } : {}),
        ...(bill.userId ? { user_id: bill.userId } : {}),
      },
      extras: bill.extras,
      comment: bill.comment,
      create_datetime: new Date(bill.createdAt).toISOString(),
      lifetime_datetime: new Date(bill.expiresAt).toISOString(),
      pay_url: payUrl(bill),
    };
  }
  send(res, format, status, { response });
}

/** pull §5.6: unknown paths 404 and unlisted methods 405, both with an empty body. */
export function sendEmpty(res: Response, status: 404 | 405, allow?: string[]): void {
  if (allow) res.setHeader('Allow', allow.join(', '));
  res.status(status).end();
}
