// Payment outcomes that do not end on the shop's success URL.
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, URLS } from '../support/ports.js';

async function status(orderId: string): Promise<string> {
  const r = await fetch(`${URLS.server}/v1/admin/orders/${orderId}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return ((await r.json()) as { order: { status: string } }).order.status;
}

test('pay by card: no redirect; back on the shop the button shows paid', async ({ page }) => {
  await page.goto(`${URLS.shop}/cart?cart=tee:2`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
  const orderId = new URL(page.url()).searchParams.get('transaction') as string;
  await page.getByRole('button', { name: 'Pay by card' }).click();
  // QIWI does not send card payers back (pull §8.3): they stay on QIWI's page.
  await expect(page).toHaveURL(/oplata\.qiwi\.com/);
  await expect.poll(() => status(orderId)).toBe('paid');
  // The shopper returns to the shop's cart: the button finds the payment it started.
  await page.goto(`${URLS.shop}/cart?cart=tee:2`);
  await expect(page.getByRole('status')).toHaveText('Paid');
});

test('payment error: sent to the fail URL, the button shows failed, the ledger says unpaid', async ({
  page,
}) => {
  await page.goto(`${URLS.shop}/cart?cart=stickers:3`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
  const orderId = new URL(page.url()).searchParams.get('transaction') as string;
  await page.getByRole('button', { name: 'Simulate payment error' }).click();
  await expect(page).toHaveURL(
    (url) => url.origin === URLS.shop && url.searchParams.get('order') === orderId,
  );
  await expect(page.getByRole('status')).toHaveText('Payment failed. Try again');
  expect(await status(orderId)).toBe('unpaid');
});
