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
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export function shouldRetry(opts: {
  attempt: number;
  policy: RetryPolicy;
  idempotent: boolean;
  retryable: boolean;
}): boolean {
  return opts.idempotent && opts.retryable && opts.attempt < opts.policy.maxAttempts;
}
