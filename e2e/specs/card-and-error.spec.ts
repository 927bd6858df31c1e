// Payment outcomes that do not end on the shop's success URL.
import { expect, test } from '../support/fixtures.js';

test('pay by card: no redirect; back on the shop the button shows paid', async ({
  shop,
  qiwi,
  ledger,
  page,
}) => {
  await shop.openCart('tee:2');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  await qiwi.payByCard();
  // QIWI does not send card payers back (pull §8.3): they stay on QIWI's page.
  await expect(page).toHaveURL(/oplata\.qiwi\.com/);
  await expect.poll(async () => (await ledger.order(orderId))?.order.status).toBe('paid');
  // The shopper returns to the shop's cart: the button finds the payment it started.
  await shop.openCart('tee:2');
  await shop.expectPaid();
});

test('payment error: sent to the fail URL, the button shows failed, the ledger says unpaid', async ({
  shop,
  qiwi,
  ledger,
  page,
}) => {
  await shop.openCart('stickers:3');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  await qiwi.simulateError();
  await expect(page).toHaveURL(
    (url) => url.origin === shop.origin && url.searchParams.get('order') === orderId,
  );
  await shop.expectFailed();
  expect((await ledger.order(orderId))?.order.status).toBe('unpaid');
});
