import { createHmac } from 'node:crypto';
import { safeEqualHex } from './constant-time.js';

// bill-payments-rest-api-1.0.0.md §6.3: sign = lowercase hex HMAC-SHA256(secret_key, values of amount,
// bill_id, [lifetime,] public_key in ascending name order joined by "|"). The `template` order
// (public_key|bill_id|amount|lifetime) is the experimental switch of the same section.

export type FormSignOrder = 'alphabetical' | 'template';

const ORDERS: Record<FormSignOrder, readonly string[]> = {
  alphabetical: ['amount', 'bill_id', 'lifetime', 'public_key'],
  template: ['public_key', 'bill_id', 'amount', 'lifetime'],
};

export function billFormMessage(
  params: Partial<Record<string, string>>,
  order: FormSignOrder = 'alphabetical',
): string {
  return ORDERS[order]
    .filter((name) => name !== 'lifetime' || (params.lifetime ?? '') !== '')
    .map((name) => params[name] ?? '')
    .join('|');
}

export function signBillForm(
  params: Partial<Record<string, string>>,
  secretKey: string,
  order: FormSignOrder = 'alphabetical',
): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8'))
    .update(Buffer.from(billFormMessage(params, order), 'utf8'))
    .digest('hex');
}

export function verifyBillFormSign(
  params: Partial<Record<string, string>>,
  secretKey: string,
  sign: string,
  order: FormSignOrder = 'alphabetical',
): boolean {
  return safeEqualHex(sign, signBillForm(params, secretKey, order));
}
