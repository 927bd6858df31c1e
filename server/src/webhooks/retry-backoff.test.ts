import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, webhookRetryDelayMs } from './retry-backoff.js';

describe('webhookRetryDelayMs', () => {
  it('doubles from 10 s with half of each step jittered', () => {
    expect(webhookRetryDelayMs(1, () => 0)).toBe(5_000);
    expect(webhookRetryDelayMs(1, () => 0.999999)).toBe(10_000);
    expect(webhookRetryDelayMs(2, () => 0)).toBe(10_000);
    expect(webhookRetryDelayMs(3, () => 0.5)).toBe(30_000);
  });

  it('never waits more than an hour between attempts, however many failed', () => {
    for (const n of [9, 10, 50, 1_000, 1e9])
      expect(webhookRetryDelayMs(n, () => 0.999999)).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
    expect(webhookRetryDelayMs(1_000, () => 0)).toBe(DEFAULT_BACKOFF.capMs / 2);
  });

  it('treats odd inputs as the first attempt and clamps the random source', () => {
    expect(webhookRetryDelayMs(0, () => 0)).toBe(5_000);
    expect(webhookRetryDelayMs(-3, () => 2)).toBe(10_000);
    expect(webhookRetryDelayMs(2, () => 0, { baseMs: 100, capMs: 150 })).toBe(75);
  });
});
