import { describe, expect, it } from 'vitest';
import { QiwiInputError, formatAmount, minorUnits, normaliseAmount, parseAmount } from './index.js';

describe('parseAmount', () => {
  it.each([
    ['10', 1000],
    ['10.5', 1050],
    ['10.50', 1050],
    ['0.01', 1],
    ['007.1', 710],
    ['999999.99', 99_999_999],
  ])('reads %s as %i minor units', (input, minor) => {
    expect(parseAmount(input)).toBe(minor);
  });

  it.each([
    [10.5, /decimal string/],
    [Number.NaN, /decimal string/],
    ['NaN', /not a decimal amount/],
    ['10,50', /comma/],
    ['1,000.00', /comma/],
    ['-1.00', /negative/],
    ['1e3', /not a decimal amount/],
    [' 10', /not a decimal amount/],
    ['10.', /not a decimal amount/],
    ['.5', /not a decimal amount/],
    ['0x10', /not a decimal amount/],
    ['', /not a decimal amount/],
    [undefined, /missing/],
    ['0.00', /below the minimum/],
    ['0', /below the minimum/],
    ['1000000.00', /more than 6 integer digits/],
    ['10.005', /3 decimals.*10\.00/],
  ])('refuses %j with a message that says what to fix', (input, message) => {
    expect(() => parseAmount(input)).toThrow(QiwiInputError);
    expect(() => parseAmount(input)).toThrow(message);
  });

  it('truncates instead of rounding when asked to read a QIWI amount', () => {
    expect(parseAmount('10.009', { mode: 'truncate' })).toBe(1000);
    expect(parseAmount('0.019', { mode: 'truncate' })).toBe(1);
  });

  it('names the field in its errors', () => {
    expect(() => parseAmount('x', { field: 'refund_amount' })).toThrow(/^refund_amount:/);
  });
});

describe('formatAmount', () => {
  it('always writes exactly two decimals', () => {
    expect(formatAmount(minorUnits(0))).toBe('0.00');
    expect(formatAmount(minorUnits(5))).toBe('0.05');
    expect(formatAmount(minorUnits(1050))).toBe('10.50');
    expect(formatAmount(minorUnits(99_999_999))).toBe('999999.99');
  });

  it('round-trips every amount it writes', () => {
    for (const minor of [1, 9, 10, 99, 100, 101, 12345, 99_999_999]) {
      expect(parseAmount(formatAmount(minorUnits(minor)))).toBe(minor);
    }
  });

  it('refuses fractional or out-of-range minor units', () => {
    expect(() => minorUnits(10.5)).toThrow(/whole number/);
    expect(() => minorUnits(-1)).toThrow(/whole number/);
    expect(() => minorUnits(100_000_000)).toThrow(/whole number/);
  });
});

describe('normaliseAmount', () => {
  it('applies QIWI truncation where Number.toFixed would round up', () => {
    expect(normaliseAmount('10.005')).toBe('10.00');
    expect(normaliseAmount('999999.999')).toBe('999999.99');
  });
});
