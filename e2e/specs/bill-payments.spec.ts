// The main flow under QIWI Bill Payments REST API 1.0.0: REST creation with the Bearer secret_key,
// the /order/form checkout on oplata.qiwi.com, a signed HMAC-SHA256 notification, and the shop shows paid.
import { expect, test } from '../support/fixtures.js';

test('Bill Payments 1.0.0: pay from the wallet, redirected back, page paid, ledger paid', async ({
  billShop,
  qiwi,
  billLedger,
  page,
}) => {
  await billShop.openCart('mug:1');
  await billShop.payButton.click();
  const orderId = await qiwi.arrive(/^https:\/\/oplata\.qiwi\.com\/order\/form\?shop=2042&transaction=demo-/);
  await qiwi.payFromWallet();
  await expect(page).toHaveURL(`${billShop.origin}/thanks?order=${orderId}`);
  await billShop.expectPaid();
  const detail = await billLedger.order(orderId);
  expect(detail?.order).toMatchObject({ status: 'paid', protocol: 'bill' });
  expect(detail?.notifications).toEqual(
    expect.arrayContaining([expect.objectContaining({ verdict: 'accepted', protocol: 'bill' })]),
  );
});
