// Properties of amounts on the money path: every amount QIWI can carry round-trips exactly through
// parseAmount/formatAmount as integer minor units, and amounts a kopeck apart never parse equal.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { QiwiInputError } from './errors.js';
import { MAX_AMOUNT, MIN_AMOUNT, formatAmount, minorUnits, parseAmount } from './money.js';

const minor = fc.integer({ min: MIN_AMOUNT, max: MAX_AMOUNT });

describe('amounts, properties', () => {
  test.prop([minor])('formatAmount then parseAmount gives back the same minor units', (m) => {
    const text = formatAmount(minorUnits(m));
    expect(text).toMatch(/^\d{1,6}\.\d{2}$/);
    expect(parseAmount(text)).toBe(m);
  });

  test.prop([fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 })])(
    'a decimal string is whole × 100 + kopecks, exactly (no float)',
    (whole, kopecks) => {
      fc.pre(whole * 100 + kopecks >= MIN_AMOUNT);
      const text = `${whole}.${String(kopecks).padStart(2, '0')}`;
      expect(parseAmount(text)).toBe(whole * 100 + kopecks);
    },
  );

  test.prop([minor, fc.integer({ min: 1, max: 99 })])(
    'amounts a kopeck or more apart never parse equal',
    (m, d) => {
      fc.pre(m + d <= MAX_AMOUNT);
      expect(parseAmount(formatAmount(minorUnits(m)))).not.toBe(parseAmount(formatAmount(minorUnits(m + d))));
    },
  );

  test.prop([fc.string()])(
    'any text parses to a whole amount in range or fails with a QiwiInputError',
    (text) => {
      try {
        const m = parseAmount(text);
        expect(Number.isSafeInteger(m)).toBe(true);
        expect(m).toBeGreaterThanOrEqual(MIN_AMOUNT);
        expect(m).toBeLessThanOrEqual(MAX_AMOUNT);
      } catch (error) {
        expect(error).toBeInstanceOf(QiwiInputError);
      }
    },
  );

  test.prop([fc.double({ noNaN: true })])('numbers are always refused: they are binary floats', (n) => {
    expect(() => parseAmount(n)).toThrow(/decimal string/);
  });
});
