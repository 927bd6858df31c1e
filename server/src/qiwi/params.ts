// Parameter rules of both protocols. Each validator returns the value to send, or throws a
// QiwiInputError that says what to change. Sources: pull-rest-api-2.1.md §5 and §7.3,
// bill-payments-rest-api-1.0.0.md §4.2, §5.1 and §6.2.

import type { BillId, Currency, Phone, ReturnUrl } from './brands.js';
import { QiwiInputError, type QiwiInputField } from './errors.js';

/**
 * Bill ids: Pull allows 1–200 characters (§5), Bill 1.0.0 1–30 (§4.2, B18), the Pull web form's
 * txn_id String(30) (§7.3). Any character would be legal, but the official SDK does not percent-encode
 * path segments (§4.2), so ids are restricted to an alphabet that needs no encoding anywhere.
 */
const SAFE_ID = /^[A-Za-z0-9_-]+$/;
export const BILL_ID_MAX_LENGTH = { pull: 200, bill: 30, pullWebform: 30 } as const;

/** `limit` names a protocol's rule, or is the length a protocol object gives (maxBillIdLength). */
export function validateBillId(value: unknown, limit: keyof typeof BILL_ID_MAX_LENGTH | number): BillId {
  if (typeof value !== 'string' || value.length === 0) {
    throw new QiwiInputError('bill_id', 'missing; use letters, digits, "-" or "_"');
  }
  const max = typeof limit === 'number' ? limit : BILL_ID_MAX_LENGTH[limit];
  if (value.length > max) throw new QiwiInputError('bill_id', `"${value}" is longer than ${max} characters`);
  if (!SAFE_ID.test(value)) {
    throw new QiwiInputError('bill_id', `"${value}" may contain only Latin letters, digits, "-" and "_"`);
  }
  return value as BillId;
}

/** refund_id: ^[A-Za-z0-9]{1,9}$ in both protocols (Pull §5, Bill §4.2). A UUID is not valid (§12). */
export function validateRefundId(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9]{1,9}$/.test(value)) {
    throw new QiwiInputError('refund_id', `${JSON.stringify(value)} must be 1 to 9 Latin letters or digits`);
  }
  return value;
}

/**
 * The payer's wallet: `tel:+` and 1–15 digits, at most 20 characters (§4.5, §5.1 row 9). Accepts
 * "+79161234567", "tel:+79161234567" and spaces/dashes/brackets a person may type.
 */
export function normalisePhone(value: unknown): Phone {
  if (typeof value !== 'string')
    throw new QiwiInputError('phone', 'missing; use the international format, e.g. +79161234567');
  const compact = value
    .trim()
    .replace(/^tel:/, '')
    .replace(/[\s()-]/g, '');
  if (!/^\+[0-9]{1,15}$/.test(compact)) {
    throw new QiwiInputError(
      'phone',
      `"${value}" must be "+" and the country code and number, 15 digits at most, e.g. +79161234567`,
    );
  }
  return compact as Phone;
}

/** The REST `user` parameter: tel:+79161234567. */
export function toWalletUser(phone: Phone): string {
  return 'tel:' + phone;
}

/** ISO 4217 alpha-3 (§4.5). Which currencies a merchant may use is QIWI's decision (code 1001). */
export function validateCurrency(value: unknown): Currency {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) {
    throw new QiwiInputError(
      'currency',
      `${JSON.stringify(value)} must be an ISO 4217 code of three capital letters, e.g. RUB`,
    );
  }
  return value as Currency;
}

function maxCharacters(
  field: QiwiInputField,
  value: unknown,
  max: number,
  required: boolean,
): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw new QiwiInputError(field, 'missing');
    return undefined;
  }
  if (typeof value !== 'string') throw new QiwiInputError(field, 'must be a string');
  // String(n) counts characters; count code points so Cyrillic and emoji are not over-counted.
  const length = [...value].length;
  if (length > max) throw new QiwiInputError(field, `is ${length} characters long; the limit is ${max}`);
  return value;
}

/** comment: String(255), required by REST creation (may be empty) (§5.1). */
export function validateComment(value: unknown, required = true): string | undefined {
  return maxCharacters('comment', value, 255, required);
}

/** prv_name: optional String(100) (§5.1). */
export function validatePrvName(value: unknown): string | undefined {
  return maxCharacters('prv_name', value, 100, false);
}

/** REST creation accepts only `qw` and `mobile` (§5.1). */
export const REST_PAY_SOURCES = ['qw', 'mobile'] as const;
/** Web form and checkout pre-select any of these (§7.3, §8.2, bill-payments §6.2). */
export const PAGE_PAY_SOURCES = ['qw', 'mobile', 'card', 'wm', 'ssk'] as const;

export type RestPaySource = (typeof REST_PAY_SOURCES)[number];
export type PagePaySource = (typeof PAGE_PAY_SOURCES)[number];

export function validatePaySource<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new QiwiInputError('pay_source', `${JSON.stringify(value)} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/**
 * Return URLs must be absolute http(s) URLs; which origins are allowed is the caller's policy. The
 * value returned is the parsed URL's href, never the raw string: parsers disagree on backslashes and
 * user info (`https://shop.example\@evil.example/` is shop.example to WHATWG and evil.example to
 * others), so what is checked is exactly what is forwarded, and user info is refused outright.
 */
export function validateReturnUrl(
  field: 'successUrl' | 'failUrl' | 'success_url' | 'fail_url',
  value: string,
): ReturnUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new QiwiInputError(field, `"${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new QiwiInputError(field, `"${value}" must use https`);
  if (url.username !== '' || url.password !== '' || /[\\\s]/.test(value))
    throw new QiwiInputError(
      field,
      `"${value}" must not contain user info, backslashes or whitespace; write the plain https URL of the page`,
    );
  return url.href as ReturnUrl;
}

/** prv_id and api_id are decimal integers (§2). */
export function validateNumericId(field: 'prv_id' | 'api_id', value: unknown): string {
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value)) {
    throw new QiwiInputError(
      field,
      `${JSON.stringify(value)} must be the decimal number shown in the QIWI cabinet`,
    );
  }
  return value;
}
