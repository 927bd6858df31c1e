// Other outcomes in the browser: decline, a tampered order token, a double click.
import { expect, test } from '../support/fixtures.js';

test('decline: back on the shop the payment shows as failed, and the ledger says rejected', async ({
  shop,
  qiwi,
  ledger,
  page,
}) => {
  await shop.openCart('tee:1');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  await qiwi.decline();
  // Back on the failUrl the shop gave (its cart), with QIWI's order= appended (pull §8.3).
  await expect(page).toHaveURL(
    (url) =>
      url.origin === shop.origin && url.pathname === '/cart' && url.searchParams.get('order') === orderId,
  );
  await shop.expectFailed();
  expect((await ledger.order(orderId))?.order.status).toBe('rejected');
});

test('a tampered order token shows an error and makes no bill', async ({ shop, ledger, sandbox, page }) => {
  await shop.openCart('stickers:1');
  const token = (await page.locator('[data-qiwi-pay]').getAttribute('data-order-token')) as string;
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
  const forged = [
    header,
    Buffer.from(JSON.stringify({ ...claims, amount: '0.01' })).toString('base64url'),
    signature,
  ].join('.');
  const before = (await sandbox.bills()).length;
  await shop.remount({ orderToken: forged });
  await shop.payButton.click();
  await expect(page.getByRole('button', { name: /Payment (did not start|unavailable)/ })).toBeVisible();
  expect(page.url()).toContain(shop.origin);
  expect((await sandbox.bills()).length).toBe(before);
  expect(await ledger.order(claims.orderId)).toBeUndefined();
});

test('a double click makes one bill', async ({ shop, qiwi, sandbox }) => {
  await shop.openCart('mug:2');
  const { orderId } = await shop.orderClaims();
  await shop.payButton.dblclick();
  await qiwi.arrive();
  expect((await sandbox.bills()).filter((b) => b.billId === orderId)).toHaveLength(1);
});
