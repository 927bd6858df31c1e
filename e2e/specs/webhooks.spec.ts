// A payment through the UI ends in a merchant webhook that the shop verifies with the
// `standardwebhooks` package (Standard Webhooks 1.0), exactly as a merchant in any language would.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { expect, test } from '../support/fixtures.js';
import { URLS, WEBHOOK_SECRET } from '../support/ports.js';
import type { Delivery } from '../support/webhook-receiver.js';

async function deliveryFor(orderId: string): Promise<Delivery> {
  let found: Delivery | undefined;
  await expect
    .poll(async () => {
      const deliveries = (await (await fetch(`${URLS.webhook}/deliveries`)).json()) as Delivery[];
      found = deliveries.find((d) => d.body.includes(`"orderId":"${orderId}"`));
      return found !== undefined;
    })
    .toBe(true);
  return found as Delivery;
}

const standardHeaders = (d: Delivery) => ({
  'webhook-id': String(d.headers['webhook-id']),
  'webhook-timestamp': String(d.headers['webhook-timestamp']),
  'webhook-signature': String(d.headers['webhook-signature']),
});

test('paying from the wallet sends an order.paid webhook that standardwebhooks verifies', async ({
  shop,
  qiwi,
  ledger,
}) => {
  await shop.openCart('mug:1');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  await qiwi.payFromWallet();
  await shop.expectPaid();
  const { amount } = (await ledger.order(orderId))!.order as { amount: string };

  const delivery = await deliveryFor(orderId);
  const headers = standardHeaders(delivery);
  expect(new Webhook(WEBHOOK_SECRET).verify(delivery.body, headers)).toEqual({
    type: 'order.paid',
    timestamp: expect.any(String),
    data: { orderId, status: 'paid', amount, currency: 'RUB' },
  });
  // The webhook id is the ledger's event id: the merchant deduplicates retries by it.
  const record = await ledger.order(orderId);
  expect(record?.webhooks.map((w: { id: string }) => w.id)).toContain(headers['webhook-id']);

  // A body changed on the way no longer verifies.
  const tampered = delivery.body.replace('"paid"', '"rejected"');
  expect(() => new Webhook(WEBHOOK_SECRET).verify(tampered, headers)).toThrow(WebhookVerificationError);
});
