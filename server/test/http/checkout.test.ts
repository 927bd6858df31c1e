// POST /v1/checkout and GET /v1/orders/{id} through the real backend, against the sandbox as QIWI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, eventually, startStack, type Stack } from '../stack.js';

describe('Pull 2.1 checkout', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ protocol: 'pull' });
  });
  afterAll(() => stack.close());

  it('webform flow: answers a signed create.action redirect and makes no REST call', async () => {
    const token = stack.mint({ orderId: 'wf-1', amount: '99.50', successUrl: `${SHOP}/paid` });
    const { status, body } = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: token, flow: 'webform' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      orderId: 'wf-1',
      status: 'created',
      final: false,
      amount: '99.50',
      currency: 'RUB',
    });
    expect(body.redirect.action).toBe(`${stack.sandboxUrl}/order/external/create.action`);
    expect(body.redirect.params).toMatchObject({
      from: '21379721',
      summ: '99.50',
      currency: 'RUB',
      txn_id: 'wf-1',
      api_id: '62573819',
      successUrl: `${SHOP}/paid`,
    });
    expect(body.redirect.params.sign).toMatch(/^[0-9a-f]{64}$/);
    expect(await stack.control('GET', '/bills')).toMatchObject({ bills: [] });
    // The sandbox accepts the signature: opening the redirect shows the form asking for the phone.
    const page = await fetch(body.redirect.url);
    expect(page.status).toBe(200);
  });

  it('checkout flow: creates the bill over REST, redirects to the checkout, and sees it paid', async () => {
    const token = stack.mint({ orderId: 'co-1', phone: '+79001234567', failUrl: `${SHOP}/failed` });
    const { status, body } = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: token, flow: 'checkout', paySource: 'card' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ orderId: 'co-1', status: 'waiting', amount: '250.00' });
    expect(body.redirect.url).toBe(
      `${stack.sandboxUrl}/form?shop=21379721&transaction=co-1&failUrl=${encodeURIComponent(`${SHOP}/failed`)}&pay_source=card`,
    );
    const bill = await stack.control('GET', '/bills/co-1');
    expect(JSON.stringify(bill)).toContain('waiting');

    await stack.control('POST', '/bills/co-1/transition', { status: 'paid' });
    const paid = await eventually(async () => {
      const r = await stack.call('GET', '/v1/orders/co-1', { token: body.statusToken });
      return r.body.status === 'paid' && r.body;
    }, 'order co-1 paid');
    expect(paid).toMatchObject({
      orderId: 'co-1',
      status: 'paid',
      final: true,
      amount: '250.00',
      currency: 'RUB',
    });
  });

  it('the same order twice gives the same bill and redirect; another amount is a conflict', async () => {
    const first = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'twice', phone: '+79001234567' }) },
    });
    const second = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'twice', phone: '+79001234567' }) },
    });
    expect(second.status).toBe(200);
    expect(second.body.redirect).toEqual(first.body.redirect);
    const bills = await stack.control('GET', '/bills');
    expect(
      bills.bills.filter((b: { billId?: string; bill_id?: string; id?: string }) =>
        JSON.stringify(b).includes('"twice"'),
      ),
    ).toHaveLength(1);
    const other = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'twice', amount: '1.00', phone: '+79001234567' }) },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('order_conflict');
  });

  it('checkout flow without a phone falls back to the web form, unless checkout was asked for', async () => {
    const fallback = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'nophone-1' }) },
    });
    expect(fallback.body.redirect.action).toContain('create.action');
    const asked = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'nophone-2' }), flow: 'checkout' },
    });
    expect(asked.status).toBe(400);
    expect(asked.body.error).toMatchObject({
      code: 'phone_required',
      message: expect.stringMatching(/webform/),
    });
  });

  it('refuses return URLs outside the allowlist and bad order data with a message that says what to fix', async () => {
    const evil = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'evil', successUrl: 'https://evil.example/steal' }) },
    });
    expect(evil.status).toBe(400);
    expect(evil.body.error.code).toBe('return_url_not_allowed');
    const comma = await stack.call('POST', '/v1/checkout', {
      body: {
        orderToken: stack.sign({ orderId: 'comma', amount: '10,50', currency: 'RUB', comment: 'x' }),
      },
    });
    expect(comma.status).toBe(400);
    expect(comma.body.error.message).toMatch(/comma/);
    const both = await stack.call('POST', '/v1/checkout', { body: { orderToken: 'x.y.z', item: 'sku' } });
    expect(both.body.error.code).toBe('invalid_request');
  });

  it('status reads need the token of that very order', async () => {
    const { body } = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'mine' }) },
    });
    const other = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'theirs' }) },
    });
    expect((await stack.call('GET', '/v1/orders/mine')).status).toBe(401);
    expect((await stack.call('GET', '/v1/orders/mine', { token: other.body.statusToken })).status).toBe(401);
    expect((await stack.call('GET', '/v1/orders/mine', { token: body.statusToken })).body.status).toBe(
      'created',
    );
  });

  it('a status read asks QIWI when the notification has not arrived', async () => {
    const { body } = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'poll-1', phone: '+79001234567' }), flow: 'checkout' },
    });
    // Break notification delivery, then pay: only the status check can learn about it.
    const fault = await stack.control('POST', '/faults', {
      target: 'notification',
      kind: 'delay',
      delayMs: 600_000,
      count: 5,
    });
    expect(fault.fault.id).toBeTruthy();
    await stack.control('POST', '/bills/poll-1/transition', { status: 'paid' });
    const read = await eventually(async () => {
      const r = await stack.call('GET', '/v1/orders/poll-1', { token: body.statusToken });
      return r.body.status === 'paid' && r.body;
    }, 'poll-1 paid by polling');
    expect(read.final).toBe(true);
    const events = await stack.runtime.ledger.listEvents('poll-1');
    expect(events.map((e) => `${e.to}:${e.source}`)).toEqual([
      'created:checkout',
      'waiting:checkout',
      'paid:poll',
    ]);
    await stack.control('DELETE', '/faults');
  });

  it('CORS answers only the configured shop origin', async () => {
    const allowed = await fetch(`${stack.url}/v1/checkout`, {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    const denied = await fetch(`${stack.url}/v1/checkout`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('Bill Payments 1.0.0 checkout', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ protocol: 'bill' });
  });
  afterAll(() => stack.close());

  it('creates the bill over REST with the Bearer key, and a notification marks it paid', async () => {
    const { status, body } = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'b-1', phone: '+79001234567' }), flow: 'checkout' },
    });
    expect(status).toBe(200);
    expect(body.redirect.url).toBe(`${stack.sandboxUrl}/order/form?shop=2042&transaction=b-1`);
    await stack.control('POST', '/bills/b-1/transition', { status: 'paid' });
    await eventually(
      async () => (await stack.runtime.ledger.getOrder('b-1'))?.status === 'paid',
      'b-1 paid by notification',
    );
    const notifications = await stack.runtime.ledger.listNotifications({ orderId: 'b-1', limit: 10 });
    expect(notifications.map((n) => n.verdict)).toContain('accepted');
  });

  it('webform flow: a signed pay-form redirect on /form/create', async () => {
    const { body } = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'b-2' }), flow: 'webform' },
    });
    expect(body.redirect.action).toBe(`${stack.sandboxUrl}/form/create`);
    expect(body.redirect.params).toMatchObject({
      bill_id: 'b-2',
      amount: '250.00',
      sign: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await fetch(body.redirect.url)).status).toBe(200);
  });
});
