// Every HMAC of both protocols. The message is built from decoded parameter values exactly as they
// are (or will be) on the wire: "10.5" and "10.50" are different messages (vectors pull-wf-4/5).

import { createHmac } from 'node:crypto';

export interface NamedValue {
  readonly name: string;
  readonly value: string;
}

/** Values ordered by parameter name (ASCII names, compared by code unit) and joined with "|". */
export function canonicalString(params: readonly NamedValue[]): string {
  return [...params]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => p.value)
    .join('|');
}

function hmac(algorithm: 'sha1' | 'sha256', key: string, message: string): Buffer {
  return createHmac(algorithm, Buffer.from(key, 'utf8')).update(message, 'utf8').digest();
}

function present(params: Record<string, string | undefined>): NamedValue[] {
  return Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ({ name, value }));
}

/**
 * Pull web form `sign` (pull-rest-api-2.1.md §7.4): lowercase hex HMAC-SHA256 keyed with the API
 * password over api_id|currency|from|[lifetime|]summ|txn_id. An absent lifetime leaves no slot.
 */
export function pullWebformSign(
  fields: {
    api_id: string;
    currency: string;
    from: string;
    lifetime?: string | undefined;
    summ: string;
    txn_id: string;
  },
  apiPassword: string,
): string {
  const { api_id, currency, from, lifetime, summ, txn_id } = fields;
  return hmac(
    'sha256',
    apiPassword,
    canonicalString(present({ api_id, currency, from, lifetime, summ, txn_id })),
  ).toString('hex');
}

/**
 * Pull notification `X-Api-Signature` (§9.3): Base64 of the raw HMAC-SHA1, keyed with the
 * notification password, over ALL body parameters (including unknown ones) sorted by name.
 */
export function pullNotificationSignature(
  params: readonly NamedValue[],
  notificationPassword: string,
): string {
  return hmac('sha1', notificationPassword, canonicalString(params)).toString('base64');
}

/**
 * Bill Payments 1.0.0 pay form `sign` (bill-payments §6.3): lowercase hex HMAC-SHA256 keyed with the
 * secret_key text over amount|bill_id|[lifetime|]public_key.
 */
export function billFormSign(
  fields: { amount: string; bill_id: string; lifetime?: string | undefined; public_key: string },
  secretKey: string,
): string {
  const { amount, bill_id, lifetime, public_key } = fields;
  return hmac(
    'sha256',
    secretKey,
    canonicalString(present({ amount, bill_id, lifetime, public_key })),
  ).toString('hex');
}

/** The parameters a Bill Payments 1.0.0 notification signs when present (bill-payments §9.2 step 2). */
export const BILL_NOTIFICATION_SIGNED_FIELDS = [
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

/** Bill Payments 1.0.0 notification signature (§9.2): Base64 of the raw HMAC-SHA256 keyed with secret_key. */
export function billNotificationSignature(params: readonly NamedValue[], secretKey: string): string {
  const signed = params.filter((p) =>
    (BILL_NOTIFICATION_SIGNED_FIELDS as readonly string[]).includes(p.name),
  );
  return hmac('sha256', secretKey, canonicalString(signed)).toString('base64');
}

/**
 * Partner v1 notification `X-Api-Signature-SHA256` (bill-payments Appendix B): lowercase hex
 * HMAC-SHA256 over currency|value(2 decimals)|billId|siteId|status, fields in that fixed order.
 */
export function partnerV1NotificationSignature(
  fields: { currency: string; value: string; billId: string; siteId: string; status: string },
  secretKey: string,
): string {
  const message = [fields.currency, fields.value, fields.billId, fields.siteId, fields.status].join('|');
  return hmac('sha256', secretKey, message).toString('hex');
}
