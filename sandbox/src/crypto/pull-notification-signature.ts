import { createHmac } from 'node:crypto';
import { safeEqual } from './constant-time.js';

// pull-rest-api-2.1.md §9.3: X-Api-Signature = Base64(raw HMAC-SHA1(notification password, decoded values
// of ALL body parameters sorted by name, joined by "|")). Values are signed exactly as received.

export type FormPairs = ReadonlyArray<readonly [string, string]>;

export function byName(a: readonly [string, string], b: readonly [string, string]): number {
  // Parameter names are ASCII, so UTF-16 code-unit order equals byte order (§9.3 step 3).
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

export function pullNotificationMessage(pairs: FormPairs): string {
  return [...pairs]
    .sort(byName)
    .map(([, value]) => value)
    .join('|');
}

export function signPullNotification(pairs: FormPairs, notificationPassword: string): string {
  return createHmac('sha1', Buffer.from(notificationPassword, 'utf8'))
    .update(Buffer.from(pullNotificationMessage(pairs), 'utf8'))
    .digest('base64');
}

/** Verifies a raw form body against a received header value (constant time). */
export function verifyPullNotification(
  rawBody: string,
  notificationPassword: string,
  header: string,
): boolean {
  const pairs = [...new URLSearchParams(rawBody)];
  return safeEqual(header.trim(), signPullNotification(pairs, notificationPassword));
}
