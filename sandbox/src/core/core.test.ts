import { describe, expect, it } from 'vitest';
import { applyBillEvent } from './bill-state.js';
import { parseDuration } from './duration.js';
import { formatAmount, parseAmount } from './money.js';
import { parseFormLifetime, parseRestLifetime } from './moscow-time.js';
import { appendOrderParam, usableReturnUrl } from './return-url.js';

describe('return-url (pull §8.3, §13 A27)', () => {
  it.each([
    ['https://shop.example/ok', 'https://shop.example/ok?order=B-1'],
    ['https://shop.example/ok?a=1', 'https://shop.example/ok?a=1&order=B-1'],
    ['https://shop.example/ok?a=1#frag', 'https://shop.example/ok?a=1&order=B-1#frag'],
    ['https://shop.example/ok#x?y', 'https://shop.example/ok?order=B-1#x?y'],
    ['https://shop.example/ok?', 'https://shop.example/ok?order=B-1'],
    ['https://shop.example/ok?a=1&', 'https://shop.example/ok?a=1&order=B-1'],
  ])('%s → %s', (url, expected) => {
    expect(appendOrderParam(url, 'B-1')).toBe(expected);
  });
  it('encodes the bill id and refuses non-http return URLs', () => {
    expect(appendOrderParam('http://x/', 'a&b c')).toBe('http://x/?order=a%26b%20c');
    expect(usableReturnUrl('javascript:alert(1)')).toBeUndefined();
    expect(usableReturnUrl('/relative')).toBeUndefined();
    expect(usableReturnUrl('https://ok.example/')).toBe('https://ok.example/');
  });
});

describe('bill-state (pull §10.1)', () => {
  it('follows the state table', () => {
    const waiting = { status: 'waiting' as const, paymentStarted: false };
    expect(applyBillEvent(waiting, 'pay')).toEqual({ ok: true, status: 'paid', changed: true });
    expect(applyBillEvent(waiting, 'payment-error')).toEqual({ ok: true, status: 'unpaid', changed: true });
    expect(applyBillEvent(waiting, 'decline')).toEqual({ ok: true, status: 'rejected', changed: true });
    expect(applyBillEvent({ ...waiting, paymentStarted: true }, 'merchant-cancel')).toEqual({
      ok: false,
      code: 1419,
    });
    expect(applyBillEvent({ status: 'paid', paymentStarted: true }, 'expire')).toEqual({
      ok: true,
      status: 'paid',
      changed: false,
    });
    expect(applyBillEvent({ status: 'paid', paymentStarted: true }, 'decline')).toEqual({
      ok: false,
      code: 78,
    });
    expect(applyBillEvent({ status: 'rejected', paymentStarted: false }, 'merchant-cancel')).toEqual({
      ok: true,
      status: 'rejected',
      changed: false,
    });
    expect(applyBillEvent({ status: 'expired', paymentStarted: false }, 'merchant-cancel')).toEqual({
      ok: false,
      code: 78,
    });
  });
});

describe('money and time parsing', () => {
  it('never uses floats and rejects what QIWI rejects', () => {
    expect(parseAmount('1000000')).toEqual({ ok: false, reason: 'too-many-digits' });
    expect(parseAmount('0001.5')).toEqual({ ok: true, minor: 150 });
    for (const bad of ['', '1e3', '1.', '.5', ' 1', '1,5', '-1', '0x10'])
      expect(parseAmount(bad).ok).toBe(false);
    expect(formatAmount(1)).toBe('0.01');
    expect(formatAmount(99_999_999)).toBe('999999.99');
  });
  it('reads REST and form lifetimes as Moscow wall time and rejects impossible dates', () => {
    expect(parseRestLifetime('2017-09-25T15:00:00')).toBe(Date.parse('2017-09-25T12:00:00Z'));
    expect(parseRestLifetime('2018-02-05T17:16:58.033Z')).toBe(Date.parse('2018-02-05T14:16:58.033Z'));
    expect(parseRestLifetime('2017-02-30T10:00:00')).toBeNull();
    expect(parseRestLifetime('2017-09-25T24:00:00')).toBeNull();
    expect(parseRestLifetime('2017-09-25 15:00:00')).toBeNull();
    expect(parseFormLifetime('2017-12-31T2359')).toBe(Date.parse('2017-12-31T20:59:00Z'));
    expect(parseFormLifetime('2017-12-31T23:59')).toBeNull();
  });
  it('parses CLI durations', () => {
    expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('1d soon')).toBeNull();
  });
});
