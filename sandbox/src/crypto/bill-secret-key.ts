import { createHash } from 'node:crypto';
import { decodeBase64Strict, safeEqual } from './constant-time.js';

// bill-payments-rest-api-1.0.0.md §2.1: secret_key = Base64("prv_id|api_id|" + lowercase hex MD5(api_secret)).
// §4.1: the emulator verifies a Bearer (or `Basic <token>`) header by recomputation.

export function md5Hex(text: string): string {
  return createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex');
}

export function deriveSecretKey(prvId: string, apiId: string, apiSecret: string): string {
  return Buffer.from(`${prvId}|${apiId}|${md5Hex(apiSecret)}`, 'utf8').toString('base64');
}

export function bearerHeader(secretKey: string): string {
  return `Bearer ${secretKey}`;
}

/** Extracts the token of `Bearer <token>`, or of `Basic <token>` (§4.1, §13 B2). */
export function parseSecretKeyHeader(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(?:Bearer|Basic)[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1] ?? null;
}

export interface DecodedSecretKey {
  prvId: string;
  apiId: string;
  md5: string;
}

/** Base64 → "prv_id|api_id|md5hex" with exactly three parts; null when garbled. */
export function decodeSecretKey(token: string): DecodedSecretKey | null {
  const bytes = decodeBase64Strict(token);
  if (!bytes) return null;
  const parts = bytes.toString('utf8').split('|');
  if (parts.length !== 3) return null;
  const [prvId, apiId, md5] = parts as [string, string, string];
  if (!/^\d+$/.test(prvId) || !/^\d+$/.test(apiId)) return null;
  return { prvId, apiId, md5 };
}

/** Compares the MD5 part with md5(api_secret); uppercase hex is accepted (§13 B3). */
export function secretKeyMatches(decoded: DecodedSecretKey, apiSecret: string): boolean {
  return safeEqual(decoded.md5.toLowerCase(), md5Hex(apiSecret));
}
