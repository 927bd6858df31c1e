// The main flow under QIWI Bill Payments REST API 1.0.0: REST creation with the Bearer secret_key,
// the /order/form checkout on oplata.qiwi.com, a signed HMAC-SHA256 notification, and the shop shows paid.
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, URLS } from '../support/ports.js';

test('Bill Payments 1.0.0: pay from the wallet, redirected back, page paid, ledger paid', async ({
  page,
}) => {
  await page.goto(`${URLS.billShop}/cart?cart=mug:1`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page).toHaveURL(/^https:\/\/oplata\.qiwi\.com\/order\/form\?shop=2042&transaction=demo-/);
  const orderId = new URL(page.url()).searchParams.get('transaction') as string;
  await page.getByRole('button', { name: 'Pay from QIWI Wallet balance' }).click();
  await expect(page).toHaveURL(`${URLS.billShop}/thanks?order=${orderId}`);
  await expect(page.getByRole('status')).toHaveText('Paid');
  const detail = (await (
    await fetch(`${URLS.billServer}/v1/admin/orders/${orderId}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
  ).json()) as {
    order: { status: string; protocol: string };
    notifications: Array<{ verdict: string; protocol: string }>;
  };
  expect(detail.order).toMatchObject({ status: 'paid', protocol: 'bill' });
  expect(detail.notifications).toEqual(
    expect.arrayContaining([expect.objectContaining({ verdict: 'accepted', protocol: 'bill' })]),
  );
});
