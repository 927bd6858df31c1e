import { timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison (pull-rest-api-2.1.md §7.4, §9.3 step 7). Length leaks, content does not. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** Hex compare that ignores letter case (pull-rest-api-2.1.md §13 A2/A29): "ABCD" equals "abcd". */
export function safeEqualHex(received: string, expectedLowerHex: string): boolean {
  if (!/^[0-9a-fA-F]*$/.test(received)) return safeEqual('', expectedLowerHex);
  return safeEqual(received.toLowerCase(), expectedLowerHex);
}

/** Strict Base64: rejects text that Buffer.from would silently skip over. */
export function decodeBase64Strict(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64');
  const canonical = bytes.toString('base64').replace(/=+$/, '');
  return canonical === text.replace(/=+$/, '') ? bytes : null;
}
