import { createHmac } from 'node:crypto';
import { safeEqualHex } from './constant-time.js';

// pull-rest-api-2.1.md §7.4: sign = lowercase hex HMAC-SHA256(API_PASSWORD, values of api_id, currency,
// from, [lifetime,] summ, txn_id joined by "|"). Values are the literal decoded query strings; an absent
// lifetime leaves no empty slot (§13 A3).

export const PULL_WEBFORM_SIGNED = ['api_id', 'currency', 'from', 'lifetime', 'summ', 'txn_id'] as const;

export type WebformParams = Partial<Record<string, string>>;

export function pullWebformMessage(params: WebformParams): string {
  return PULL_WEBFORM_SIGNED.filter((name) => name !== 'lifetime' || (params.lifetime ?? '') !== '')
    .map((name) => params[name] ?? '')
    .join('|');
}

export function signPullWebform(params: WebformParams, apiPassword: string): string {
  return createHmac('sha256', Buffer.from(apiPassword, 'utf8'))
    .update(Buffer.from(pullWebformMessage(params), 'utf8'))
    .digest('hex');
}

/** Constant time, case-insensitive hex (§7.4 "Emulator verification"); Base64 forms never match. */
export function verifyPullWebformSign(params: WebformParams, apiPassword: string, sign: string): boolean {
  return safeEqualHex(sign, signPullWebform(params, apiPassword));
}
