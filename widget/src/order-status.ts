// How the widget reads an order status from GET /v1/orders/{id} (DESIGN.md), and how often it asks.

export type Outcome = 'paid' | 'failed' | 'waiting';

const FAILED = ['rejected', 'unpaid', 'expired', 'cancelled'];

/** `paid` is success, every other final status a failure; anything not final (created, waiting, or a status added later) means "keep waiting". */
export function outcomeOf(status: string, final?: boolean): Outcome {
  const s = status.toLowerCase();
  return s === 'paid' ? 'paid' : FAILED.includes(s) || final ? 'failed' : 'waiting';
}

/**
 * Delay before the poll that follows poll number `attempt` (0-based): 1 s, 2 s, 4 s, 8 s, 16 s,
 * then every 30 s. A wallet payment is usually confirmed within the first few polls; a tab left
 * open afterwards costs one small request per half minute until the bill's lifetime ends.
 */
export const pollDelay = (attempt: number): number => Math.min(1000 << Math.min(attempt, 5), 30_000);
