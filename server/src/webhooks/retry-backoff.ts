// When to try a webhook again: capped exponential backoff with "equal jitter" (half fixed, half
// random), so a merchant endpoint that comes back up is not hit by every queued event at once, and a
// long outage settles at one attempt per event per hour. Pure: randomness is passed in.

import { equalJitterDelayMs } from '../qiwi/index.js';

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 10_000, capMs: 60 * 60 * 1000 };

/** Delay before the next attempt after `failedAttempts` (≥ 1) failures; `random` returns [0, 1). */
export function webhookRetryDelayMs(
  failedAttempts: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  return equalJitterDelayMs(failedAttempts, policy.baseMs, policy.capMs, random);
}
