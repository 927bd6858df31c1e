// Other outcomes in the browser: decline, a tampered order token, a double click.
import { expect, test } from '../support/fixtures.js';
import { demoOrderClaims, signOrderToken } from '../support/order-token.js';

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
  // A token the shop's backend signed, with the amount changed afterwards.
  const claims = demoOrderClaims('99.90');
  const [header, , signature] = signOrderToken(claims).split('.');
  const forged = [
    header,
    Buffer.from(JSON.stringify({ ...claims, amount: '0.01' })).toString('base64url'),
    signature,
  ].join('.');
  const before = (await sandbox.bills()).length;
  // The forged token alone, without the shop's order endpoint to fall back on.
  await shop.remount({ orderToken: forged, orderEndpoint: '' });
  await shop.payButton.click();
  await expect(page.getByRole('button', { name: /Payment (did not start|unavailable)/ })).toBeVisible();
  expect(page.url()).toContain(shop.origin);
  expect((await sandbox.bills()).length).toBe(before);
  expect(await ledger.order(claims.orderId as string)).toBeUndefined();
});

test('a double click makes one order and one bill', async ({ shop, qiwi, sandbox }) => {
  await shop.openCart('mug:2');
  const before = (await sandbox.bills()).length;
  await shop.payButton.dblclick();
  const orderId = await qiwi.arrive();
  const bills = await sandbox.bills();
  expect(bills.filter((b) => b.billId === orderId)).toHaveLength(1);
  expect(bills.length).toBe(before + 1);
});
