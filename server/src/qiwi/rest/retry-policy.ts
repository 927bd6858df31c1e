// When and how long to wait before another attempt (house style 8: capped, jittered backoff, and only
// for idempotent requests). Pure: randomness is passed in.

export interface RetryPolicy {
  /** Attempts in total, including the first. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): exponential, capped, with "equal jitter"
 * — half fixed, half random — so concurrent clients spread out but never retry at once.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  return equalJitterDelayMs(attempt, policy.baseDelayMs, policy.maxDelayMs, random);
}

/**
 * The one backoff formula (QIWI requests here, merchant webhooks in webhooks/retry-backoff.ts): the
 * ceiling doubles from `baseMs` per attempt (counted from 1) up to `capMs`; the delay is half the
 * ceiling plus a random half. Odd attempts count as the first; `random` is clamped to [0, 1].
 */
export function equalJitterDelayMs(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  const n = Math.max(1, Math.trunc(attempt));
  // 2 ** 40 already exceeds any cap; clamping the exponent keeps the arithmetic finite.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(n - 1, 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}

export function shouldRetry(opts: {
  attempt: number;
  policy: RetryPolicy;
  idempotent: boolean;
  retryable: boolean;
}): boolean {
  return opts.idempotent && opts.retryable && opts.attempt < opts.policy.maxAttempts;
}
