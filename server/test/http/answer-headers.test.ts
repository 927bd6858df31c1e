// What every answer of the API carries, whichever path wrote it: helmet's strict headers (computed
// once at start, set on each answer), JSON with its exact length, no ETag and no X-Powered-By.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../stack.js';

const STRICT = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-resource-policy': 'cross-origin',
  'referrer-policy': 'no-referrer',
};

describe('answer headers', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ protocol: 'pull' });
  });
  afterAll(() => stack.close());

  const expectStrict = (response: Response) => {
    for (const [name, value] of Object.entries(STRICT)) expect(response.headers.get(name), name).toBe(value);
    expect(response.headers.get('content-security-policy')).toMatch(
      /^default-src 'none';.*frame-ancestors 'none';/,
    );
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('etag')).toBeNull();
  };

  it('a checkout answer, a status read and a refusal: strict headers, JSON of the stated length', async () => {
    const checkout = await fetch(`${stack.url}/v1/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderToken: stack.mint({ orderId: 'hdr-1' }), flow: 'webform' }),
    });
    expectStrict(checkout);
    expect(checkout.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(checkout.headers.get('cache-control')).toBe('no-store');
    const text = await checkout.text();
    expect(Number(checkout.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    const answer = JSON.parse(text) as { orderId: string; statusToken: string };
    expect(answer.orderId).toBe('hdr-1');

    const status = await fetch(`${stack.url}/v1/orders/hdr-1`, {
      headers: { authorization: `Bearer ${answer.statusToken}` },
    });
    expectStrict(status);
    expect(await status.json()).toMatchObject({ orderId: 'hdr-1', status: 'created' });

    const refused = await fetch(`${stack.url}/v1/orders/hdr-1`);
    expectStrict(refused);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'missing_status_token' } });
  });

  it('a notification answer and an unknown endpoint carry them too', async () => {
    const notification = await fetch(`${stack.url}/v1/notifications/qiwi`, { method: 'POST', body: '' });
    expectStrict(notification);
    expect(notification.headers.get('content-type')).toBe('text/xml');
    expectStrict(await fetch(`${stack.url}/v1/nothing-here`));
  });
});
