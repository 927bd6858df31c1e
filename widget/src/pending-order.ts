// The order this tab is paying, remembered across the trip to QIWI and back (sessionStorage: this tab
// only, gone when it closes). Storage may be unavailable (private modes, sandboxed frames): then the
// button simply forgets.

export interface PendingOrder {
  readonly orderId: string;
  readonly statusToken: string;
  readonly backend: string;
  /** What the button was made from, so the return page finds the right button. */
  readonly key: string;
}

const STORAGE_KEY = 'qiwi-pay:pending';

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function rememberOrder(order: PendingOrder): void {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(order));
  } catch {
    // Quota or privacy mode: the return page will just show the button.
  }
}

export function recallOrder(key: string): PendingOrder | undefined {
  try {
    const value = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? 'null') as PendingOrder | null;
    return value && value.key === key ? value : undefined;
  } catch {
    return undefined;
  }
}

export function forgetOrder(): void {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // nothing to forget
  }
}

/** Poll delays: 1 s, 2 s, 4 s … capped at 15 s; the caller stops after a bounded number of tries. */
export function pollDelayMs(attempt: number): number {
  return Math.min(15_000, 1_000 * 2 ** attempt);
}

export const MAX_POLLS = 12;
