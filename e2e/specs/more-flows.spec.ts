// The web-form flow, refunds, two script tags, a server that is down, duplicated and reordered
// notifications.
import { watchCspViolations } from '../support/csp.js';
import { expect, test } from '../support/fixtures.js';
import type { QiwiCheckoutPage, ShopPage } from '../support/pages.js';

async function payFromWallet(shop: ShopPage, qiwi: QiwiCheckoutPage, cart: string): Promise<string> {
  await shop.openCart(cart);
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  await qiwi.payFromWallet();
  await shop.expectPaid();
  return orderId;
}

test('web-form flow: the signed create.action on bill.qiwi.com creates the bill, then the shop shows paid', async ({
  shop,
  qiwi,
  ledger,
  page,
}) => {
  await shop.openCart('mug:3');
  await shop.remount({ flow: 'webform' });
  await shop.payButton.click();
  const orderId = await qiwi.arrive(
    /^https:\/\/bill\.qiwi\.com\/order\/external\/create\.action\?from=21379721&to=/,
  );
  expect(new URL(page.url()).searchParams.get('sign')).toMatch(/^[0-9a-f]{64}$/);
  await qiwi.payFromWallet();
  await expect(page).toHaveURL(`${shop.origin}/thanks?order=${orderId}`);
  await shop.expectPaid();
  expect((await ledger.order(orderId))?.order).toMatchObject({ status: 'paid', amount: '1350.00' });
});

test('a refund through the admin API, and its status', async ({ shop, qiwi, ledger }) => {
  const orderId = await payFromWallet(shop, qiwi, 'tee:1');
  const refund = await ledger.call(`/orders/${orderId}/refunds`, {
    method: 'POST',
    body: JSON.stringify({ amount: '290.00', refundId: 'R1' }),
  });
  expect(refund.refund).toMatchObject({ refundId: 'R1', amount: '290.00', status: 'success' });
  expect((await ledger.call(`/orders/${orderId}/refunds/R1`)).refund.status).toBe('success');
  expect((await ledger.order(orderId))?.order.refundedAmount).toBe('290.00');
});

test("two script tags make one button, under the shop's strict CSP, with no violation", async ({
  shop,
  page,
}) => {
  const warnings: string[] = [];
  page.on('console', (message) => warnings.push(message.text()));
  // The shop's own page with its script tag pasted twice, as a merchant might: under Trusted Types
  // no page script may add a script element, so the copy is made in the HTML itself.
  await page.route(`${shop.origin}/cart?*`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script [^>]*><\/script>/, (tag) => tag + tag);
    await route.fulfill({ response, body: html });
  });
  const violations = await watchCspViolations(page);
  await shop.openCart('mug:1');
  await expect(page.locator('script[src="/qiwi-pay.js"]')).toHaveCount(2);
  await expect(shop.payButton).toHaveCount(1);
  await expect
    .poll(() => warnings.filter((w) => w.startsWith('[qiwi-pay] script included twice')))
    .toHaveLength(1);
  expect(await violations()).toEqual([]);
});

test('the server down shows an error that a retry clears', async ({ shop, qiwi, page }) => {
  await shop.openCart('stickers:1');
  const checkout = `${new URL((await page.locator('script[src="/qiwi-pay.js"]').getAttribute('data-backend')) as string).origin}/v1/checkout`;
  await page.route(checkout, (route) => route.abort('connectionrefused'));
  await shop.payButton.click();
  await expect(shop.retryButton).toBeVisible();
  await page.unroute(checkout);
  await shop.retryButton.click();
  await qiwi.arrive();
});

test('duplicated notifications make one paid event', async ({ shop, qiwi, ledger, sandbox }) => {
  await sandbox.call('/faults', { target: 'notification', kind: 'duplicate', times: 1 });
  const orderId = await payFromWallet(shop, qiwi, 'mug:4');
  await expect
    .poll(async () => (await ledger.order(orderId))?.notifications.length)
    .toBeGreaterThanOrEqual(2);
  const detail = await ledger.order(orderId);
  expect(detail?.events.filter((e: { to: string }) => e.to === 'paid')).toHaveLength(1);
  expect(
    detail?.webhooks.filter((w: { type: string }) => w.type === 'order.paid').length,
  ).toBeLessThanOrEqual(1);
});

test('reordered notifications still make one paid event', async ({ shop, qiwi, ledger, sandbox }) => {
  // The first notification is held back until the next one has gone out (or deliver-now).
  await sandbox.call('/faults', { target: 'notification', kind: 'reorder', times: 1 });
  const first = await payFromWallet(shop, qiwi, 'stickers:4');
  const second = await payFromWallet(shop, qiwi, 'stickers:5');
  await sandbox.call('/deliveries/deliver-now', {});
  for (const orderId of [first, second]) {
    await expect
      .poll(async () => (await ledger.order(orderId))?.notifications.length)
      .toBeGreaterThanOrEqual(1);
    const detail = await ledger.order(orderId);
    expect(detail?.order.status).toBe('paid');
    expect(detail?.events.filter((e: { to: string }) => e.to === 'paid')).toHaveLength(1);
  }
});
