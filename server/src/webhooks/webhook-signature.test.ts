import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const secret = 'whsec_test_0123456789';
const body = '{"id":"evt-1","type":"order.paid"}';
const now = new Date('2025-01-01T10:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('signWebhook / verifyWebhook', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in hex', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('accepts its own signature over a string or a Buffer', () => {
    const header = signWebhook(secret, t, body);
    expect(verifyWebhook({ secret, header, body, now })).toEqual({ timestamp: t });
    expect(verifyWebhook({ secret, header, body: Buffer.from(body), now })).toEqual({ timestamp: t });
  });

  it('accepts any of several v1 values, so secrets can be rotated', () => {
    const header = `${signWebhook('old-secret', t, body)},v1=${signWebhook(secret, t, body).split('v1=')[1]}`;
    expect(verifyWebhook({ secret, header, body, now }).timestamp).toBe(t);
  });

  it('tells the merchant to pass the raw body when given parsed JSON', () => {
    const header = signWebhook(secret, t, body);
    expect(() => verifyWebhook({ secret, header, body: JSON.parse(body), now })).toThrow(
      /pass the raw request body .* not parsed JSON/,
    );
  });

  it('refuses a changed body, a wrong secret, and a missing or malformed header', () => {
    const header = signWebhook(secret, t, body);
    expect(() => verifyWebhook({ secret, header, body: body + ' ', now })).toThrow(/does not match the body/);
    expect(() => verifyWebhook({ secret: 'other', header, body, now })).toThrow(/does not match/);
    expect(() => verifyWebhook({ secret, header: undefined, body, now })).toThrow(/header is missing/);
    expect(() => verifyWebhook({ secret, header: 'v1=abc', body, now })).toThrow(/t=<unix seconds>,v1=<hex>/);
    expect(() => verifyWebhook({ secret, header: `t=${t},v1=zz`, body, now })).toThrow(/does not match/);
  });

  it('refuses an old signature with its age, and one from the future', () => {
    const header = signWebhook(secret, t - 412, body);
    expect(() => verifyWebhook({ secret, header, body, now })).toThrow('signature timestamp is 412 s old');
    expect(verifyWebhook({ secret, header, body, now, toleranceSeconds: 600 }).timestamp).toBe(t - 412);
    expect(() => verifyWebhook({ secret, header: signWebhook(secret, t + 900, body), body, now })).toThrow(
      /in the future/,
    );
  });

  it('refuses an empty secret', () => {
    expect(() => signWebhook('', t, body)).toThrow(/WEBHOOK_SECRET/);
    expect(() => verifyWebhook({ secret: '', header: 't=1,v1=00', body, now })).toThrow(/secret is empty/);
  });
});
