import { describe, expect, it } from 'vitest';
import { outcomeOf, pollDelay } from './order-status';

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
  it('doubles from 1 s and then asks every 30 s, for as long as the order is not final', () => {
    const delays = Array.from({ length: 100 }, (_, i) => pollDelay(i));
    expect(delays.slice(0, 7)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(Math.max(...delays)).toBe(30000);
    // The first minute, when a wallet payment is usually confirmed, gets 6 polls.
    expect(delays.slice(0, 5).reduce((a, b) => a + b, 0)).toBeLessThan(60_000);
  });
});
