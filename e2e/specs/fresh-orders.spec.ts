// New orders on demand (the button's data-order-endpoint) and the return page (data-return), in the
// browser against the demo shop: "Try again" after a decline or a payment error makes a new order and
// pays in the same tab; the return page in a new tab shows the true status; an expired static order
// token next to an order endpoint still pays.
import { expect, test } from '../support/fixtures.js';
import { demoOrderClaims, signOrderToken } from '../support/order-token.js';

test('after a decline, "Try again" makes a new order and pays it, in the same tab', async ({
  shop,
  qiwi,
  ledger,
  page,
  context,
}) => {
  await shop.openCart('tee:1');
  await shop.payButton.click();
  const declined = await qiwi.arrive();
  await qiwi.decline();
  // Back on the cart (the failUrl) with ?order=: the reason, and what to do.
  await expect(page).toHaveURL(
    (url) => url.pathname === '/cart' && url.searchParams.get('order') === declined,
  );
  await shop.expectFailed('Payment declined. Try again');

  await shop.tryAgainButton.click();
  const retried = await qiwi.arrive();
  expect(retried).not.toBe(declined);
  await qiwi.payFromWallet();
  await expect(page).toHaveURL(`${shop.origin}/thanks?order=${retried}`);
  await shop.expectPaid();
  expect(context.pages()).toEqual([page]);
  // Two orders in the ledger: the declined one, and the new one, paid, for the same cart.
  expect((await ledger.order(declined))?.order).toMatchObject({ status: 'rejected', amount: '1290.00' });
  expect((await ledger.order(retried))?.order).toMatchObject({ status: 'paid', amount: '1290.00' });
});

test('after a payment error, "Try again" makes a new order and pays it', async ({ shop, qiwi, ledger }) => {
  await shop.openCart('stickers:2');
  await shop.payButton.click();
  const failed = await qiwi.arrive();
  await qiwi.simulateError();
  await shop.expectFailed('Payment error. Try again');
  await shop.tryAgainButton.click();
  const retried = await qiwi.arrive();
  expect(retried).not.toBe(failed);
  await qiwi.payFromWallet();
  await shop.expectPaid();
  expect((await ledger.order(failed))?.order.status).toBe('unpaid');
  expect((await ledger.order(retried))?.order.status).toBe('paid');
});

test('the return page opened in a new tab shows the order paid, and again after a reload', async ({
  shop,
  qiwi,
  ledger,
  page,
  context,
}) => {
  await shop.openCart('mug:2');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  // A card payment: QIWI does not send the shopper back (pull §8.3); the first tab stays on QIWI.
  await qiwi.payByCard();
  await expect.poll(async () => (await ledger.order(orderId))?.order.status).toBe('paid');
  await expect(page).toHaveURL(/oplata\.qiwi\.com/);

  // The shopper opens the shop's return page (say, from the shop's e-mail) in a new tab.
  const tab = await context.newPage();
  await tab.goto(`${shop.origin}/thanks?order=${orderId}`);
  await expect(tab.getByRole('status')).toHaveText('Paid');
  await expect(tab.getByRole('button', { name: 'Paid' })).toHaveAttribute('aria-disabled', 'true');
  await tab.reload();
  await expect(tab.getByRole('status')).toHaveText('Paid');
  // An order this browser never started: a neutral sentence, not "Payment unavailable".
  await tab.goto(`${shop.origin}/thanks?order=demo-000000000000`);
  await expect(tab.getByRole('status')).toHaveText(
    "We could not find your order here. Check your e-mail or the shop's order page.",
  );
  await expect(tab.getByText('Payment unavailable')).toHaveCount(0);
});

test('an expired static order token next to the order endpoint still pays, with a new order', async ({
  shop,
  qiwi,
  ledger,
}) => {
  await shop.openCart('mug:1');
  // The page's own token, signed an hour ago for half an hour: the server refuses it as expired.
  const stale = demoOrderClaims('450.00');
  const hourAgo = Math.floor(Date.now() / 1000) - 3600;
  await shop.remount({ orderToken: signOrderToken(stale, { issuedAt: hourAgo, lifetimeSeconds: 1800 }) });
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  expect(orderId).not.toBe(stale.orderId);
  await qiwi.payFromWallet();
  await shop.expectPaid();
  expect(await ledger.order(stale.orderId as string)).toBeUndefined();
  expect((await ledger.order(orderId))?.order).toMatchObject({ status: 'paid', amount: '450.00' });
});
