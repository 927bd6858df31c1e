// Credentials on the wire: Pull REST Basic (pull-rest-api-2.1.md §4.1), Pull notification Basic (§9.3),
// Bill Payments 1.0.0 secret_key and Bearer (bill-payments-rest-api-1.0.0.md §2.1, §4.1) and the
// Base58 public key of §2.2.

import { createHash } from 'node:crypto';

function basic(user: string, password: string): string {
  // UTF-8 before Base64 (§4.1, vector pull-basic-4); only the first ":" separates, so passwords may contain ":".
  return 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
}

/** `Authorization` of every Pull REST call: Basic base64(API_ID:API_PASSWORD). */
export function pullApiAuthorization(apiId: string, apiPassword: string): string {
  return basic(apiId, apiPassword);
}

/** `Authorization` QIWI sends with a Basic-authenticated Pull notification: Basic base64(prv_id:password). */
export function pullNotificationAuthorization(prvId: string, notificationPassword: string): string {
  return basic(prvId, notificationPassword);
}

/** Splits a Basic header into user and password at the first colon; undefined when it is not Basic. */
export function parseBasicAuthorization(
  header: string | undefined,
): { user: string; password: string } | undefined {
  const match = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** secret_key = Base64(prv_id|api_id|lowercase hex MD5(api_secret)) — §2.1, vectors bill-sk-*. */
export function billSecretKey(prvId: string, apiId: string, apiSecret: string): string {
  const md5hex = createHash('md5').update(apiSecret, 'utf8').digest('hex');
  return Buffer.from(`${prvId}|${apiId}|${md5hex}`, 'utf8').toString('base64');
}

/** `Authorization` of every Bill Payments 1.0.0 REST call (§4.1: Bearer, never Basic). */
export function billApiAuthorization(secretKey: string): string {
  return 'Bearer ' + secretKey;
}

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Bitcoin-alphabet Base58, big-endian, each leading zero byte becomes "1". */
export function base58(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = value * 256n + BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = BASE58_ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = '1' + out;
  }
  return out;
}

/**
 * The [A]-draft derivation of public_key = Base58(prv_id|api_id|currency) (§2.2). A real key is an
 * opaque string issued by QIWI and configured as is; this derivation only reproduces fixtures.
 */
export function derivePublicKey(prvId: string, apiId: string, currency: string): string {
  return base58(Buffer.from(`${prvId}|${apiId}|${currency}`, 'utf8'));
}
