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
