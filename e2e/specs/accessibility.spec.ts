// An axe scan of the shop page in each widget state — idle, busy, error, unavailable, waiting,
// incomplete, paid,
// failed: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { URLS } from '../support/ports.js';

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

test('idle, error, waiting and paid states pass axe', async ({ shop, qiwi, sandbox, page }) => {
  await shop.openCart('mug:1');
  await expect(shop.payButton).toBeVisible();
  expect(await serious(page)).toEqual([]);

  await page.route(`${URLS.server}/v1/checkout`, (route) => route.abort('connectionrefused'));
  await shop.payButton.click();
  await expect(shop.retryButton).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await page.unroute(`${URLS.server}/v1/checkout`);

  await shop.retryButton.click();
  const orderId = await qiwi.arrive();
  // Back on the shop before paying: the button waits for the payment.
  await shop.openThanks(orderId);
  await expect(shop.status).toHaveText(/Waiting for payment/);
  expect(await serious(page)).toEqual([]);

  await sandbox.call(`/bills/${orderId}/transition`, { status: 'paid' });
  await expect(shop.status).toHaveText('Paid', { timeout: 20_000 });
  expect(await serious(page)).toEqual([]);
});

test('the failed state passes axe', async ({ shop, qiwi, page }) => {
  await shop.openCart('tee:3');
  await shop.payButton.click();
  await qiwi.arrive();
  await qiwi.decline();
  await shop.expectFailed();
  expect(await serious(page)).toEqual([]);
});

test('the busy state (opening QIWI) and the unavailable state pass axe', async ({ shop, page }) => {
  await shop.openCart('stickers:2');
  // Hold the checkout request, so the button stays busy while axe looks at it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${URLS.server}/v1/checkout`, async (route) => {
    await held;
    await route.abort('connectionrefused');
  });
  await shop.payButton.click();
  await expect(page.getByRole('button', { name: 'Opening QIWI…' })).toHaveAttribute('aria-busy', 'true');
  expect(await serious(page)).toEqual([]);
  release();
  await expect(shop.retryButton).toBeVisible();
  await page.unroute(`${URLS.server}/v1/checkout`);

  // A token the server refuses: retrying cannot help, so the button says the payment is unavailable.
  await shop.remount({ orderToken: 'not.a.token' });
  await shop.payButton.click();
  await expect(page.getByRole('button', { name: 'Payment unavailable' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  expect(await serious(page)).toEqual([]);
});

test('the incomplete state passes axe, and continuing reopens QIWI for the same order', async ({
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
  await expect(shop.status).toHaveText(/Waiting for payment/);
  await expect
    .poll(async () => {
      await page.clock.fastForward(8_000);
      return shop.status.textContent();
    })
    .toBe('Payment not finished. Continue');
  expect(await serious(page)).toEqual([]);

  await page.getByRole('button', { name: 'Payment not finished. Continue' }).click();
  expect(await qiwi.arrive()).toBe(orderId);
});
