// The REST client against a real HTTP server on 127.0.0.1 answering spec-shaped responses.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { billJson, failure, ok, startStubServer, type StubServer } from '../../../test/qiwi-stub-server.js';
import {
  QiwiApiError,
  QiwiBillConflictError,
  QiwiInputError,
  QiwiTransportError,
  billSecretKey,
  parseAmount,
  pullApiAuthorization,
  normalisePhone,
  validateBillId,
  validateCurrency,
} from '../index.js';
import { createQiwiClient, type QiwiClientOptions } from './client.js';

let qiwi: StubServer;
beforeAll(async () => {
  qiwi = await startStubServer();
});
afterAll(() => qiwi.close());
beforeEach(() => qiwi.reset());

const now = new Date('2026-03-01T09:00:00Z');
const lifetime = new Date('2026-03-02T12:00:00Z'); // 15:00 Moscow
const delays: number[] = [];
const fast = {
  sleep: async (ms: number) => void delays.push(ms),
  random: () => 0.5,
  now: () => now,
  timeoutMs: 300,
};

function pull(extra: Partial<QiwiClientOptions> = {}) {
  return createQiwiClient({
    protocol: 'pull',
    prvId: '21379721',
    apiId: '62573819',
    apiPassword: 'KCVn0OGNdepwbrruSzvE',
    baseUrl: qiwi.url,
    ...fast,
    ...extra,
  } as QiwiClientOptions);
}
function bill() {
  return createQiwiClient({
    protocol: 'bill',
    prvId: '2042',
    apiId: '56603972',
    apiSecret: 's3cr3tApiKey',
    baseUrl: qiwi.url,
    ...fast,
  });
}
const order = {
  billId: validateBillId('order-1001', 'pull'),
  amount: parseAmount('250.00'),
  currency: validateCurrency('RUB'),
  phone: normalisePhone('+79001234567'),
  comment: 'Order 1001',
  lifetime,
  prvName: 'Demo Shop',
};

describe('Pull 2.1 operations', () => {
  it('creates a bill with the documented request (§5.1) and reads the answer', async () => {
    qiwi.answer(ok('bill', billJson()));
    const created = await pull().createBill({ ...order, paySource: 'qw' });
    expect(created).toMatchObject({
      billId: 'order-1001',
      amount: 25000,
      currency: 'RUB',
      status: 'waiting',
      user: 'tel:+79001234567',
    });
    const [req] = qiwi.received;
    expect(req?.method).toBe('PUT');
    expect(req?.url).toBe('/api/v2/prv/21379721/bills/order-1001');
    expect(req?.headers.authorization).toBe(pullApiAuthorization('62573819', 'KCVn0OGNdepwbrruSzvE'));
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(req?.headers['user-agent']).toBe('qiwi-pay');
    expect(Object.fromEntries(new URLSearchParams(req?.body))).toEqual({
      user: 'tel:+79001234567',
      amount: '250.00',
      ccy: 'RUB',
      comment: 'Order 1001',
      lifetime: '2026-03-02T15:00:00',
      pay_source: 'qw',
      prv_name: 'Demo Shop',
    });
  });

  it('reads status, cancels, refunds and reads refund status', async () => {
    const client = pull();
    qiwi.answer(ok('bill', billJson({ status: 'paid', originAmount: '250.00', originCcy: 'RUB' })));
    expect(await client.getBill('order-1001')).toMatchObject({
      status: 'paid',
      originAmount: 25000,
      originCurrency: 'RUB',
    });
    qiwi.answer(ok('bill', billJson({ status: 'rejected' })));
    expect((await client.cancelBill('order-1001')).status).toBe('rejected');
    qiwi.answer(
      ok('refund', {
        refund_id: 'R1',
        amount: '5.00',
        status: 'processing',
        error: 0,
        user: 'tel:+79001234567',
      }),
    );
    expect(await client.refund('order-1001', 'R1', parseAmount('5'))).toEqual({
      refundId: 'R1',
      amount: 500,
      status: 'processing',
      error: 0,
    });
    qiwi.answer(ok('refund', { refund_id: 'R1', amount: '5.0', status: 'success', error: 0 }));
    expect((await client.getRefund('order-1001', 'R1')).status).toBe('success');
    expect(qiwi.received.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'GET /api/v2/prv/21379721/bills/order-1001 ',
      'PATCH /api/v2/prv/21379721/bills/order-1001 status=rejected',
      'PUT /api/v2/prv/21379721/bills/order-1001/refund/R1 amount=5.00',
      'GET /api/v2/prv/21379721/bills/order-1001/refund/R1 ',
    ]);
  });

  it('asks for XML and reads an XML answer', async () => {
    qiwi.answer({
      xml: '<?xml version="1.0" encoding="UTF-8"?>\n<response><result_code>0</result_code><bill><bill_id>order-1001</bill_id><amount>250.00</amount><ccy>RUB</ccy><status>waiting</status><error>0</error><user>tel:+79001234567</user><comment>Заказ &amp; доставка</comment></bill></response>',
    });
    const got = await pull({ format: 'xml' }).getBill('order-1001');
    expect(qiwi.received[0]?.headers.accept).toBe('text/xml');
    expect(got).toMatchObject({ amount: 25000, status: 'waiting', comment: 'Заказ & доставка' });
  });

  it('reads an XML error answer', async () => {
    qiwi.answer({
      status: 401,
      xml: '<?xml version="1.0"?><response><result_code>150</result_code><description>Authorization failed</description></response>',
    });
    await expect(pull({ format: 'xml' }).getBill('order-1001')).rejects.toMatchObject({
      resultCode: 150,
      httpStatus: 401,
      retryable: false,
    });
  });

  it('refuses bad input before sending anything', async () => {
    // A phone, bill id or currency reaches createBill only parsed (brands.ts): a bad one never gets there.
    expect(() => normalisePhone('79001234567')).toThrow(QiwiInputError);
    await expect(pull().createBill({ ...order, lifetime: new Date(now.getTime() - 1) })).rejects.toThrow(
      /future/,
    );
    await expect(pull().refund('order-1001', 'not-valid-refund', parseAmount('1'))).rejects.toThrow(/1 to 9/);
    expect(qiwi.received).toHaveLength(0);
  });
});

describe('result codes', () => {
  const table: Array<[number, number, boolean]> = [
    [5, 200, false],
    [13, 200, true],
    [78, 200, false],
    [150, 401, false],
    [152, 200, true],
    [155, 200, false],
    [210, 200, false],
    [241, 200, false],
    [242, 200, false],
    [298, 200, false],
    [300, 200, true],
    [303, 200, false],
    [316, 200, true],
    [319, 200, true],
    [339, 200, false],
    [341, 200, false],
    [700, 200, false],
    [774, 200, true],
    [934, 200, false],
    [1001, 200, false],
    [1003, 200, true],
    [1018, 200, false],
    [1019, 200, false],
    [1419, 200, false],
  ];

  it.each(table)(
    'code %i (HTTP %i) becomes a QiwiApiError, retryable=%s',
    async (code, status, retryable) => {
      // Transient codes are retried: give every attempt the same answer.
      qiwi.answer(failure(code, status), failure(code, status), failure(code, status));
      const error = await pull()
        .getBill('order-1001')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QiwiApiError);
      expect(error).toMatchObject({ resultCode: code, httpStatus: status, retryable, code: `qiwi_${code}` });
      expect((error as Error).message).toContain(`code ${code}`);
      expect(qiwi.received).toHaveLength(code === 13 || code === 300 ? 3 : 1);
    },
  );
});

describe('retries, timeouts and broken connections', () => {
  it('retries a 5xx with an unreadable body, then succeeds', async () => {
    qiwi.answer({ status: 502, text: '<html>Bad gateway</html>' }, ok('bill', billJson()));
    expect((await pull().getBill('order-1001')).status).toBe('waiting');
    expect(qiwi.received).toHaveLength(2);
  });

  it('retries "server busy" (13) and succeeds', async () => {
    qiwi.answer(failure(13), ok('bill', billJson()));
    expect((await pull().getBill('order-1001')).billId).toBe('order-1001');
  });

  it('times out a request that never answers, retrying with capped jittered backoff', async () => {
    delays.length = 0;
    qiwi.answer({ hang: true }, { hang: true }, { hang: true });
    const started = Date.now();
    const error = await pull()
      .getBill('order-1001')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QiwiTransportError);
    expect(error).toMatchObject({ code: 'qiwi_timeout', retryable: true });
    expect(qiwi.received).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 300 - 50);
    expect(delays).toEqual([150, 300]); // 200 and 400 ms ceilings, equal jitter at random()=0.5
  });

  it('survives a reset connection', async () => {
    qiwi.answer({ reset: true }, ok('bill', billJson()));
    expect((await pull().getBill('order-1001')).status).toBe('waiting');
    expect(qiwi.received).toHaveLength(2);
  });

  it('reports a network error when retries run out', async () => {
    qiwi.answer({ reset: true }, { reset: true }, { reset: true });
    await expect(pull().getBill('order-1001')).rejects.toMatchObject({ code: 'qiwi_network' });
  });

  it('never follows a redirect, so the credentials go to the configured API only', async () => {
    const elsewhere = await startStubServer();
    try {
      const moved = {
        status: 302,
        text: '',
        headers: { location: `${elsewhere.url}/api/v2/prv/21379721/bills/order-1001` },
      };
      qiwi.answer(moved, moved, moved);
      const error = await pull()
        .getBill('order-1001')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QiwiTransportError);
      expect(error).toMatchObject({ code: 'qiwi_network' });
      expect((error as Error).message).toContain('redirect (HTTP 302)');
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('retries a bill creation that timed out: the repeat is answered from the stored bill', async () => {
    qiwi.answer({ hang: true }, ok('bill', billJson()));
    expect((await pull().createBill(order)).status).toBe('waiting');
    expect(qiwi.received.map((r) => r.method)).toEqual(['PUT', 'PUT']);
    expect(qiwi.received[0]?.body).toBe(qiwi.received[1]?.body);
  });
});

describe('re-creating a bill that meets 215 (§4.7)', () => {
  it('reads the bill back and accepts it when the amount and currency match', async () => {
    qiwi.answer(failure(215), ok('bill', billJson({ status: 'paid' })));
    expect((await pull().createBill(order)).status).toBe('paid');
    expect(qiwi.received.map((r) => r.method)).toEqual(['PUT', 'GET']);
  });

  it('refuses with a conflict when QIWI holds another amount', async () => {
    qiwi.answer(failure(215), ok('bill', billJson({ amount: '99.00' })));
    const error = await pull()
      .createBill(order)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QiwiBillConflictError);
    expect((error as Error).message).toMatch(/99\.00 RUB instead of 250\.00 RUB/);
  });
});

describe('Bill Payments 1.0.0', () => {
  it('uses /api/v3/prv/bills with the Bearer secret_key (§4.1, §5.1)', async () => {
    qiwi.answer(ok('bill', billJson({ bill_id: 'BILL-1' })));
    await bill().createBill({ ...order, billId: validateBillId('BILL-1', 'bill') });
    const [req] = qiwi.received;
    expect(req?.url).toBe('/api/v3/prv/bills/BILL-1');
    expect(req?.headers.authorization).toBe('Bearer ' + billSecretKey('2042', '56603972', 's3cr3tApiKey'));
    // prv_name is a Pull parameter only.
    expect(new URLSearchParams(req?.body).has('prv_name')).toBe(false);
  });

  it('refuses bill ids over 30 characters', async () => {
    await expect(bill().getBill('x'.repeat(31))).rejects.toThrow(/30/);
  });

  it('reads profile B answers: SUCCESS with currency, and unwrapped CORE__ errors', async () => {
    qiwi.answer({
      json: {
        response: {
          result_code: 'SUCCESS',
          bill: {
            bill_id: 'BILL-1',
            amount: '10.00',
            currency: 'RUB',
            status: 'waiting',
            pay_url: 'https://oplata.qiwi.com/?uid=1',
          },
        },
      },
    });
    expect(await bill().getBill('BILL-1')).toMatchObject({
      currency: 'RUB',
      amount: 1000,
      payUrl: 'https://oplata.qiwi.com/?uid=1',
    });
    qiwi.answer({
      json: {
        result_code: 'AUTH_FAILED',
        error_code: 'CORE__150',
        description: 'Authorization failed',
        datetime: '2017-06-28T21:57:45.540Z',
      },
    });
    await expect(bill().getBill('BILL-1')).rejects.toMatchObject({ resultCode: 150 });
  });
});
