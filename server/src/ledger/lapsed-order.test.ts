import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from './order-status.js';
import { isLapsedWithoutBill, LAPSE_GRACE_MS } from './lapsed-order.js';

describe('isLapsedWithoutBill', () => {
  const lifetime = '2025-01-01T12:00:00.000Z';
  const deadline = Date.parse(lifetime);
  const at = (offsetMs: number) => new Date(deadline + offsetMs);

  it('is not over before the deadline', () => {
    expect(isLapsedWithoutBill({ status: 'created', lifetime }, at(-60_000))).toBe(false);
    expect(isLapsedWithoutBill({ status: 'created', lifetime }, at(0))).toBe(false);
  });

  it('waits out the ten-minute grace after the deadline, for clock skew with QIWI', () => {
    expect(LAPSE_GRACE_MS).toBe(10 * 60 * 1000);
    expect(isLapsedWithoutBill({ status: 'created', lifetime }, at(1))).toBe(false);
    expect(isLapsedWithoutBill({ status: 'created', lifetime }, at(9 * 60_000))).toBe(false);
    expect(isLapsedWithoutBill({ status: 'created', lifetime }, at(LAPSE_GRACE_MS))).toBe(false);
  });

  it('is over once the grace has passed too', () => {
    expect(isLapsedWithoutBill({ status: 'created', lifetime }, at(LAPSE_GRACE_MS + 1))).toBe(true);
    expect(isLapsedWithoutBill({ status: 'created', lifetime }, at(24 * 60 * 60 * 1000))).toBe(true);
  });

  it('concerns only orders still created: any other status means QIWI has held a bill', () => {
    for (const status of ORDER_STATUSES.filter((s) => s !== 'created'))
      expect(isLapsedWithoutBill({ status, lifetime }, at(24 * 60 * 60 * 1000))).toBe(false);
  });

  it('never expires an order whose lifetime cannot be read', () => {
    expect(isLapsedWithoutBill({ status: 'created', lifetime: 'not a date' }, at(LAPSE_GRACE_MS + 1))).toBe(
      false,
    );
  });
});
