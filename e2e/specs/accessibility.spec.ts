// An axe scan of the shop page in each widget state: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { URLS } from '../support/ports.js';

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

test('idle, error, waiting and paid states pass axe', async ({ page }) => {
  await page.goto(`${URLS.shop}/cart?cart=mug:1`);
  await expect(page.getByRole('button', { name: 'Pay with QIWI' })).toBeVisible();
  expect(await serious(page)).toEqual([]);

  await page.route(`${URLS.server}/v1/checkout`, (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page.getByRole('button', { name: /Payment did not start/ })).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await page.unroute(`${URLS.server}/v1/checkout`);

  await page.getByRole('button', { name: /Payment did not start/ }).click();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
  const orderId = new URL(page.url()).searchParams.get('transaction') as string;
  // Back on the shop before paying: the button waits for the payment.
  await page.goto(`${URLS.shop}/thanks?order=${orderId}`);
  await expect(page.getByRole('status')).toHaveText(/Waiting for payment/);
  expect(await serious(page)).toEqual([]);

  await fetch(`${URLS.sandbox}/__sandbox/bills/${orderId}/transition`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'paid' }),
  });
  await expect(page.getByRole('status')).toHaveText('Paid', { timeout: 20_000 });
  expect(await serious(page)).toEqual([]);
});

test('the failed state passes axe', async ({ page }) => {
  await page.goto(`${URLS.shop}/cart?cart=tee:3`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
  await page.getByRole('button', { name: 'Decline' }).click();
  await expect(page.getByRole('status')).toHaveText('Payment failed. Try again');
  expect(await serious(page)).toEqual([]);
});
