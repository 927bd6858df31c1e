// Our signer and verifier against the Standard Webhooks 1.0 scheme, checked both ways with the
// `standardwebhooks` reference package rather than with our own code alone.
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const key = Buffer.alloc(32, 7);
const secret = 'whsec_' + key.toString('base64');
const other = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
const body = '{"type":"order.paid","timestamp":"2025-01-01T10:00:00.000Z","data":{"orderId":"o-1"}}';
const id = 'evt-1';
const now = new Date('2025-01-01T10:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('signWebhook / verifyWebhook', () => {
  it('signs "<id>.<timestamp>.<body>" with HMAC-SHA256 keyed by the decoded secret, as v1,<base64>', () => {
    const expected = createHmac('sha256', key).update(`${id}.${t}.${body}`).digest('base64');
    expect(signWebhook([secret], id, t, body)).toEqual({
      'webhook-id': id,
      'webhook-timestamp': String(t),
      'webhook-signature': `v1,${expected}`,
    });
  });

  it('produces exactly what the standardwebhooks package produces, and verifies its signatures', () => {
    const reference = new Webhook(secret).sign(id, now, body);
    expect(signWebhook([secret], id, t, body)['webhook-signature']).toBe(reference);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': reference };
    expect(verifyWebhook({ secret, headers, body, now })).toEqual({
      id,
      timestamp: t,
      payload: JSON.parse(body),
    });
  });

  it('signs once per secret while rotating; each secret alone verifies, with either library', () => {
    const headers = signWebhook([other, secret], id, t, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const s of [secret, other]) {
      expect(verifyWebhook({ secret: s, headers, body, now }).id).toBe(id);
      // standardwebhooks checks the timestamp against the real clock: sign "now" for it.
      const fresh = signWebhook([other, secret], id, Math.floor(Date.now() / 1000), body);
      expect(new Webhook(s).verify(body, fresh)).toEqual(JSON.parse(body));
    }
  });

  it('reads Node header objects, fetch Headers and Buffers', () => {
    const signed = signWebhook([secret], id, t, body);
    expect(verifyWebhook({ secret, headers: new Headers(signed), body: Buffer.from(body), now }).id).toBe(id);
  });

  it('tells the merchant to pass the raw body when given parsed JSON', () => {
    const headers = signWebhook([secret], id, t, body);
    expect(() => verifyWebhook({ secret, headers, body: JSON.parse(body), now })).toThrow(
      /pass the raw request body .* not parsed JSON/,
    );
  });

  it('refuses a changed body, a changed id, a wrong secret, and missing headers', () => {
    const headers = signWebhook([secret], id, t, body);
    expect(() => verifyWebhook({ secret, headers, body: body + ' ', now })).toThrow(
      /no v1 signature matches/,
    );
    expect(() =>
      verifyWebhook({ secret, headers: { ...headers, 'webhook-id': 'evt-2' }, body, now }),
    ).toThrow(/no v1 signature matches/);
    expect(() => verifyWebhook({ secret: other, headers, body, now })).toThrow(/no v1 signature matches/);
    expect(() =>
      verifyWebhook({ secret, headers: { ...headers, 'webhook-signature': 'v1,AAAA' }, body, now }),
    ).toThrow(/no v1 signature matches/);
    expect(() => verifyWebhook({ secret, headers: {}, body, now })).toThrow(
      'the webhook-id header is missing',
    );
  });

  it('refuses an old timestamp with its age, and one from the future', () => {
    const old = signWebhook([secret], id, t - 412, body);
    expect(() => verifyWebhook({ secret, headers: old, body, now })).toThrow(
      'webhook-timestamp is 412 s old',
    );
    expect(verifyWebhook({ secret, headers: old, body, now, toleranceSeconds: 600 }).timestamp).toBe(t - 412);
    const future = signWebhook([secret], id, t + 900, body);
    expect(() => verifyWebhook({ secret, headers: future, body, now })).toThrow(/in the future/);
  });

  it('refuses a secret that is not a whsec_ secret, and signing with none', () => {
    expect(() => signWebhook([], id, t, body)).toThrow(/WEBHOOK_SECRET/);
    const headers = signWebhook([secret], id, t, body);
    expect(() => verifyWebhook({ secret: 'plain', headers, body, now })).toThrow(/must start with "whsec_"/);
  });
});
