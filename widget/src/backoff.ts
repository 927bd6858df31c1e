// When to ask for the order status again: 1 s, 2 s, 4 s, 8 s, then every 15 s; after 16 polls (about
// three minutes) stop and let the shopper ask — a "check again" button — instead of polling a tab
// nobody watches. Counting polls rather than reading a clock keeps this pure.

export const MAX_POLLS = 16;

/** Delay before the poll that follows poll number `attempt` (0-based). */
export const pollDelay = (attempt: number): number => Math.min(1000 << Math.min(attempt, 4), 15_000);
