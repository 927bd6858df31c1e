import { createHmac } from 'node:crypto';
import { safeEqual } from './constant-time.js';
import type { FormPairs } from './pull-notification-signature.js';

// bill-payments-rest-api-1.0.0.md §9.2: Base64(raw HMAC-SHA256(secret_key, values of the PRESENT fields
// among amount, bill_id, currency, email, error, phone, prv_id, status, user_id, by name, joined by "|")).
// comment, payment_date, version and extra_* are not signed.

export const BILL_NOTIFICATION_SIGNED = [
  'amount',
  'bill_id',
  'currency',
  'email',
  'error',
  'phone',
  'prv_id',
  'status',
  'user_id',
] as const;

export function billNotificationMessage(pairs: FormPairs): string {
  const values = new Map<string, string>();
  for (const [name, value] of pairs) if (!values.has(name)) values.set(name, value);
  return BILL_NOTIFICATION_SIGNED.filter((name) => values.has(name))
    .map((name) => values.get(name) ?? '')
    .join('|');
}

export function signBillNotification(pairs: FormPairs, secretKey: string): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8'))
    .update(Buffer.from(billNotificationMessage(pairs), 'utf8'))
    .digest('base64');
}

export function verifyBillNotification(rawBody: string, secretKey: string, header: string): boolean {
  return safeEqual(header.trim(), signBillNotification([...new URLSearchParams(rawBody)], secretKey));
}
