// The per-source budget of unauthenticated notification rejects (NOTIFICATION_REJECT_LIMIT_PER_MINUTE).
// A source is refused once it has spent its budget in the current minute; only a reject spends, and
// only once it is known to be one. A rate limiter that counts every request on arrival and gives the
// genuine ones back when they finish refuses genuine notifications whenever more of them than the
// budget are in flight at once (QIWI delivering a burst of payments), which is the traffic this
// budget must never touch.

import { ipKeyGenerator } from 'express-rate-limit';

export interface RejectBudget {
  /** Whether `address` has spent its budget in the current minute. */
  exhausted(address: string | undefined): boolean;
  /** Records one reject from `address`. */
  spend(address: string | undefined): void;
}

const WINDOW_MS = 60_000;

export function createRejectBudget(perMinute: number, now: () => number): RejectBudget {
  // Fixed one-minute windows; the whole map is dropped when a window ends, so it holds at most the
  // sources seen in one minute.
  let windowStart = now();
  let spent = new Map<string, number>();
  const current = () => {
    const t = now();
    if (t - windowStart >= WINDOW_MS) {
      windowStart = t;
      spent = new Map();
    }
    return spent;
  };
  // The same key as the other rate limits: the address, IPv6 grouped by /56 (express-rate-limit).
  const keyOf = (address: string | undefined) => ipKeyGenerator(address ?? 'unknown');
  return {
    exhausted: (address) => (current().get(keyOf(address)) ?? 0) >= perMinute,
    spend(address) {
      const map = current();
      const key = keyOf(address);
      map.set(key, (map.get(key) ?? 0) + 1);
    },
  };
}
