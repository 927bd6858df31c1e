import { describe, expect, it } from 'vitest';
import { formatMoney, fromMinor, normaliseInput, remaining, toMinor } from './money.js';

describe('money on decimal strings', () => {
  it('reads amounts into whole minor units and back without rounding', () => {
    expect(toMinor('1250.5')).toBe(125050);
    expect(toMinor('0.07')).toBe(7);
    expect(toMinor('10')).toBe(1000);
    expect(toMinor('1.005')).toBeUndefined();
    expect(toMinor('-1')).toBeUndefined();
    expect(fromMinor(125050)).toBe('1250.50');
    expect(fromMinor(7)).toBe('0.07');
  });

  it('leaves exactly what is not refunded, where floats would not (0.3 - 0.1)', () => {
    expect(remaining('0.30', '0.10')).toBe('0.20');
    expect(remaining('150.00', '40.25')).toBe('109.75');
    expect(remaining('10.00', '12.00')).toBe('0.00');
  });

  it('accepts a Russian decimal comma and spaces in what a person types', () => {
    expect(normaliseInput('1 250,5')).toBe('1250.50');
    expect(normaliseInput('40')).toBe('40.00');
    expect(normaliseInput('4O')).toBeUndefined();
  });

  it('formats in the merchant locale', () => {
    expect(formatMoney('1250.50', 'RUB', 'en').replace(/\s/g, ' ')).toBe('RUB 1,250.50');
    expect(formatMoney('1250.50', 'RUB', 'ru').replace(/\s/g, ' ')).toBe('1 250,50 ₽');
  });
});
