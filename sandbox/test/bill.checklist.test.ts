import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { verifyBillNotification } from '../src/crypto/bill-notification-signature.js';
import { DEMO_BILL } from '../src/config/demo-accounts.js';
import { BILL_SCHEDULE } from '../src/notify/retry-schedule.js';
import type { Delivery, EmailEntry } from '../src/index.js';
import {
  BILL_AUTH,
  BILL_OK,
  billApi,
  billBody,
  call,
  control,
  DAY,
  demoBillWith,
  eventually,
  lifetimeIn,
  startReceiver,
  startSandbox,
} from './helpers.js';
import { clickOn, onlyForm, submit } from './html-form.js';
import { section, str } from './vectors.js';

// bill-payments-rest-api-1.0.0.md §14 "What a faithful emulator must reproduce", profile A normative.

const code = (r: { json: { response: { result_code: number } } }): number => r.json.response.result_code;
type BillView = { bill: Record<string, unknown> & { status: string; expiresAt: string; createdAt: string } };
const deliveries = async (h: { url: string }): Promise<Delivery[]> =>
  (await control<{ deliveries: Delivery[] }>(h, '/deliveries')).body.deliveries;

describe('bill-payments-rest-api-1.0.0.md §14 Configuration', () => {
  it('Merchants: prv_id, api_id, api_secret (→ derived secret_key), public_key (configured or Base58-derived) bound to a currency, notification URL, currencies, min/max, flags; profile A|B', async () => {
    const h = await startSandbox({
      config: {
        bill: [
          demoBillWith({ minAmount: '1.00', maxAmount: '100.00', currencies: ['RUB'] }),
          {
            prvId: '21379721',
            apiId: '62573819',
            apiSecret: 'секретный-ключ',
            publicKeyCurrency: 'USD',
            currencies: ['USD'],
            profile: 'B',
          },
          {
            prvId: '373712',
            apiId: '23244123',
            apiSecret: '453Fdgd443',
            publicKey: 'my-own-key',
            flags: { protocolDisabled: true },
          },
        ],
      },
    });
    const merchants = (
      await control<{
        bill: Array<{ prvId: string; publicKey: string; profile: string; publicKeyCurrency: string }>;
      }>(h, '/merchants')
    ).body.bill;
    expect(merchants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ prvId: '2042', publicKey: DEMO_BILL.publicKey, profile: 'A' }),
        expect.objectContaining({
          prvId: '21379721',
          publicKey: '461drAFcKcAhXhT4QVhJUSk3kvhUF',
          publicKeyCurrency: 'USD',
          profile: 'B',
        }),
        expect.objectContaining({ prvId: '373712', publicKey: 'my-own-key' }),
      ]),
    );
    expect(code(await billApi(h, 'cfg-1', 'PUT', billBody({ amount: '0.50' })))).toBe(241);
    expect(code(await billApi(h, 'cfg-2', 'PUT', billBody({ amount: '100.01' })))).toBe(242);
    expect(code(await billApi(h, 'cfg-3', 'PUT', billBody({ ccy: 'USD', amount: '10.00' })))).toBe(1001);
    const disabled = await call(`${h.url}/api/v3/prv/bills/cfg-4`, 'GET', undefined, {
      Authorization: 'Bearer MzczNzEyfDIzMjQ0MTIzfGM1YTM3YzM0ODg4OWU5ZWMwYjk4ODBlMzZmNzg1ODMz',
    });
    expect(code(disabled)).toBe(152);
    // A pay-form bill takes the currency bound to the key (§2.2).
    await fetch(
      `${h.url}/form/create?public_key=461drAFcKcAhXhT4QVhJUSk3kvhUF&bill_id=usd-1&amount=5&phone=%2B79161234567`,
    );
    expect((await control<BillView>(h, '/bills/usd-1')).body.bill).toMatchObject({
      ccy: 'USD',
      amount: '5.00',
    });
  });

  it('Wallet registry, clock injection, time-scale, HTTP-status profile (as Pull)', async () => {
    const h = await startSandbox({
      httpStatusProfile: 'strict',
      now: '2017-09-25T09:00:00Z',
      config: { wallets: { unregistered: ['+79000000298'] } },
    });
    const unknown = await billApi(
      h,
      'reg-1',
      'PUT',
      billBody({ user: 'tel:+79000000298', lifetime: '2017-09-26T00:00:00' }),
    );
    expect([unknown.status, code(unknown)]).toEqual([400, 298]);
    expect((await billApi(h, 'none', 'GET')).status).toBe(404);
    expect((await billApi(h, 'x', 'GET', undefined, { Authorization: 'Bearer bad' })).status).toBe(401);
    expect(code(await billApi(h, 'clk-1', 'PUT', billBody({ lifetime: '2017-09-25T12:30:00' })))).toBe(0);
    await control(h, '/clock/advance', 'POST', { minutes: 30 });
    expect((await billApi(h, 'clk-1', 'GET')).json.response.bill?.status).toBe('expired');
  });
});

describe('bill-payments-rest-api-1.0.0.md §14 REST', () => {
  it('Routes PUT|GET|PATCH /api/v3/prv/bills/{bill_id}, PUT|GET …/refund/{refund_id}; alias PATCH|POST …/{bill_id}/reject (no body needed)', async () => {
    const h = await startSandbox();
    for (const id of ['rt-1', 'rt-2', 'rt-3']) expect(code(await billApi(h, id, 'PUT', billBody()))).toBe(0);
    expect(code(await billApi(h, 'rt-1', 'GET'))).toBe(0);
    expect((await billApi(h, 'rt-1', 'PATCH', 'status=rejected')).json.response.bill?.status).toBe(
      'rejected',
    );
    expect((await billApi(h, 'rt-2/reject', 'PATCH')).json.response.bill?.status).toBe('rejected');
    expect((await billApi(h, 'rt-3/reject', 'POST')).json.response.bill?.status).toBe('rejected');
    expect(code(await billApi(h, 'rt-3/refund/r1', 'GET'))).toBe(210);
    for (const [path, method, status] of [
      ['rt-1', 'POST', 405],
      ['rt-1', 'DELETE', 405],
      ['rt-1/reject', 'GET', 405],
      ['rt-1/refund/r1', 'PATCH', 405],
      ['', 'GET', 404],
      ['rt-1/refunds/r1', 'GET', 404],
      ['rt-1/cancel', 'POST', 404],
    ] as const) {
      const r = await billApi(h, path, method);
      expect([path, method, r.status, r.text]).toEqual([path, method, status, '']);
    }
  });

  it('Bearer token verification by recomputation (§4.1); Basic <token> accepted; 150 + 401 on failure', async () => {
    const h = await startSandbox();
    await billApi(h, 'auth-1', 'PUT', billBody());
    const sk = section('bill_1_0_0_secret_key')[0]!;
    const accepted = [
      str(sk, 'expected_bearer_header_value'),
      str(sk, 'alt_basic_header_value_seen_in_one_doc_section'),
      `Bearer ${str(sk, 'alt_uppercase_md5_secret_key')}`,
    ];
    for (const authorization of accepted)
      expect(code(await billApi(h, 'auth-1', 'GET', undefined, { Authorization: authorization }))).toBe(0);
    const negative = section('bill_1_0_0_bearer_header').find((v) => v.expected_valid === false)!;
    const rejected = [
      str(negative, 'expected_header_value'),
      `Bearer ${str(sk, 'alt_raw_md5_bytes_secret_key')}`,
      `Bearer ${Buffer.from('2042|56603972').toString('base64')}`,
      `Bearer ${Buffer.from('2042|11111111|b38cc85c38e911261188fa586ca75347').toString('base64')}`,
      `Basic ${Buffer.from('56603972:s3cr3tApiKey').toString('base64')}`,
      'Bearer',
      '',
    ];
    for (const authorization of rejected) {
      const r = await billApi(h, 'auth-1', 'GET', undefined, { Authorization: authorization });
      expect([authorization, r.status, code(r)]).toEqual([authorization, 401, 150]);
    }
  });

  it('Form-urlencoded UTF-8 bodies; JSON/XML by Accept (profile A envelope {"response":{…}} with numeric result_code)', async () => {
    const h = await startSandbox({ now: '2017-09-01T00:00:00Z' });
    // The worked example of §5.1, byte for byte.
    const r = await call(
      `${h.url}/api/v3/prv/bills/BILL-1`,
      'PUT',
      'user=tel%3A%2B79161111111&amount=10.00&ccy=RUB&comment=test&lifetime=2017-09-25T15%3A00%3A00',
      {
        Authorization: BILL_AUTH,
        Accept: 'text/json',
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      },
    );
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/json');
    expect(r.text).toBe(
      '{"response":{"result_code":0,"bill":{"bill_id":"BILL-1","amount":"10.00","ccy":"RUB","status":"waiting","error":0,"user":"tel:+79161111111","comment":"test"}}}',
    );
    const xml = await billApi(h, 'BILL-1', 'GET', undefined, { Accept: 'application/xml' });
    expect(xml.contentType).toBe('application/xml');
    expect(XMLValidator.validate(xml.text)).toBe(true);
    expect(xml.text).toContain('<result_code>0</result_code>');
    const noCharset = await billApi(
      h,
      'BILL-2',
      'PUT',
      'user=tel%3A%2B79161111111&amount=1&ccy=RUB&comment=a+b&lifetime=2017-09-25T15%3A00%3A00',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    expect(noCharset.json.response.bill?.comment).toBe('a b');
  });

  it('Profile B: currency/ccy, payer identifiers, extras, pay_url, datetimes, string result_code, CORE__<n> errors (unwrapped)', async () => {
    const h = await startSandbox({ config: { bill: [demoBillWith({ profile: 'B' })] } });
    const body =
      'currency=RUB&amount=10&phone=%2B79161234567&email=a%40b.ru&user_id=u-1&extra_order=42&extras_note=hi&comment=B&lifetime=' +
      encodeURIComponent(lifetimeIn(DAY));
    const r = await billApi(h, 'B-1', 'PUT', body);
    const bill = r.json.response.bill as Record<string, unknown>;
    expect(r.json.response.result_code).toBe('SUCCESS');
    expect(bill).toMatchObject({
      bill_id: 'B-1',
      amount: '10.00',
      currency: 'RUB',
      status: 'waiting',
      user: { phone: '+79161234567', email: 'a@b.ru', user_id: 'u-1' },
      extras: { order: '42', note: 'hi' },
      comment: 'B',
    });
    expect(bill.create_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(bill.lifetime_datetime).toMatch(/Z$/);
    const payUrl = String(bill.pay_url);
    expect(payUrl).toMatch(new RegExp(`^${h.url}/\\?uid=`));
    expect(await (await fetch(payUrl)).text()).toContain('Pay bill B-1');
    const viaCcy = await billApi(h, 'B-2', 'PUT', billBody());
    expect((viaCcy.json.response.bill as Record<string, unknown>).currency).toBe('RUB');
    const wrongSecret = Buffer.from(`${DEMO_BILL.prvId}|${DEMO_BILL.apiId}|${'0'.repeat(32)}`).toString(
      'base64',
    );
    const failure = await billApi(h, 'B-1', 'GET', undefined, { Authorization: `Bearer ${wrongSecret}` });
    const raw = JSON.parse(failure.text) as Record<string, unknown>;
    expect(raw).toMatchObject({
      result_code: 'AUTH_FAILED',
      error_code: 'CORE__150',
      description: 'Authorization failed',
    });
    expect(raw.response).toBeUndefined();
    expect(JSON.parse((await billApi(h, 'nope', 'GET')).text)).toMatchObject({
      result_code: 'FATAL_ERROR',
      error_code: 'CORE__210',
    });
    await control(h, '/bills/B-1/transition', 'POST', { status: 'paid' });
    expect((await billApi(h, 'B-1/refund/r1', 'PUT', 'amount=1')).json.response).toEqual({
      result_code: 'SUCCESS',
      refund: { refund_id: 'r1', amount: '1.00', status: 'success' },
    });
  });

  it('Validation, idempotency, cancel and refund rules as Pull §5 (242 when refunds exceed the bill; refunds only for paid)', async () => {
    const h = await startSandbox();
    expect(code(await billApi(h, 'x'.repeat(31), 'PUT', billBody()))).toBe(5);
    expect(code(await billApi(h, 'x'.repeat(30), 'PUT', billBody()))).toBe(0);
    expect(code(await billApi(h, 'v-1', 'PUT', billBody({ user: undefined })))).toBe(341);
    expect(code(await billApi(h, 'v-1', 'PUT', billBody({ user: '+79001234567' })))).toBe(303);
    expect(code(await billApi(h, 'v-1', 'PUT', billBody({ lifetime: 'tomorrow' })))).toBe(341);
    expect(code(await billApi(h, 'v-2', 'PUT', billBody({ amount: '100.00' })))).toBe(0);
    expect(
      (await billApi(h, 'v-2', 'PUT', billBody({ amount: '100', comment: 'other' }))).json.response.bill
        ?.comment,
    ).toBe('Order 1001');
    expect(code(await billApi(h, 'v-2', 'PUT', billBody({ amount: '99.99' })))).toBe(215);
    expect(code(await billApi(h, 'v-2/refund/r1', 'PUT', 'amount=1'))).toBe(78);
    await control(h, '/bills/v-2/transition', 'POST', { status: 'paid' });
    expect(code(await billApi(h, 'v-2', 'PATCH', 'status=rejected'))).toBe(1419);
    expect(code(await billApi(h, 'v-2/refund/r1', 'PUT', 'amount=60'))).toBe(0);
    expect(code(await billApi(h, 'v-2/refund/r2', 'PUT', 'amount=40.01'))).toBe(242);
    expect(code(await billApi(h, 'v-2/refund/r2', 'PUT', 'amount=40'))).toBe(0);
    expect(code(await billApi(h, 'v-2/refund/r3', 'PUT', 'amount=0.01'))).toBe(242);
    expect(code(await billApi(h, 'v-2/refund/r9', 'GET'))).toBe(210);
    // §13 B26: statuses compare case-insensitively.
    await billApi(h, 'v-3', 'PUT', billBody());
    expect((await billApi(h, 'v-3', 'PATCH', 'status=REJECTED')).json.response.bill?.status).toBe('rejected');
    expect(code(await billApi(h, 'v-4', 'PATCH', 'status=rejected'))).toBe(210);
  });

  it('28-day forced expiry (configurable, e.g. 45 for [L] experiments), lazy expiry on read', async () => {
    const h = await startSandbox();
    await billApi(h, 'e-1', 'PUT', billBody({ lifetime: lifetimeIn(40 * DAY) }));
    const view = (await control<BillView>(h, '/bills/e-1')).body.bill;
    expect(Date.parse(view.expiresAt) - Date.parse(view.createdAt)).toBe(28 * DAY);
    await control(h, '/clock/advance', 'POST', { days: 27 });
    expect((await billApi(h, 'e-1', 'GET')).json.response.bill?.status).toBe('waiting');
    await control(h, '/clock/advance', 'POST', { days: 1 });
    expect((await billApi(h, 'e-1', 'GET')).json.response.bill?.status).toBe('expired');
    const longer = await startSandbox({ config: { bill: [demoBillWith({ maxLifetimeDays: 45 })] } });
    await billApi(longer, 'e-2', 'PUT', billBody({ lifetime: lifetimeIn(60 * DAY) }));
    longer.sandbox.state.bills.forEach((b) => (b.expiresAt = longer.sandbox.clock.now() - 1));
    expect((await billApi(longer, 'e-2', 'GET')).json.response.bill?.status).toBe('expired');
  });
});

describe('bill-payments-rest-api-1.0.0.md §14 Pay form and checkout', () => {
  it('GET /form/create simple and signed; sign per §6.3 (lowercase hex, case-insensitive); 403 on bad signature; comm/comment; extra_* stored; phone/email/user_id prompts; currency from the key', async () => {
    const vector = section('bill_1_0_0_form_sign').find((v) => v.id === 'bill-form-5')!;
    const h = await startSandbox({ now: '2017-12-01T00:00:00Z' });
    const example = new URL(str(vector, 'example_url'));
    const signedUrl = `${h.url}${example.pathname}${example.search}&phone=%2B79161234567&comm=A+comment&extra_order=77`;
    const signed = await fetch(signedUrl);
    expect(signed.status).toBe(200);
    expect(await signed.text()).toContain('Pay bill Bill-3');
    expect((await control<BillView>(h, '/bills/Bill-3')).body.bill).toMatchObject({
      amount: '0.01',
      ccy: 'RUB',
      comment: 'A comment',
      extras: { order: '77' },
    });
    // lifetime 2017-12-31T2359 lies beyond the 28-day cap (§4.3): the bill expires 28 days after creation.
    const capped = (await control<BillView>(h, '/bills/Bill-3')).body.bill;
    expect(Date.parse(capped.expiresAt) - Date.parse(capped.createdAt)).toBe(28 * DAY);
    const upper = new URL(signedUrl);
    upper.searchParams.set('sign', str(vector, 'expected_sign_hex').toUpperCase());
    expect((await fetch(upper)).status).toBe(200);
    const withSecretKey = section('bill_1_0_0_form_sign').find(
      (v) => typeof v.alt_key_api_secret_sign_hex === 'string',
    );
    const alternatives = [str(vector, 'alt_sign_base64'), str(vector, 'alt_template_order_sign_hex')];
    if (withSecretKey) alternatives.push(str(withSecretKey, 'alt_key_api_secret_sign_hex'));
    for (const bad of alternatives) {
      const u = new URL(signedUrl);
      u.searchParams.set('bill_id', 'Bill-X');
      u.searchParams.set('sign', bad);
      const r = await fetch(u);
      expect(r.status).toBe(403);
    }
    expect((await control(h, '/bills/Bill-X')).status).toBe(404);
    // Simple mode: no amount, no payer → the page asks for both; `comment` wins over `comm`.
    const simple = `${h.url}/form/create?public_key=${DEMO_BILL.publicKey}&bill_id=S-1&comm=old&comment=new&extra_cart=9`;
    const prompt = await fetch(simple);
    const form = onlyForm(await prompt.text());
    expect(form.labels).toEqual(['Amount (RUB)', 'QIWI Wallet phone number']);
    const done = await submit(simple, form, 'Confirm', { amount: '12.345', phone: '79161234567' });
    expect(done.status).toBe(200);
    expect((await control<BillView>(h, '/bills/S-1')).body.bill).toMatchObject({
      amount: '12.34',
      user: 'tel:+79161234567',
      comment: 'new',
      extras: { cart: '9' },
    });
    // An e-mail or user id identifies the payer too; no phone is then asked for.
    await fetch(
      `${h.url}/form/create?public_key=${DEMO_BILL.publicKey}&bill_id=S-2&amount=1&email=buyer%40example.com`,
    );
    expect((await control<BillView>(h, '/bills/S-2')).body.bill).toMatchObject({
      email: 'buyer@example.com',
      user: null,
    });
    expect((await fetch(`${h.url}/form/create?public_key=unknown&amount=1`)).status).toBe(400);
  });

  it('GET /order/form (shop, transaction, iframe, target, successUrl, failUrl, pay_source) and pay_url pages; outcome buttons; redirect only for wallet-balance payments with order=<bill_id>', async () => {
    const h = await startSandbox();
    for (const id of ['OF-1', 'OF-2', 'OF-3', 'OF-4']) await billApi(h, id, 'PUT', billBody());
    const url = (id: string) =>
      `${h.url}/order/form?shop=${DEMO_BILL.prvId}&transaction=${id}&iframe=true&target=iframe&pay_source=card&successUrl=${encodeURIComponent('https://shop.example/ok')}&failUrl=${encodeURIComponent('https://shop.example/fail?x=1')}`;
    expect((await clickOn(url('OF-1'), 'Pay from QIWI Wallet balance')).headers.get('location')).toBe(
      'https://shop.example/ok?order=OF-1',
    );
    const card = await clickOn(url('OF-2'), 'Pay by card');
    expect([card.status, card.headers.get('location')]).toEqual([200, null]);
    expect((await clickOn(url('OF-3'), 'Decline')).headers.get('location')).toBe(
      'https://shop.example/fail?x=1&order=OF-3',
    );
    const uid = String((await control<BillView>(h, '/bills/OF-4')).body.bill.uid);
    for (const page of [`${h.url}/?uid=${uid}`, `${h.url}/form/?invoice_uid=${uid}`]) {
      const r = await fetch(page);
      expect(await r.text()).toContain('Pay bill OF-4');
    }
    expect((await clickOn(`${h.url}/form/?invoice_uid=${uid}`, 'Simulate payment error')).status).toBe(200);
    expect((await control<BillView>(h, '/bills/OF-4')).body.bill.status).toBe('unpaid');
    // The pay form returns with success_url/fail_url and order= as well (§13 B23).
    const created = `${h.url}/form/create?public_key=${DEMO_BILL.publicKey}&bill_id=PF-1&amount=3&phone=%2B79161234567&success_url=${encodeURIComponent('https://shop.example/done#top')}`;
    expect((await clickOn(created, 'Pay from QIWI Wallet balance')).headers.get('location')).toBe(
      'https://shop.example/done?order=PF-1#top',
    );
  });
});

describe('bill-payments-rest-api-1.0.0.md §14 Notifications', () => {
  it('Form-urlencoded body of §9.1 for the active profile (A: with error=0; both: phone=+…, version=1, payment_date for paid bills)', async () => {
    const receiver = await startReceiver([BILL_OK]);
    const h = await startSandbox({ notifyUrl: receiver.url, now: '2017-03-01T16:00:00Z' });
    await fetch(
      `${h.url}/form/create?public_key=${DEMO_BILL.publicKey}&bill_id=BN-1&amount=1&phone=%2B79031811737&email=test%40test.ru&comment=test&extra_order=5`,
    );
    await clickOn(`${h.url}/order/form?shop=2042&transaction=BN-1`, 'Pay by card');
    await receiver.waitFor(1);
    const request = receiver.received[0]!;
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(request.headers.accept).toBe('application/json');
    expect(request.body).toMatch(
      /^prv_id=2042&bill_id=BN-1&status=paid&error=0&amount=1\.00&phone=%2B79031811737&email=test%40test\.ru&payment_date=2017-03-01T19%3A00%3A\d\d&currency=RUB&comment=test&extra_order=5&version=1$/,
    );
    expect(request.body).not.toContain('command=');
  });

  it('Header X-Api-Signature (A) / X-Api-Signature-SHA256 (B) = Base64(HMAC-SHA256(secret_key, present signed fields sorted by name, joined by |))', async () => {
    for (const profile of ['A', 'B'] as const) {
      const receiver = await startReceiver([BILL_OK]);
      const h = await startSandbox({ config: { bill: [demoBillWith({ profile }, receiver.url)] } });
      await billApi(h, `SG-${profile}`, 'PUT', billBody());
      await control(h, `/bills/SG-${profile}/transition`, 'POST', { status: 'rejected' });
      await receiver.waitFor(1);
      const request = receiver.received[0]!;
      const header = profile === 'A' ? 'x-api-signature' : 'x-api-signature-sha256';
      const other = profile === 'A' ? 'x-api-signature-sha256' : 'x-api-signature';
      expect(request.headers[other]).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
      expect(verifyBillNotification(request.body, DEMO_BILL.secretKey, String(request.headers[header]))).toBe(
        true,
      );
      expect(new URLSearchParams(request.body).has('error')).toBe(profile === 'A');
    }
  });

  it('Success only on HTTP 200 with JSON body whose error is 0 (number or "0"); otherwise retry 36×15 min then 15×60 min (time-scaled); give up after 24 h and log an "e-mail"', async () => {
    const answers = [
      { status: 500, contentType: 'application/json', body: '{"error":0}' },
      { status: 200, contentType: 'application/json', body: '{"error":1}' },
      { status: 200, contentType: 'text/xml', body: '<result><result_code>0</result_code></result>' },
      { status: 200, contentType: 'application/json', body: '{"error":"0"}' },
    ];
    const receiver = await startReceiver(answers);
    const h = await startSandbox({ notifyUrl: receiver.url, timeFactor: 0.0001 });
    await billApi(h, 'BR-1', 'PUT', billBody());
    await control(h, '/bills/BR-1/transition', 'POST', { status: 'paid' });
    await receiver.waitFor(4);
    await eventually(async () => (await deliveries(h))[0]?.state === 'delivered');
    expect((await deliveries(h))[0]?.attempts.map((a) => a.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'success',
    ]);
    expect(BILL_SCHEDULE.slice(1, 37).every((d) => d === 15 * 60_000)).toBe(true);
    expect(BILL_SCHEDULE.slice(37)).toEqual(Array.from({ length: 15 }, () => 60 * 60_000));

    // A receiver that never succeeds: the whole schedule, driven by the clock, then the e-mail.
    const dead = await startReceiver([
      { status: 200, contentType: 'application/json', body: '{"error":300}' },
    ]);
    const g = await startSandbox({ notifyUrl: dead.url });
    await billApi(g, 'BG-1', 'PUT', billBody());
    await control(g, '/bills/BG-1/transition', 'POST', { status: 'expired' });
    for (let attempt = 1; attempt < BILL_SCHEDULE.length; attempt++) {
      await dead.waitFor(attempt);
      await g.sandbox.notifier.idle();
      await control(g, '/clock/advance', 'POST', { ms: BILL_SCHEDULE[attempt] });
    }
    await dead.waitFor(BILL_SCHEDULE.length);
    await g.sandbox.notifier.idle();
    const [delivery] = await deliveries(g);
    expect(delivery?.state).toBe('gave-up');
    expect(delivery?.attempts).toHaveLength(52);
    const span = Date.parse(delivery?.attempts[51]?.at ?? '') - Date.parse(delivery?.attempts[0]?.at ?? '');
    expect(span).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect((await control<{ emails: EmailEntry[] }>(g, '/emails')).body.emails).toHaveLength(1);
  });

  it('One notification per final transition; optional duplicates and tampered-signature test hooks', async () => {
    const receiver = await startReceiver([BILL_OK]);
    const h = await startSandbox({ notifyUrl: receiver.url });
    for (const id of ['BO-1', 'BO-2']) await billApi(h, id, 'PUT', billBody());
    await control(h, '/bills/BO-1/transition', 'POST', { status: 'paid' });
    await billApi(h, 'BO-1/refund/r1', 'PUT', 'amount=1');
    await billApi(h, 'BO-1', 'PATCH', 'status=rejected');
    await control(h, '/faults', 'POST', { target: 'notification', kind: 'duplicate', times: 1 });
    await control(h, '/faults', 'POST', { target: 'notification', kind: 'bad_signature', times: 1 });
    await billApi(h, 'BO-2/reject', 'POST');
    await receiver.waitFor(3);
    await h.sandbox.notifier.idle();
    expect((await deliveries(h)).map((d) => `${d.billId}:${d.status}`)).toEqual([
      'BO-1:paid',
      'BO-2:rejected',
      'BO-2:rejected',
    ]);
    const [good, dup1, dup2] = receiver.received;
    expect(
      verifyBillNotification(good!.body, DEMO_BILL.secretKey, String(good!.headers['x-api-signature'])),
    ).toBe(true);
    for (const dup of [dup1!, dup2!]) {
      expect(
        verifyBillNotification(dup.body, DEMO_BILL.secretKey, String(dup.headers['x-api-signature'])),
      ).toBe(false);
    }
  });
});
