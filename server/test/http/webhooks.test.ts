// Merchant webhooks from the real backend to a real receiver, verified with the `standardwebhooks`
// reference package (Standard Webhooks 1.0), not with this project's own verifier.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETS, eventually, startStack, type Stack } from '../stack.js';
import { startWebhookReceiver, type WebhookReceiver } from '../webhook-receiver.js';

// The secret being retired and the one replacing it, both configured while the merchant rotates.
const OLD_SECRET = SECRETS.webhookSecret;
const NEW_SECRET = 'whsec_' + Buffer.alloc(32, 'n').toString('base64');

describe('merchant webhooks (Standard Webhooks 1.0)', () => {
  let stack: Stack;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    stack = await startStack({
      protocol: 'pull',
      env: { WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: `${OLD_SECRET} ${NEW_SECRET}` },
    });
  });
  afterAll(async () => {
    await stack.close();
    await receiver.close();
  });

  async function payAndReceive(orderId: string) {
    const token = stack.mint({ orderId, phone: '+79001234567' });
    const { status } = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: token, flow: 'checkout' },
    });
    expect(status).toBe(200);
    await stack.control('POST', `/bills/${orderId}/transition`, { status: 'paid' });
    return eventually(
      async () => receiver.received.find((r) => r.body.includes(`"orderId":"${orderId}"`)),
      `the webhook for ${orderId}`,
    );
  }

  it('a paid order is delivered with webhook-id, -timestamp and -signature that standardwebhooks accepts with either secret', async () => {
    const delivery = await payAndReceive('wh-1');
    const headers = {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    };
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+ v1,[A-Za-z0-9+/=]+$/);
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    for (const secret of [OLD_SECRET, NEW_SECRET]) {
      expect(new Webhook(secret).verify(delivery.body, headers)).toEqual({
        type: 'order.paid',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        data: { orderId: 'wh-1', status: 'paid', amount: '250.00', currency: 'RUB' },
      });
    }
    // The event id is the ledger's, so the merchant can look the event up and deduplicate by it.
    const { body } = await stack.call('GET', '/v1/admin/orders/wh-1', { token: SECRETS.adminToken });
    expect(body.webhooks.map((w: { id: string }) => w.id)).toContain(headers['webhook-id']);
  });

  it('a tampered body, a changed id or an unknown secret fails standardwebhooks verification', async () => {
    const delivery = await payAndReceive('wh-2');
    const headers = {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    };
    const tampered = delivery.body.replace('"250.00"', '"2.50"');
    expect(tampered).not.toBe(delivery.body);
    expect(() => new Webhook(NEW_SECRET).verify(tampered, headers)).toThrow(WebhookVerificationError);
    expect(() =>
      new Webhook(NEW_SECRET).verify(delivery.body, { ...headers, 'webhook-id': 'other' }),
    ).toThrow(WebhookVerificationError);
    const stranger = 'whsec_' + Buffer.alloc(32, 's').toString('base64');
    expect(() => new Webhook(stranger).verify(delivery.body, headers)).toThrow(WebhookVerificationError);
  });

  it('never writes a webhook secret to the log', () => {
    const log = stack.logs.join('');
    expect(log).toContain('webhook delivered');
    for (const secret of [OLD_SECRET, NEW_SECRET]) {
      expect(log).not.toContain(secret);
      expect(log).not.toContain(secret.slice('whsec_'.length));
    }
  });
});

describe('webhook dead letters and the admin outbox API', () => {
  let stack: Stack;
  let good: WebhookReceiver;
  let down: WebhookReceiver;
  beforeAll(async () => {
    good = await startWebhookReceiver();
    down = await startWebhookReceiver();
    down.status = 500;
    stack = await startStack({
      protocol: 'pull',
      env: {
        // Two endpoints, comma and space separated: each receives every event.
        WEBHOOK_URL: `${good.url}, ${down.url}`,
        WEBHOOK_SECRET: OLD_SECRET,
        WEBHOOK_MAX_ATTEMPTS: '2',
        WEBHOOK_RETRY_BASE_SECONDS: '1',
        WEBHOOK_RETRY_CAP_SECONDS: '1',
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await good.close();
    await down.close();
  });
  const admin = (method: string, path: string, body?: unknown) =>
    stack.call(method, path, { token: SECRETS.adminToken, ...(body === undefined ? {} : { body }) });

  it('an endpoint that stays down leaves the event dead; the admin lists it, shows its attempts and queues it again', async () => {
    const token = stack.mint({ orderId: 'dl-1', phone: '+79001234567' });
    expect(
      (await stack.call('POST', '/v1/checkout', { body: { orderToken: token, flow: 'checkout' } })).status,
    ).toBe(200);
    await stack.control('POST', '/bills/dl-1/transition', { status: 'paid' });
    const listed = await eventually(async () => {
      const { body } = await admin('GET', '/v1/admin/webhooks?state=dead&orderId=dl-1');
      return body.events.length === 1 ? body : undefined;
    }, 'the dead event');
    const [event] = listed.events;
    expect(event).toMatchObject({
      type: 'order.paid',
      orderId: 'dl-1',
      state: 'dead',
      attempts: 2,
      lastError: 'merchant endpoint answered HTTP 500',
      nextAttemptAt: null,
      deliveredAt: null,
      endpoint: down.url,
    });
    expect(listed.next).toBeNull();
    // The working endpoint got it once; the failing one twice (the bounded schedule).
    const ids = (r: WebhookReceiver) => r.received.map((x) => x.headers['webhook-id']);
    expect(ids(good)).toEqual([event.id]);
    expect(ids(down)).toEqual([event.id, event.id]);

    const shown = await admin('GET', `/v1/admin/webhooks/${event.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.event.payload).toMatchObject({ type: 'order.paid', data: { orderId: 'dl-1' } });
    expect(
      shown.body.event.deliveries
        .map((d: { status: number; endpoint: string }) => [d.endpoint, d.status])
        .sort(),
    ).toEqual(
      [
        [down.url, 500],
        [down.url, 500],
        [good.url, 204],
      ].sort(),
    );
    expect((await admin('GET', '/v1/admin/webhooks/nope')).status).toBe(404);
    expect((await admin('GET', '/v1/admin/webhooks?state=lost')).body.error.code).toBe('invalid_state');
    expect((await admin('POST', '/v1/admin/webhooks/redeliver', { state: 'pending' })).status).toBe(400);

    down.status = 204;
    const requeued = await admin('POST', '/v1/admin/webhooks/redeliver', { state: 'dead' });
    expect(requeued.status).toBe(202);
    expect(requeued.body).toEqual({ queued: 1 });
    const delivered = await eventually(async () => {
      const { body } = await admin('GET', `/v1/admin/webhooks/${event.id}`);
      return body.event.state === 'delivered' ? body.event : undefined;
    }, 'the redelivered event');
    expect(delivered.deliveredAt).toEqual(expect.any(String));
    // Same webhook-id: the merchant deduplicates.
    expect(ids(down)).toEqual([event.id, event.id, event.id]);
    // A delivered event may be sent again too, on request; the answer is never cached.
    const again = await fetch(`${stack.url}/v1/admin/webhooks/${event.id}/redeliver`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRETS.adminToken}`, 'x-qiwipay-actor': 'ops-bot' },
    });
    expect(again.status).toBe(202);
    expect(again.headers.get('cache-control')).toBe('no-store');
    expect(((await again.json()) as { event: unknown }).event).toMatchObject({
      id: event.id,
      state: 'pending',
      attempts: 0,
    });
    // The order's history names who asked for the redelivery.
    const history = (await admin('GET', '/v1/admin/orders/dl-1')).body.events as {
      detail?: string;
      actor?: string;
    }[];
    expect(history.filter((e) => e.detail === `webhook ${event.id} (order.paid) queued again`)).toEqual([
      expect.objectContaining({ actor: 'api:ops-bot', source: 'admin' }),
    ]);
    // The dead event went only to the endpoint that had not acknowledged it; a delivered one goes to all.
    expect(ids(good)).toEqual([event.id]);
    await eventually(async () => (ids(good).length === 2 ? true : undefined), 'the second redelivery');
  });

  it('refuses the outbox API without the admin token', async () => {
    expect((await stack.call('GET', '/v1/admin/webhooks')).status).toBe(401);
  });
});
