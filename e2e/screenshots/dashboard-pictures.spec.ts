// Pictures of the merchant's dashboard, made from the real build against the sandbox: sign-in, the
// orders list, an order's page with its timeline after a partial refund, and "Needs attention".
// Writes docs/dashboard-*.png. Run: pnpm --filter @qiwi-pay/e2e run dashboard-screenshots
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DashboardPage } from '../support/dashboard-page.js';
import { QiwiCheckoutPage, ShopPage } from '../support/pages.js';
import { URLS } from '../support/ports.js';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));

test('dashboard pictures', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 760 });
  const shop = new ShopPage(page, URLS.shop);
  const qiwi = new QiwiCheckoutPage(page);
  await shop.openCart('mug:1,stickers:2');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  await qiwi.payFromWallet();
  await shop.expectPaid();
  // A second order that was never paid, so the list shows more than one status.
  await shop.openCart('mug:1');
  await shop.payButton.click();
  await qiwi.arrive();

  const dashboard = new DashboardPage(page);
  await dashboard.open();
  await page.getByLabel('Your name').fill('Anna Support');
  await page.screenshot({ path: `${docs}dashboard-sign-in.png` });
  await dashboard.signIn('Anna Support');
  await expect(page.getByRole('table')).toBeVisible();
  await page.screenshot({ path: `${docs}dashboard-orders.png` });

  await dashboard.findOrder(orderId);
  await dashboard.refund('100');
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(dashboard.timeline.filter({ hasText: 'Webhook refund.updated' }).first()).toContainText(
    'Delivered at',
  );
  await page.screenshot({ path: `${docs}dashboard-order.png`, fullPage: true });

  await fetch(`${URLS.server}/v1/notifications/qiwi`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'Basic ' + Buffer.from('21379721:guessed-password').toString('base64'),
    },
    body: `command=bill&bill_id=${orderId}&status=rejected&error=0&amount=1.00&ccy=RUB`,
  });
  await page.getByRole('link', { name: 'Needs attention' }).click();
  await expect(page.getByRole('table', { name: /Rejected notifications/ })).toBeVisible();
  await page.screenshot({ path: `${docs}dashboard-attention.png`, fullPage: true });
});
