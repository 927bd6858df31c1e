// Security properties of the running backend (the issue's security test file): order-token tampering,
// forged and replayed notifications, and a scan of every response body and log line for each secret.
import { generateKeyPairSync, createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  billSecretKey,
  parseFormBody,
  pullNotificationAuthorization,
  pullNotificationSignature,
} from '../../src/qiwi/index.js';
import { BILL, CANARY, PULL, SECRETS, eventually, startStack, type Stack } from '../stack.js';

const allStacks: Stack[] = [];
async function stackFor(options: Parameters<typeof startStack>[0]) {
  const stack = await startStack(options);
  allStacks.push(stack);
  return stack;
}

const claims = { orderId: 'sec-1', amount: '250.00', currency: 'RUB', comment: 'x' };
const now = () => Math.floor(Date.now() / 1000);

function pullBody(fields: Record<string, string>): string {
  const params = {
    command: 'bill',
    bill_id: 'sec-n',
    status: 'paid',
    error: '0',
    amount: '250.00',
    user: 'tel:+79001234567',
    prv_name: 'Test Shop',
    ccy: 'RUB',
    comment: 'x',
    ...fields,
  };
  return new URLSearchParams(params).toString();
}
const sign = (body: string, password = SECRETS.notificationPassword) =>
  pullNotificationSignature(parseFormBody(body), password);

async function notify(stack: Stack, body: string, headers: Record<string, string>) {
  const response = await fetch(`${stack.url}/v1/notifications/qiwi`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  const text = await response.text();
  stack.responses.push(text);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    code: Number(/<result_code>(\d+)<\/result_code>/.exec(text)?.[1]),
    text,
  };
}

describe('order-token tampering', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await stackFor({});
  });

  async function refused(token: string) {
    const r = await stack.call('POST', '/v1/checkout', { body: { orderToken: token } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(await stack.runtime.ledger.getOrder(claims.orderId)).toBeUndefined();
    expect((await stack.control('GET', '/bills')).bills).toHaveLength(0);
    return r.body.error;
  }

  it('a changed claim breaks the signature', async () => {
    const [h, p, s] = stack.mint(claims).split('.');
    const payload = JSON.parse(Buffer.from(p as string, 'base64url').toString());
    const forged = [
      h,
      Buffer.from(JSON.stringify({ ...payload, amount: '1.00' })).toString('base64url'),
      s,
    ].join('.');
    expect((await refused(forged)).code).toBe('invalid_order_token');
  });

  it('alg none, another secret, another audience, expired, too old, no exp', async () => {
    const iat = now();
    const tokens = [
      jwt.sign({ ...claims }, '', { algorithm: 'none', audience: 'qiwi-pay', expiresIn: 60 }),
      jwt.sign({ ...claims }, 'not-the-shop-secret-but-long-enough-00', {
        audience: 'qiwi-pay',
        expiresIn: 60,
      }),
      jwt.sign({ ...claims }, SECRETS.orderTokenSecret, { audience: 'another-service', expiresIn: 60 }),
      jwt.sign({ ...claims, iat: iat - 120, exp: iat - 60, aud: 'qiwi-pay' }, SECRETS.orderTokenSecret),
      jwt.sign({ ...claims, iat: iat - 7200, exp: iat + 60, aud: 'qiwi-pay' }, SECRETS.orderTokenSecret),
      jwt.sign({ ...claims, iat, aud: 'qiwi-pay' }, SECRETS.orderTokenSecret),
    ];
    for (const token of tokens)
      expect(['invalid_order_token', 'invalid_order']).toContain((await refused(token)).code);
  });

  it('RS256 server: an HS256 token keyed with the public key is refused (algorithm confusion)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const rs = await stackFor({
      env: { ORDER_TOKEN_ALGORITHMS: 'RS256', ORDER_TOKEN_PUBLIC_KEY: publicKey },
    });
    const good = jwt.sign({ ...claims, orderId: 'rs-ok' }, privateKey, {
      algorithm: 'RS256',
      audience: 'qiwi-pay',
      expiresIn: 60,
    });
    expect((await rs.call('POST', '/v1/checkout', { body: { orderToken: good } })).status).toBe(200);
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ ...claims, orderId: 'rs-forged', aud: 'qiwi-pay', iat: now(), exp: now() + 60 }),
    ).toString('base64url');
    const forged = `${header}.${payload}.${createHmac('sha256', publicKey).update(`${header}.${payload}`).digest('base64url')}`;
    const r = await rs.call('POST', '/v1/checkout', { body: { orderToken: forged } });
    expect(r.status).toBe(401);
    expect(await rs.runtime.ledger.getOrder('rs-forged')).toBeUndefined();
  });
});

describe('forged and replayed Pull notifications (signature mode)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await stackFor({ notificationAuth: 'signature' });
    // An order waiting for payment, made through the normal checkout.
    await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'sec-n', phone: '+79001234567' }), flow: 'checkout' },
    });
  });

  async function nothingPaid() {
    expect((await stack.runtime.ledger.getOrder('sec-n'))?.status).toBe('waiting');
  }

  it.each([
    [
      'wrong signature',
      () => ({ body: pullBody({}), headers: { 'x-api-signature': sign(pullBody({}), 'wrong-password') } }),
    ],
    [
      'signature over another body',
      () => ({ body: pullBody({ amount: '1.00' }), headers: { 'x-api-signature': sign(pullBody({})) } }),
    ],
    ['missing signature header', () => ({ body: pullBody({}), headers: {} as Record<string, string> })],
    [
      'Basic credentials instead of a signature',
      () => ({
        body: pullBody({}),
        headers: { authorization: pullNotificationAuthorization(PULL.prvId, SECRETS.notificationPassword) },
      }),
    ],
    [
      'mismatched amount (genuinely signed)',
      () => ({
        body: pullBody({ amount: '1.00' }),
        headers: { 'x-api-signature': sign(pullBody({ amount: '1.00' })) },
      }),
    ],
    [
      'mismatched currency (genuinely signed)',
      () => ({
        body: pullBody({ ccy: 'USD' }),
        headers: { 'x-api-signature': sign(pullBody({ ccy: 'USD' })) },
      }),
    ],
    [
      'unknown bill (genuinely signed)',
      () => ({
        body: pullBody({ bill_id: 'nobody' }),
        headers: { 'x-api-signature': sign(pullBody({ bill_id: 'nobody' })) },
      }),
    ],
  ])('%s: refused, kept for inspection, nothing paid', async (_name, make) => {
    const { body, headers } = make();
    const before = (await stack.runtime.ledger.listNotifications({ verdict: 'rejected', limit: 1000 }))
      .length;
    const answer = await notify(stack, body, headers);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/xml');
    expect(answer.code).not.toBe(0);
    await nothingPaid();
    const rejected = await stack.call('GET', '/v1/admin/notifications?verdict=rejected', {
      token: SECRETS.adminToken,
    });
    expect(rejected.body.notifications).toHaveLength(before + 1);
    // Kept without credentials: no Authorization or signature header is stored; an unauthenticated
    // one is only a bounded record (size, sha256, prefix), without its body or headers.
    for (const n of rejected.body.notifications) {
      expect(Object.keys(n.headers ?? {}).join()).not.toMatch(/x-api-signature|authorization/i);
      if (n.authenticated === false) {
        expect(n).not.toHaveProperty('rawBody');
        expect(n).toMatchObject({
          size: expect.any(Number),
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
      }
    }
  });

  it('a genuine notification replayed three times changes the status exactly once', async () => {
    const body = pullBody({});
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await notify(stack, body, { 'x-api-signature': sign(body) }));
    expect(answers.map((a) => a.code)).toEqual([0, 0, 0]);
    const events = await stack.runtime.ledger.listEvents('sec-n');
    expect(events.filter((e) => e.to === 'paid')).toHaveLength(1);
    const records = await stack.runtime.ledger.listNotifications({ orderId: 'sec-n', limit: 100 });
    expect(records.filter((r) => r.verdict === 'accepted')).toHaveLength(1);
    expect(records.filter((r) => r.verdict === 'duplicate')).toHaveLength(2);
    // A later "rejected" for the paid order changes nothing: final statuses are final.
    const late = pullBody({ status: 'rejected' });
    expect((await notify(stack, late, { 'x-api-signature': sign(late) })).code).toBe(0);
    expect((await stack.runtime.ledger.getOrder('sec-n'))?.status).toBe('paid');
  });
});

describe('forged Pull notifications (Basic mode) and Bill 1.0.0', () => {
  it('Basic: a wrong password or another prv_id is refused with 150', async () => {
    const stack = await stackFor({ notificationAuth: 'basic' });
    await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'sec-n', phone: '+79001234567' }), flow: 'checkout' },
    });
    const body = pullBody({});
    expect(
      (await notify(stack, body, { authorization: pullNotificationAuthorization(PULL.prvId, 'wrong') })).code,
    ).toBe(150);
    expect(
      (
        await notify(stack, body, {
          authorization: pullNotificationAuthorization('1', SECRETS.notificationPassword),
        })
      ).code,
    ).toBe(150);
    expect((await notify(stack, body, {})).code).toBe(150);
    expect((await stack.runtime.ledger.getOrder('sec-n'))?.status).toBe('waiting');
    expect(
      (
        await notify(stack, body, {
          authorization: pullNotificationAuthorization(PULL.prvId, SECRETS.notificationPassword),
        })
      ).code,
    ).toBe(0);
    expect((await stack.runtime.ledger.getOrder('sec-n'))?.status).toBe('paid');
  });

  it('Bill 1.0.0: a signature with the wrong key is refused; the sandbox’s genuine one is taken', async () => {
    const stack = await stackFor({ protocol: 'bill' });
    await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'sec-b', phone: '+79001234567' }), flow: 'checkout' },
    });
    const body = new URLSearchParams({
      prv_id: BILL.prvId,
      bill_id: 'sec-b',
      status: 'paid',
      error: '0',
      amount: '250.00',
      currency: 'RUB',
      comment: 'x',
      version: '1',
    }).toString();
    const wrongKey = billSecretKey(BILL.prvId, BILL.apiId, 'not-the-secret');
    const { billNotificationSignature } = await import('../../src/qiwi/index.js');
    const response = await fetch(`${stack.url}/v1/notifications/qiwi`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-api-signature': billNotificationSignature(parseFormBody(body), wrongKey),
      },
      body,
    });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(await response.text()).error).toBe(151);
    expect((await stack.runtime.ledger.getOrder('sec-b'))?.status).toBe('waiting');
    await stack.control('POST', '/bills/sec-b/transition', { status: 'paid' });
    await eventually(
      async () => (await stack.runtime.ledger.getOrder('sec-b'))?.status === 'paid',
      'sec-b paid',
    );
  });
});

afterAll(async () => {
  // Every response body and every log line of every backend in this file: no configured secret, and
  // not the derived Bill secret_key either.
  const secrets = [...Object.values(SECRETS), billSecretKey(BILL.prvId, BILL.apiId, SECRETS.apiSecret)];
  let lines = 0;
  for (const stack of allStacks) {
    const texts = [...stack.logs, ...stack.responses];
    lines += texts.length;
    for (const text of texts) {
      expect(text).not.toContain(CANARY);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  }
  expect(lines).toBeGreaterThan(50);
  await Promise.all(allStacks.map((s) => s.close()));
});
