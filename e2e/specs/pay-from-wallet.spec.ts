// The main flow (checkout flow) in a real browser: shop cart → "Pay with QIWI" → QIWI's checkout (the
// sandbox under oplata.qiwi.com) → pay from the wallet → back on the shop, which shows the payment.
import { expect, test } from '../support/fixtures.js';

test('pay from the wallet: redirected back, page shows paid, ledger shows paid, notification recorded', async ({
  shop,
  qiwi,
  ledger,
  page,
}) => {
  await shop.openCart('mug:1');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  await qiwi.payFromWallet();

  await expect(page).toHaveURL(`${shop.origin}/thanks?order=${orderId}`);
  await shop.expectPaid();
  await expect(page.getByRole('button', { name: 'Paid' })).toBeVisible();

  const detail = await ledger.order(orderId);
  expect(detail?.order).toMatchObject({ status: 'paid', amount: '450.00' });
  expect(detail?.notifications.map((n: { verdict: string }) => n.verdict)).toContain('accepted');
});
