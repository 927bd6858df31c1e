// Other outcomes in the browser: decline, a tampered order token, a double click.
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, URLS } from '../support/ports.js';

async function ledger(orderId: string) {
  const response = await fetch(`${URLS.server}/v1/admin/orders/${orderId}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return response.status === 404
    ? undefined
    : ((await response.json()) as { order: { status: string } }).order;
}

async function sandboxBills(): Promise<Array<{ billId: string }>> {
  return (
    (await (await fetch(`${URLS.sandbox}/__sandbox/bills`)).json()) as { bills: Array<{ billId: string }> }
  ).bills;
}

test('decline: back on the shop the payment shows as failed, and the ledger says rejected', async ({
  page,
}) => {
  await page.goto(`${URLS.shop}/cart?cart=tee:1`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
  const orderId = new URL(page.url()).searchParams.get('transaction') as string;
  await page.getByRole('button', { name: 'Decline' }).click();
  // Back on the failUrl the shop gave (its cart), with QIWI's order= appended (pull §8.3).
  await expect(page).toHaveURL(
    (url) =>
      url.origin === URLS.shop && url.pathname === '/cart' && url.searchParams.get('order') === orderId,
  );
  await expect(page.getByRole('status')).toHaveText('Payment failed. Try again');
  expect((await ledger(orderId))?.status).toBe('rejected');
});

test('a tampered order token shows an error and makes no bill', async ({ page }) => {
  await page.goto(`${URLS.shop}/cart?cart=stickers:1`);
  const host = page.locator('[data-qiwi-pay]');
  const token = (await host.getAttribute('data-order-token')) as string;
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
  const forged = [
    header,
    Buffer.from(JSON.stringify({ ...claims, amount: '0.01' })).toString('base64url'),
    signature,
  ].join('.');
  const before = (await sandboxBills()).length;
  await page.evaluate((t) => {
    const el = document.querySelector('[data-qiwi-pay]') as HTMLElement;
    el.dataset.orderToken = t;
    (window as unknown as { QiwiPay: { mount(e: Element): void } }).QiwiPay.mount(el);
  }, forged);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page.getByRole('button', { name: /Payment (did not start|unavailable)/ })).toBeVisible();
  expect(page.url()).toContain(URLS.shop);
  expect((await sandboxBills()).length).toBe(before);
  expect(await ledger(claims.orderId)).toBeUndefined();
});

test('a double click makes one bill', async ({ page }) => {
  await page.goto(`${URLS.shop}/cart?cart=mug:2`);
  const orderId = JSON.parse(
    Buffer.from(
      ((await page.locator('[data-qiwi-pay]').getAttribute('data-order-token')) as string).split(
        '.',
      )[1] as string,
      'base64url',
    ).toString(),
  ).orderId as string;
  await page.getByRole('button', { name: 'Pay with QIWI' }).dblclick();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
  expect((await sandboxBills()).filter((b) => b.billId === orderId)).toHaveLength(1);
});
