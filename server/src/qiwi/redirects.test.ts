import { describe, expect, it } from 'vitest';
import {
  billCheckoutRedirect,
  billPayFormRedirect,
  parseAmount,
  pullCheckoutRedirect,
  pullWebformRedirect,
  pullWebformSign,
  parseFormLifetime,
  normalisePhone,
  validateBillId,
  validateCurrency,
  validateReturnUrl,
} from './index.js';

describe('Pull web form (pull-rest-api-2.1.md §7)', () => {
  const base = {
    prvId: '21379721',
    billId: validateBillId('order-105', 'pullWebform'),
    amount: parseAmount('10.50'),
    currency: validateCurrency('RUB'),
  };

  it('builds the unsigned form without api_id or sign', () => {
    const r = pullWebformRedirect(base);
    expect(r.action).toBe('https://bill.qiwi.com/order/external/create.action');
    expect(r.url).toBe(
      'https://bill.qiwi.com/order/external/create.action?from=21379721&summ=10.50&currency=RUB&txn_id=order-105',
    );
    expect(r.params).toEqual({ from: '21379721', summ: '10.50', currency: 'RUB', txn_id: 'order-105' });
  });

  it('signs exactly what it puts in the URL, and leaves the unsigned fields out of the signature', () => {
    const lifetime = parseFormLifetime('2030-01-31T1200');
    const r = pullWebformRedirect({
      ...base,
      lifetime,
      phone: normalisePhone('+79161234567'),
      comment: 'Заказ',
      failUrl: validateReturnUrl('failUrl', 'https://shop.example/fail'),
      paySource: 'card',
      signing: { apiId: '62573819', apiPassword: 'pw' },
    });
    const p = r.params;
    expect(p.lifetime).toBe('2030-01-31T1200');
    expect(p.sign).toBe(
      pullWebformSign(
        {
          api_id: '62573819',
          currency: 'RUB',
          from: '21379721',
          lifetime: '2030-01-31T1200',
          summ: '10.50',
          txn_id: 'order-105',
        },
        'pw',
      ),
    );
    expect(new URL(r.url).searchParams.get('comm')).toBe('Заказ');
    expect(new URL(r.url).searchParams.get('to')).toBe('+79161234567');
  });

  it('takes its base URL from configuration (the sandbox)', () => {
    expect(pullWebformRedirect({ ...base, baseUrl: 'http://127.0.0.1:8910' }).action).toBe(
      'http://127.0.0.1:8910/order/external/create.action',
    );
  });

  it('takes only a txn_id of at most 30 characters and absolute http(s) return addresses', () => {
    // The builder's options are parsed values (brands.ts); these are the parsers it relies on.
    expect(() => validateBillId('x'.repeat(31), 'pullWebform')).toThrow(/30/);
    expect(() => validateReturnUrl('successUrl', '/relative')).toThrow(/absolute URL/);
    expect(() => validateReturnUrl('successUrl', 'javascript:alert(1)')).toThrow(/https/);
  });
});

describe('checkout of an existing bill', () => {
  const bill = {
    prvId: '21379721',
    billId: validateBillId('order-1001', 'pull'),
    successUrl: validateReturnUrl('successUrl', 'https://shop.example/pay/ok?a=1'),
    failUrl: validateReturnUrl('failUrl', 'https://shop.example/pay/fail'),
    paySource: 'qw' as const,
  };

  it('uses oplata.qiwi.com/form by default (§8.2 example)', () => {
    expect(pullCheckoutRedirect(bill).url).toBe(
      'https://oplata.qiwi.com/form?shop=21379721&transaction=order-1001&successUrl=https%3A%2F%2Fshop.example%2Fpay%2Fok%3Fa%3D1&failUrl=https%3A%2F%2Fshop.example%2Fpay%2Ffail&pay_source=qw',
    );
  });

  it('offers the legacy main.action checkout', () => {
    expect(pullCheckoutRedirect({ ...bill, variant: 'legacy' }).action).toBe(
      'https://bill.qiwi.com/order/external/main.action',
    );
  });

  it('builds the Bill Payments 1.0.0 checkout at /order/form', () => {
    const r = billCheckoutRedirect({ prvId: '2042', billId: validateBillId('BILL-1', 'bill') });
    expect(r.url).toBe('https://oplata.qiwi.com/order/form?shop=2042&transaction=BILL-1');
  });
});

describe('Bill Payments 1.0.0 pay form (§6)', () => {
  const base = {
    publicKey: 'UMYxY7qyMExWo7Q5UzaqCbK',
    billId: validateBillId('Bill-2', 'bill'),
    amount: parseAmount('10.50'),
  };

  it('builds the simple form with pay_source, and extras as extra_*', () => {
    const r = billPayFormRedirect({ ...base, paySource: 'card', extras: { order: '123' } });
    expect(r.params).toEqual({
      public_key: base.publicKey,
      bill_id: 'Bill-2',
      amount: '10.50',
      extra_order: '123',
      pay_source: 'card',
    });
  });

  it('refuses pay_source on the signed form and a missing public key', () => {
    expect(() => billPayFormRedirect({ ...base, paySource: 'qw', secretKey: 'k' })).toThrow(/pay_source/);
    expect(() => billPayFormRedirect({ ...base, publicKey: '' })).toThrow(/public_key/);
  });
});
