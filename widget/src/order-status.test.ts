import { describe, expect, it } from 'vitest';
import { MAX_POLLS, pollDelay } from './backoff';
import { outcomeOf } from './order-status';

describe('outcomeOf (GET /v1/orders statuses)', () => {
  it.each([
    ['paid', true, 'paid'],
    ['PAID', undefined, 'paid'],
    ['rejected', true, 'failed'],
    ['unpaid', true, 'failed'],
    ['expired', true, 'failed'],
    ['cancelled', undefined, 'failed'],
    ['refunded-someday', true, 'failed'],
    ['created', false, 'waiting'],
    ['waiting', false, 'waiting'],
    ['something-new', false, 'waiting'],
  ] as const)('%s (final: %s) is %s', (status, final, outcome) => {
    expect(outcomeOf(status, final)).toBe(outcome);
  });
});

describe('poll schedule', () => {
  it('doubles from 1 s, caps at 15 s, and gives up after about three minutes', () => {
    const delays = Array.from({ length: MAX_POLLS }, (_, i) => pollDelay(i));
    expect(delays.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
    expect(Math.max(...delays)).toBe(15000);
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(150_000);
    expect(total).toBeLessThanOrEqual(200_000);
  });
});
