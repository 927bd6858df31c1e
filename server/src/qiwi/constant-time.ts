import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two byte strings in time that does not depend on where they differ. The lengths of a
 * signature or password are not secret, so a length mismatch may return early.
 */
export function constantTimeEqual(received: string | Uint8Array, expected: string | Uint8Array): boolean {
  const a = typeof received === 'string' ? Buffer.from(received, 'utf8') : Buffer.from(received);
  const b = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : Buffer.from(expected);
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
