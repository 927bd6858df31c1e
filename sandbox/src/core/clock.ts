// The emulator's clock: real time plus a manual offset that tests move forward through the control API.
// Clock and randomness are passed in (DESIGN.md house style 5), so nothing reads Date.now() directly.

export interface Clock {
  /** Virtual epoch milliseconds. */
  now(): number;
  /** Moves virtual time forward and runs whatever became due. Returns the new time. */
  advance(ms: number): number;
  /** Called after every advance; returns an unsubscribe function. */
  onAdvance(listener: (now: number) => void): () => void;
  /** Back to the start time (used by reset). */
  reset(): void;
}

export interface ClockOptions {
  /** Initial virtual time; default: the real time at creation. */
  start?: number;
  realNow?: () => number;
}

export function createClock(options: ClockOptions = {}): Clock {
  const realNow = options.realNow ?? Date.now;
  let realAtStart = realNow();
  let start = options.start ?? realAtStart;
  let offset = 0;
  const listeners = new Set<(now: number) => void>();
  const now = (): number => start + (realNow() - realAtStart) + offset;
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new Error('advance needs a non-negative number of milliseconds');
      offset += ms;
      const current = now();
      for (const listener of [...listeners]) listener(current);
      return current;
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      realAtStart = realNow();
      start = options.start ?? realAtStart;
      offset = 0;
    },
  };
}
