// When to ask for the order status again: 1 s, 2 s, 4 s … capped at 15 s, and after three minutes
// stop and let the shopper ask (a "check again" button) instead of polling a tab nobody watches.
// Pure, so the schedule is tested without a clock.

export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15_000;
export const GIVE_UP_AFTER_MS = 180_000;

/** Delay before poll number `attempt` (0-based, counting polls already made). */
export function pollDelay(attempt: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(attempt, 16), MAX_DELAY_MS);
}

/** Whether one more poll that would start at `elapsedMs` after the first is still within bounds. */
export function shouldPoll(elapsedMs: number): boolean {
  return elapsedMs < GIVE_UP_AFTER_MS;
}
