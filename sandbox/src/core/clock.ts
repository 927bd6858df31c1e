// The emulator's one virtual clock. Virtual time runs `1 / timeFactor` times as fast as real time (factor
// 0.001: one real second is 1000 virtual seconds) and jumps forward on `advance`. Lifetimes, retries,
// refunds and the delivery log all read this clock, so they agree (pull-rest-api-2.1.md §14 "Clock
// injection (Moscow time) and time-scale for expiry and retries"). Clock and randomness are passed in
// (DESIGN.md house style 5), so nothing else reads Date.now() for virtual time.

export interface Clock {
  /** Virtual epoch milliseconds. */
  now(): number;
  /** Real milliseconds per virtual millisecond (the time factor). */
  readonly factor: number;
  /** Moves virtual time forward and runs whatever became due. Returns the new time. */
  advance(ms: number): number;
  /** Called after every advance; returns an unsubscribe function. */
  onAdvance(listener: (now: number) => void): () => void;
  /** Back to the start time at the real rate's origin (used by reset). */
  reset(): void;
}

export interface ClockOptions {
  /** Initial virtual time; default: the real time at creation (and at each reset). */
  start?: number;
  /** Real ms per virtual ms; default 1. */
  timeFactor?: number;
  realNow?: () => number;
}

export function createClock(options: ClockOptions = {}): Clock {
  const realNow = options.realNow ?? Date.now;
  const factor = options.timeFactor ?? 1;
  if (!(factor > 0)) throw new Error('timeFactor must be a positive number');
  let realAtStart = realNow();
  let start = options.start ?? realAtStart;
  let offset = 0;
  const listeners = new Set<(now: number) => void>();
  const now = (): number => Math.floor(start + (realNow() - realAtStart) / factor + offset);
  return {
    now,
    factor,
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
