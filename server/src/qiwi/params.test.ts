import { describe, expect, it } from 'vitest';
import {
  PAGE_PAY_SOURCES,
  REST_PAY_SOURCES,
  assertLifetime,
  formatFormLifetime,
  formatRestLifetime,
  normalisePhone,
  parseFormLifetime,
  parseRestLifetime,
  toWalletUser,
  validateBillId,
  validateComment,
  validateCurrency,
  validatePaySource,
  validatePrvName,
  validateRefundId,
} from './index.js';

describe('bill id', () => {
  it('allows 200 characters for Pull, 30 for Bill 1.0.0 and for the Pull web form', () => {
    expect(validateBillId('a'.repeat(200), 'pull')).toHaveLength(200);
    expect(() => validateBillId('a'.repeat(201), 'pull')).toThrow(/longer than 200/);
    expect(validateBillId('a'.repeat(30), 'bill')).toHaveLength(30);
    expect(() => validateBillId('a'.repeat(31), 'bill')).toThrow(/longer than 30/);
    expect(() => validateBillId('a'.repeat(31), 'pullWebform')).toThrow(/longer than 30/);
  });

  it.each(['', 'order 1', 'order/1', 'заказ-1', 'a?b'])('refuses %j: ids must need no encoding', (id) => {
    expect(() => validateBillId(id, 'pull')).toThrow(/bill_id/);
  });
});

describe('refund id', () => {
  it('is 1 to 9 Latin letters or digits', () => {
    expect(validateRefundId('R1')).toBe('R1');
    expect(validateRefundId('123456789')).toBe('123456789');
    for (const bad of ['', '1234567890', 'r-1', '0b8a4e0c-2b6a-4d6b-9c8e-3b7f0e5b2c11']) {
      expect(() => validateRefundId(bad)).toThrow(/1 to 9/);
    }
  });
});

describe('phone', () => {
  it('normalises what a person types to +digits and builds tel:+ users', () => {
    expect(normalisePhone('+7 (916) 123-45-67')).toBe('+79161234567');
    expect(normalisePhone('tel:+79161234567')).toBe('+79161234567');
    expect(toWalletUser(normalisePhone('+79161234567'))).toBe('tel:+79161234567');
    expect(toWalletUser(normalisePhone('+' + '1'.repeat(15)))).toHaveLength(20);
  });

  it.each(['79161234567', '+', '+1234567890123456', 'tel:79161234567', '+7916abc'])('refuses %j', (phone) => {
    expect(() => normalisePhone(phone)).toThrow(/international|country code/);
  });
});

describe('currency, comment, prv_name, pay source', () => {
  it('checks currency as ISO alpha-3', () => {
    expect(validateCurrency('RUB')).toBe('RUB');
    for (const bad of ['rub', 'RU', '643', 'RUBL', undefined])
      expect(() => validateCurrency(bad)).toThrow(/ISO 4217/);
  });

  it('counts comment and prv_name length in characters, Cyrillic included', () => {
    expect(validateComment('ж'.repeat(255))).toHaveLength(255);
    expect(() => validateComment('ж'.repeat(256))).toThrow(/limit is 255/);
    expect(() => validateComment(undefined)).toThrow(/missing/);
    expect(validateComment(undefined, false)).toBeUndefined();
    expect(() => validatePrvName('x'.repeat(101))).toThrow(/limit is 100/);
  });

  it('allows qw and mobile over REST, and the five page sources on forms', () => {
    expect(validatePaySource('mobile', REST_PAY_SOURCES)).toBe('mobile');
    expect(() => validatePaySource('card', REST_PAY_SOURCES)).toThrow(/qw, mobile/);
    for (const source of ['qw', 'mobile', 'card', 'wm', 'ssk'])
      expect(validatePaySource(source, PAGE_PAY_SOURCES)).toBe(source);
    expect(validatePaySource('', PAGE_PAY_SOURCES)).toBeUndefined();
  });
});

describe('lifetime', () => {
  const now = new Date('2026-01-10T09:00:00Z');

  it('writes Moscow wall time in the REST and web-form formats', () => {
    expect(formatRestLifetime(new Date('2026-01-10T21:30:05Z'))).toBe('2026-01-11T00:30:05');
    expect(formatFormLifetime(new Date('2026-01-10T21:30:05Z'))).toBe('2026-01-11T0030');
  });

  it('refuses malformed or impossible dates', () => {
    for (const bad of [
      '2017-09-25 15:00:00',
      '2017-09-25T15:00:00Z',
      '2017-02-30T10:00:00',
      '2017-09-25T25:00:00',
    ]) {
      expect(() => parseRestLifetime(bad)).toThrow(/lifetime/);
    }
    expect(() => parseFormLifetime('2017-12-31T23:59')).toThrow(/2017-12-31T2359/);
  });

  it('requires a future deadline within the forced-expiry cap of each protocol', () => {
    const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
    expect(() => assertLifetime(now, now, 45)).toThrow(/not in the future/);
    expect(() => assertLifetime(days(45), now, 45)).not.toThrow();
    expect(() => assertLifetime(days(45.01), now, 45)).toThrow(/45 days/);
    expect(() => assertLifetime(days(28), now, 28)).not.toThrow();
    expect(() => assertLifetime(days(29), now, 28)).toThrow(/28 days/);
  });
});
