import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { DEMO_PULL } from '../src/config/demo-accounts.js';
import {
  billBody,
  call,
  control,
  DAY,
  demoPullWith,
  lifetimeIn,
  pull,
  PULL_AUTH,
  pullRefund,
  PRV,
  startSandbox,
} from './helpers.js';

// pull-rest-api-2.1.md §14 "What a faithful emulator must reproduce" — REST.

const code = (r: { json: { response: { result_code: number } } }): number => r.json.response.result_code;

describe('pull-rest-api-2.1.md §14 REST', () => {
  it('Routes exactly: PUT|GET|PATCH /api/v2/prv/{prv_id}/bills/{bill_id}, PUT|GET …/refund/{refund_id}; 404/405 otherwise', async () => {
    const h = await startSandbox();
    const base = `${h.url}/api/v2/prv/${PRV}`;
    expect(code(await pull(h, 'r-1', 'PUT', billBody()))).toBe(0);
    expect(code(await pull(h, 'r-1', 'GET'))).toBe(0);
    expect(code(await pull(h, 'r-1', 'PATCH', 'status=rejected'))).toBe(0);
    expect(code(await pullRefund(h, 'r-1', 'a1', 'GET'))).toBe(210);
    for (const [url, method, status] of [
      [`${base}/bills/r-1`, 'POST', 405],
      [`${base}/bills/r-1`, 'DELETE', 405],
      [`${base}/bills/r-1/refund/a1`, 'PATCH', 405],
      [`${base}/bills/r-1/refund/a1`, 'DELETE', 405],
      [`${base}/bills`, 'GET', 404],
      [`${base}/bills/`, 'GET', 404],
      [`${base}/bill/r-1`, 'GET', 404],
      [`${base}/bills/r-1/refunds/a1`, 'GET', 404],
      [`${base}/bills/r-1/refund/a1/x`, 'GET', 404],
      [`${h.url}/api/v2/prv`, 'GET', 404],
      [`${h.url}/api/v1/anything`, 'GET', 404],
      [`${h.url}/no/such/page`, 'GET', 404],
    ] as const) {
      const r = await call(url, method, undefined, { Authorization: PULL_AUTH });
      expect([url, method, r.status, r.text]).toEqual([url, method, status, '']);
    }
    // Path segments are decoded exactly once: %2F stays inside the bill id.
    expect(code(await call(`${base}/bills/a%2Fb`, 'PUT', billBody(), { Authorization: PULL_AUTH }))).toBe(0);
    expect((await control<{ bill: { billId: string } }>(h, '/bills/a%2Fb')).body.bill.billId).toBe('a/b');
  });

  it('Basic auth parsing (first colon splits); 150 + HTTP 401 on any failure', async () => {
    const h = await startSandbox({
      config: { pull: [demoPullWith({ api: [{ apiId: DEMO_PULL.apiId, password: 'pa:ss:word' }] })] },
    });
    const header = (user: string, password: string): string =>
      `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
    expect(
      code(await pull(h, 'a-1', 'PUT', billBody(), { Authorization: header(DEMO_PULL.apiId, 'pa:ss:word') })),
    ).toBe(0);
    expect(
      code(
        await pull(h, 'a-1', 'GET', undefined, {
          Authorization: `basic  ${header(DEMO_PULL.apiId, 'pa:ss:word').slice(6)}`,
        }),
      ),
    ).toBe(0);
    const failures: Record<string, string | undefined> = {
      missing: undefined,
      'wrong password': header(DEMO_PULL.apiId, 'pa:ss'),
      'unknown API id': header('11111111', 'pa:ss:word'),
      'no colon': `Basic ${Buffer.from('62573819').toString('base64')}`,
      'not base64': 'Basic !!!notbase64!!!',
      'other scheme': `Bearer ${header(DEMO_PULL.apiId, 'pa:ss:word').slice(6)}`,
    };
    for (const [label, authorization] of Object.entries(failures)) {
      const r = await pull(
        h,
        'a-1',
        'GET',
        undefined,
        authorization ? { Authorization: authorization } : { Authorization: '' },
      );
      expect([label, r.status, code(r), r.json.response.bill]).toEqual([label, 401, 150, undefined]);
    }
    // Row 5: prv_id not bound to the API id (or not numeric) is an authorization failure too.
    for (const prv of ['373712', 'abc']) {
      const r = await call(`${h.url}/api/v2/prv/${prv}/bills/a-1`, 'GET', undefined, {
        Authorization: header(DEMO_PULL.apiId, 'pa:ss:word'),
      });
      expect([r.status, code(r)]).toEqual([401, 150]);
    }
  });

  it('Form-urlencoded UTF-8 bodies, with or without charset; + as space', async () => {
    const h = await startSandbox();
    // Exactly what the official Node SDK sends (§12): no charset, Accept text/json, lifetime …:ss.sssZ.
    const sdkLifetime = new Date(Date.now() + DAY + 3 * 3_600_000).toISOString();
    const body = `user=tel%3A%2B79001234567&amount=10.5&ccy=RUB&comment=Plus+and%20space+%D0%97%D0%B0%D0%BA%D0%B0%D0%B7&lifetime=${encodeURIComponent(sdkLifetime)}`;
    const r = await call(`${h.url}/api/v2/prv/${PRV}/bills/sdk-1`, 'PUT', body, {
      Authorization: PULL_AUTH,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'text/json',
    });
    expect(r.contentType).toBe('text/json');
    expect(r.json.response).toMatchObject({
      result_code: 0,
      bill: { amount: '10.50', comment: 'Plus and space Заказ' },
    });
    const withCharset = await pull(h, 'cs-1', 'PUT', billBody({ comment: 'Тест' }), {
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
    });
    expect(withCharset.json.response.bill?.comment).toBe('Тест');
  });

  it('JSON/XML by Accept; response Content-Type echoes it; well-formed XML; result_code integer; amounts as 2-decimal strings; error: 0 in bills', async () => {
    const h = await startSandbox();
    await pull(h, 'fmt-1', 'PUT', billBody({ amount: '250' }));
    for (const accept of ['text/json', 'application/json']) {
      const r = await pull(h, 'fmt-1', 'GET', undefined, { Accept: accept });
      expect(r.contentType).toBe(accept);
      expect(r.json.response).toEqual({
        result_code: 0,
        bill: {
          bill_id: 'fmt-1',
          amount: '250.00',
          ccy: 'RUB',
          status: 'waiting',
          error: 0,
          user: 'tel:+79001234567',
          comment: 'Order 1001',
        },
      });
    }
    for (const accept of ['text/xml', 'application/xml', 'text/html, application/xml;q=0.9']) {
      const r = await pull(h, 'fmt-1', 'GET', undefined, { Accept: accept });
      expect(r.contentType).toBe(accept.includes('text/xml') ? 'text/xml' : 'application/xml');
      expect(XMLValidator.validate(r.text)).toBe(true);
      const doc = new XMLParser({ parseTagValue: false }).parse(r.text) as {
        response: { result_code: string; bill: Record<string, string> };
      };
      expect(doc.response.result_code).toBe('0');
      expect(doc.response.bill).toMatchObject({
        bill_id: 'fmt-1',
        amount: '250.00',
        status: 'waiting',
        error: '0',
      });
    }
    const failure = await pull(h, 'missing', 'GET', undefined, { Accept: 'text/xml' });
    expect(XMLValidator.validate(failure.text)).toBe(true);
    expect(failure.text).toContain('<result_code>210</result_code>');
    expect(failure.text).toContain('<description>');
    for (const accept of [undefined, '*/*', 'text/html']) {
      const r = await pull(
        h,
        'fmt-1',
        'GET',
        undefined,
        accept === undefined ? { Accept: '' } : { Accept: accept },
      );
      expect(r.contentType).toBe('application/json;charset=utf-8');
      expect(typeof r.json.response.result_code).toBe('number');
    }
  });

  it('Validation order and codes of §5.1 table; truncation (never rounding up) of amounts; 45-day cap; lazy expiry on read', async () => {
    const h = await startSandbox();
    const cases: Array<[string, Record<string, string | undefined>, number, string?]> = [
      ['row 6 before row 8', { user: undefined }, 5, 'x'.repeat(201)],
      ['row 8 user missing', { user: undefined, amount: 'bad' }, 341],
      ['row 9 user malformed (before amount)', { user: 'tel:79001234567', amount: 'bad' }, 303],
      ['row 9 too long', { user: 'tel:+7900123456789012' }, 303],
      ['row 10 amount missing', { amount: undefined }, 341],
      ['row 10 not decimal', { amount: '1,00' }, 341],
      ['row 10 negative', { amount: '-1.00' }, 341],
      ['row 10 seven integer digits', { amount: '1000000.00' }, 341],
      ['row 11 truncates to 0.00', { amount: '0.009' }, 241],
      ['row 13 ccy missing (before comment)', { ccy: undefined, comment: undefined }, 341],
      ['row 13 lowercase', { ccy: 'rub' }, 341],
      ['row 14 not enabled', { ccy: 'GBP' }, 1001],
      ['row 15 comment missing', { comment: undefined }, 341],
      ['row 15 comment too long', { comment: 'c'.repeat(256) }, 341],
      ['row 16 lifetime missing', { lifetime: undefined }, 341],
      ['row 16 lifetime with zone', { lifetime: '2030-01-01T00:00:00+03:00' }, 341],
      ['row 16 lifetime in the past', { lifetime: '2017-09-25T15:00:00' }, 341],
      ['row 17 pay_source card', { pay_source: 'card' }, 5],
      ['row 18 prv_name too long', { prv_name: 'p'.repeat(101) }, 5],
      [
        'row 23 pay_source mobile',
        { pay_source: 'mobile', prv_name: 'p'.repeat(100), comment: 'c'.repeat(255) },
        0,
      ],
    ];
    let n = 0;
    for (const [label, overrides, expected, billId] of cases) {
      const r = await pull(h, billId ?? `v-${++n}`, 'PUT', billBody(overrides));
      expect([label, code(r)]).toEqual([label, expected]);
    }
    // Truncation, never rounding up (§4.5, vectors amount_normalisation).
    expect((await pull(h, 'trunc-1', 'PUT', billBody({ amount: '10.009' }))).json.response.bill?.amount).toBe(
      '10.00',
    );
    expect(
      (await pull(h, 'trunc-2', 'PUT', billBody({ amount: '999999.999' }))).json.response.bill?.amount,
    ).toBe('999999.99');
    // 45-day cap: a lifetime 60 days ahead still expires 45 days after creation.
    await pull(h, 'cap-1', 'PUT', billBody({ lifetime: lifetimeIn(60 * DAY) }));
    await control(h, '/clock/advance', 'POST', { days: 44 });
    expect((await pull(h, 'cap-1', 'GET')).json.response.bill?.status).toBe('waiting');
    await control(h, '/clock/advance', 'POST', { days: 1, minutes: 1 });
    expect((await pull(h, 'cap-1', 'GET')).json.response.bill?.status).toBe('expired');
  });

  it('Lazy expiry on read: a waiting bill past its lifetime is expired on the next GET', async () => {
    const h = await startSandbox();
    await pull(h, 'lazy-1', 'PUT', billBody({ lifetime: lifetimeIn(60_000) }));
    // Move the clock without the control API, so no sweep runs: only the read can expire it.
    h.sandbox.state.bills.forEach((bill) => (bill.expiresAt = h.sandbox.clock.now() - 1));
    expect(h.sandbox.state.bills.get(`pull:${PRV}:lazy-1`)?.status).toBe('waiting');
    expect((await pull(h, 'lazy-1', 'GET')).json.response.bill?.status).toBe('expired');
  });

  it('Idempotent create (same amount → stored bill, code 0); 215 on amount change', async () => {
    const h = await startSandbox();
    expect(code(await pull(h, 'idem-1', 'PUT', billBody({ amount: '250', comment: 'first' })))).toBe(0);
    const again = await pull(
      h,
      'idem-1',
      'PUT',
      billBody({ amount: '250.00', comment: 'second', user: 'tel:+79990000000' }),
    );
    expect(again.json.response).toMatchObject({
      result_code: 0,
      bill: { comment: 'first', user: 'tel:+79001234567', amount: '250.00' },
    });
    expect(code(await pull(h, 'idem-1', 'PUT', billBody({ amount: '250.01' })))).toBe(215);
    await control(h, '/bills/idem-1/transition', 'POST', { status: 'paid' });
    expect((await pull(h, 'idem-1', 'PUT', billBody({ amount: '250.00' }))).json.response.bill?.status).toBe(
      'paid',
    );
  });

  it('Cancel rules of §5.3 (0 / 1419 / 78 / 210 / 341)', async () => {
    const h = await startSandbox();
    for (const id of ['c-wait', 'c-paid', 'c-prog', 'c-exp', 'c-unpaid'])
      await pull(h, id, 'PUT', billBody());
    expect(code(await pull(h, 'c-wait', 'PATCH', 'status=paid'))).toBe(341);
    expect(code(await pull(h, 'c-wait', 'PATCH', ''))).toBe(341);
    const cancelled = await pull(h, 'c-wait', 'PATCH', 'status=rejected');
    expect(cancelled.json.response).toMatchObject({ result_code: 0, bill: { status: 'rejected' } });
    expect((await pull(h, 'c-wait', 'PATCH', 'status=rejected')).json.response).toMatchObject({
      result_code: 0,
      bill: { status: 'rejected' },
    });
    await control(h, '/bills/c-paid/transition', 'POST', { status: 'paid' });
    expect(code(await pull(h, 'c-paid', 'PATCH', 'status=rejected'))).toBe(1419);
    await control(h, '/bills/c-prog/transition', 'POST', { status: 'in_progress' });
    expect(code(await pull(h, 'c-prog', 'PATCH', 'status=rejected'))).toBe(1419);
    expect((await pull(h, 'c-prog', 'GET')).json.response.bill).toMatchObject({
      status: 'waiting',
      originAmount: '250.00',
      originCcy: 'RUB',
    });
    await control(h, '/bills/c-exp/transition', 'POST', { status: 'expired' });
    expect(code(await pull(h, 'c-exp', 'PATCH', 'status=rejected'))).toBe(78);
    await control(h, '/bills/c-unpaid/transition', 'POST', { status: 'unpaid' });
    expect(code(await pull(h, 'c-unpaid', 'PATCH', 'status=rejected'))).toBe(78);
    expect(code(await pull(h, 'c-none', 'PATCH', 'status=rejected'))).toBe(210);
  });

  it('Refunds: only for paid; refund_id regex; sum of non-failed refunds ≤ bill amount (242); 241 for 0.00; idempotent same id+amount; 78 on conflict; async processing → success/fail', async () => {
    const h = await startSandbox({
      config: {
        pull: [demoPullWith({ refunds: { mode: 'processing', processingMs: 60_000, finalStatus: 'fail' } })],
      },
    });
    await pull(h, 'rf-1', 'PUT', billBody({ amount: '100.00' }));
    expect(code(await pullRefund(h, 'rf-1', 'r1', 'PUT', 'amount=10.00'))).toBe(78);
    await control(h, '/bills/rf-1/transition', 'POST', { status: 'paid' });
    expect(code(await pullRefund(h, 'nobill', 'r1', 'PUT', 'amount=1.00'))).toBe(210);
    for (const bad of ['r-1', 'abcdefghij', 'r_1'])
      expect(code(await pullRefund(h, 'rf-1', bad, 'PUT', 'amount=1.00'))).toBe(5);
    expect(code(await pullRefund(h, 'rf-1', 'r1', 'PUT', ''))).toBe(341);
    expect(code(await pullRefund(h, 'rf-1', 'r1', 'PUT', 'amount=-1'))).toBe(341);
    expect(code(await pullRefund(h, 'rf-1', 'r1', 'PUT', 'amount=0.001'))).toBe(241);
    const first = await pullRefund(h, 'rf-1', 'r1', 'PUT', 'amount=60.009');
    expect(first.json.response).toEqual({
      result_code: 0,
      refund: { refund_id: 'r1', amount: '60.00', status: 'processing', error: 0, user: 'tel:+79001234567' },
    });
    expect(code(await pullRefund(h, 'rf-1', 'r1', 'PUT', 'amount=60.00'))).toBe(0);
    expect(code(await pullRefund(h, 'rf-1', 'r1', 'PUT', 'amount=61.00'))).toBe(78);
    expect(code(await pullRefund(h, 'rf-1', 'r2', 'PUT', 'amount=40.01'))).toBe(242);
    // This merchant's refunds end in `fail`, which gives the amount back.
    await control(h, '/clock/advance', 'POST', { minutes: 1 });
    expect((await pullRefund(h, 'rf-1', 'r1', 'GET')).json.response.refund).toMatchObject({
      status: 'fail',
      error: 300,
    });
    expect(code(await pullRefund(h, 'rf-1', 'r2', 'PUT', 'amount=100.00'))).toBe(0);
    expect(code(await pullRefund(h, 'rf-1', 'r3', 'PUT', 'amount=0.01'))).toBe(242);
    // Refunds never change the bill status.
    expect((await pull(h, 'rf-1', 'GET')).json.response.bill?.status).toBe('paid');
    // Default merchants refund synchronously with `success` (§5.4 row 10).
    const plain = await startSandbox();
    await pull(plain, 'rf-2', 'PUT', billBody({ amount: '10.00' }));
    await control(plain, '/bills/rf-2/transition', 'POST', { status: 'paid' });
    expect((await pullRefund(plain, 'rf-2', 'A1', 'PUT', 'amount=10')).json.response.refund).toMatchObject({
      status: 'success',
      amount: '10.00',
    });
  });

  it('Refund status 210 for unknown refund', async () => {
    const h = await startSandbox();
    await pull(h, 'rs-1', 'PUT', billBody());
    await control(h, '/bills/rs-1/transition', 'POST', { status: 'paid' });
    await pullRefund(h, 'rs-1', 'r1', 'PUT', 'amount=1.00');
    expect((await pullRefund(h, 'rs-1', 'r1', 'GET')).json.response).toMatchObject({
      result_code: 0,
      refund: { refund_id: 'r1', amount: '1.00', status: 'success' },
    });
    expect(code(await pullRefund(h, 'rs-1', 'r2', 'GET'))).toBe(210);
    expect(code(await pullRefund(h, 'rs-none', 'r1', 'GET'))).toBe(210);
  });

  it('Fault injection for 13, 300, 1003 and for slow/hanging responses', async () => {
    const h = await startSandbox();
    await pull(h, 'f-1', 'PUT', billBody());
    await control(h, '/faults', 'POST', { kind: 'result_code', code: 13, times: 2 });
    expect(code(await pull(h, 'f-1', 'GET'))).toBe(13);
    expect(code(await pull(h, 'f-1', 'GET'))).toBe(13);
    expect(code(await pull(h, 'f-1', 'GET'))).toBe(0);
    // Path- and method-matched rules leave other calls alone.
    await control(h, '/faults', 'POST', { kind: 'result_code', code: 300, match: '/bills/f-2', times: 1 });
    await control(h, '/faults', 'POST', { kind: 'result_code', code: 1003, method: 'PUT', times: 1 });
    expect(code(await pull(h, 'f-1', 'GET'))).toBe(0);
    expect(code(await pull(h, 'f-3', 'PUT', billBody()))).toBe(1003);
    expect(code(await pull(h, 'f-2', 'GET'))).toBe(300);
    await control(h, '/faults', 'POST', { kind: 'http500', times: 1 });
    const crashed = await pull(h, 'f-1', 'GET');
    expect(crashed.status).toBe(500);
    await control(h, '/faults', 'POST', { kind: 'delay', delayMs: 300, times: 1 });
    const started = Date.now();
    expect(code(await pull(h, 'f-1', 'GET'))).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await control(h, '/faults', 'POST', { kind: 'drop', times: 1 });
    await expect(pull(h, 'f-1', 'GET')).rejects.toThrow();
    // A hanging call (long delay) is cut by the client's own timeout.
    const hang = await control<{ fault: { id: string } }>(h, '/faults', 'POST', {
      kind: 'delay',
      delayMs: 60_000,
      times: 1,
    });
    await expect(
      fetch(`${h.url}/api/v2/prv/${PRV}/bills/f-1`, {
        headers: { Authorization: PULL_AUTH },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect((await control<{ faults: unknown[] }>(h, '/faults')).body.faults).toEqual([]);
    expect(hang.body.fault.id).toMatch(/^f\d+$/);
    expect(code(await pull(h, 'f-1', 'GET'))).toBe(0);
  });
});
