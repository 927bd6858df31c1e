// Pictures for the README, made from the real build: the button on the demo shop, QIWI's checkout page
// (the sandbox under oplata.qiwi.com) and the paid state back on the shop. Writes docs/*.png.
// Run: pnpm --filter @qiwi-pay/e2e run screenshots
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';
import { URLS } from '../support/ports.js';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));

test('README pictures', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 520 });
  await page.goto(`${URLS.shop}/cart?cart=mug:1,stickers:2`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).waitFor();
  await page.screenshot({ path: `${docs}1-shop-button.png` });
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await page.waitForURL(/oplata\.qiwi\.com/);
  await page.screenshot({ path: `${docs}2-qiwi-checkout.png` });
  await page.getByRole('button', { name: 'Pay from QIWI Wallet balance' }).click();
  await page.getByRole('status').filter({ hasText: 'Paid' }).waitFor();
  await page.screenshot({ path: `${docs}3-shop-paid.png` });
});
