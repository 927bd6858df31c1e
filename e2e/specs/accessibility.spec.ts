// An axe scan of the shop page in every widget state — idle, busy, error, unavailable, waiting,
// incomplete, paid, failed (declined, payment error, expired; with and without "Try again") and the
// return page that knows no order — in every theme (light, dark, outline): no serious or critical
// violation, colour contrast included, as Chromium renders it.
import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, type Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import type { ShopPage } from '../support/pages.js';
import { URLS } from '../support/ports.js';

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

/** The page passes axe, and the widget is in `theme` (set by merchant code through the JS API). */
async function passesAxe(shop: ShopPage, theme: string): Promise<void> {
  await baseExpect(shop.page.locator('[data-qiwi-pay]')).toHaveAttribute('data-theme', theme);
  expect(await serious(shop.page)).toEqual([]);
}

for (const theme of ['light', 'dark', 'outline']) {
  test.describe(`${theme} theme`, () => {
    test('idle, error, waiting and paid pass axe', async ({ shop, qiwi, sandbox, page }) => {
      await shop.openCart('mug:1');
      await shop.remount({ theme });
      await expect(shop.payButton).toBeVisible();
      await passesAxe(shop, theme);

      await page.route(`${URLS.server}/v1/checkout`, (route) => route.abort('connectionrefused'));
      await shop.payButton.click();
      await expect(shop.retryButton).toBeVisible();
      await passesAxe(shop, theme);
      await page.unroute(`${URLS.server}/v1/checkout`);

      await shop.retryButton.click();
      const orderId = await qiwi.arrive();
      // Back on the shop's return page before paying: it waits for the payment.
      await shop.openThanks(orderId);
      await shop.remount({ theme });
      await expect(shop.status).toHaveText(/Waiting for payment/);
      await passesAxe(shop, theme);

      await sandbox.call(`/bills/${orderId}/transition`, { status: 'paid' });
      await expect(shop.status).toHaveText('Paid', { timeout: 20_000 });
      await passesAxe(shop, theme);
    });

    test('declined with "Try again", and declined for good on the return page, pass axe', async ({
      shop,
      qiwi,
      page,
    }) => {
      await shop.openCart('tee:3');
      await shop.remount({ theme });
      await shop.payButton.click();
      const orderId = await qiwi.arrive();
      await qiwi.decline();
      // The cart (failUrl) can make a new order: the reason and "Try again".
      await shop.remount({ theme });
      await shop.expectFailed('Payment declined. Try again');
      await passesAxe(shop, theme);
      // The return page only shows the order: the reason, on a button that looks disabled.
      await shop.openThanks(orderId);
      await shop.remount({ theme });
      await shop.expectFailed('Payment declined');
      await expect(page.getByRole('button', { name: 'Payment declined' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      await passesAxe(shop, theme);
    });

    test('payment error, expired, and a return page with no order pass axe', async ({
      shop,
      qiwi,
      sandbox,
      page,
    }) => {
      await shop.openCart('stickers:1');
      await shop.remount({ theme });
      await shop.payButton.click();
      await qiwi.arrive();
      await qiwi.simulateError();
      await shop.remount({ theme });
      await shop.expectFailed('Payment error. Try again');
      await passesAxe(shop, theme);

      await shop.openCart('stickers:2');
      await shop.remount({ theme });
      await shop.payButton.click();
      const expiring = await qiwi.arrive();
      await sandbox.call(`/bills/${expiring}/transition`, { status: 'expired' });
      await shop.openThanks(expiring);
      await shop.remount({ theme });
      await shop.expectFailed('Payment expired');
      await passesAxe(shop, theme);

      await shop.openThanks('demo-nothing-here');
      await shop.remount({ theme });
      await expect(shop.status).toHaveText(/^We could not find your order here/);
      await expect(page.getByRole('button')).toHaveCount(0);
      await passesAxe(shop, theme);
    });

    test('busy (opening QIWI) and unavailable pass axe', async ({ shop, page }) => {
      await shop.openCart('stickers:2');
      await shop.remount({ theme });
      // Hold the checkout request, so the button stays busy while axe looks at it.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(`${URLS.server}/v1/checkout`, async (route) => {
        await held;
        await route.abort('connectionrefused');
      });
      await shop.payButton.click();
      await expect(page.getByRole('button', { name: 'Opening QIWI…' })).toHaveAttribute('aria-busy', 'true');
      await passesAxe(shop, theme);
      release();
      await expect(shop.retryButton).toBeVisible();
      await page.unroute(`${URLS.server}/v1/checkout`);

      // A token the server refuses, and no order endpoint to fall back on: retrying cannot help,
      // so the button says the payment is unavailable.
      await shop.remount({ orderToken: 'not.a.token', orderEndpoint: '' });
      await shop.payButton.click();
      await expect(page.getByRole('button', { name: 'Payment unavailable' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      await passesAxe(shop, theme);
    });

    test('incomplete passes axe, and continuing reopens QIWI for the same order', async ({
      shop,
      qiwi,
      page,
    }) => {
      // The page's clock is Playwright's, so half a minute of polling passes in a moment.
      await page.clock.install();
      await shop.openCart('tee:1');
      await shop.payButton.click();
      const orderId = await qiwi.arrive();
      // The shopper comes back to the shop without paying.
      await shop.openThanks(orderId);
      await shop.remount({ theme });
      await expect(shop.status).toHaveText(/Waiting for payment/);
      await expect
        .poll(async () => {
          await page.clock.fastForward(8_000);
          return shop.status.textContent();
        })
        .toBe('Payment not finished. Continue');
      await passesAxe(shop, theme);

      await page.getByRole('button', { name: 'Payment not finished. Continue' }).click();
      expect(await qiwi.arrive()).toBe(orderId);
    });
  });
}
