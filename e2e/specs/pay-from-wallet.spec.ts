// The main flow in a real browser: shop cart → "Pay with QIWI" → QIWI's checkout (the sandbox under
// oplata.qiwi.com) → pay from the wallet → back on the shop, which shows the payment; the ledger agrees.
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, URLS } from '../support/ports.js';

test('pay from the wallet: redirected back, page shows paid, ledger shows paid, notification recorded', async ({
  page,
}) => {
  await page.goto(`${URLS.shop}/cart?cart=mug:1`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();

  await expect(page).toHaveURL(/^https:\/\/oplata\.qiwi\.com\/form\?shop=21379721&transaction=demo-/);
  const orderId = new URL(page.url()).searchParams.get('transaction') as string;
  await page.getByRole('button', { name: 'Pay from QIWI Wallet balance' }).click();

  await expect(page).toHaveURL(`${URLS.shop}/thanks?order=${orderId}`);
  await expect(page.getByRole('status')).toHaveText('Paid');
  await expect(page.getByRole('button', { name: 'Paid' })).toBeVisible();

  const admin = await fetch(`${URLS.server}/v1/admin/orders/${orderId}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const detail = (await admin.json()) as {
    order: { status: string; amount: string };
    notifications: Array<{ verdict: string }>;
  };
  expect(detail.order).toMatchObject({ status: 'paid', amount: '450.00' });
  expect(detail.notifications.map((n) => n.verdict)).toContain('accepted');
});
