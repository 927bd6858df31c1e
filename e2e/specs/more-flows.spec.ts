// The web-form flow, refunds, two script tags, a server that is down, duplicated notifications.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_TOKEN, URLS } from '../support/ports.js';

// Admin answers are read field by field; the assertions are the type check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${URLS.server}/v1/admin${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
  }).then((r) => r.json() as Promise<Json>);

async function payFromWallet(page: Page, cart: string): Promise<string> {
  await page.goto(`${URLS.shop}/cart?cart=${cart}`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
  const orderId = new URL(page.url()).searchParams.get('transaction') as string;
  await page.getByRole('button', { name: 'Pay from QIWI Wallet balance' }).click();
  await expect(page.getByRole('status')).toHaveText('Paid');
  return orderId;
}

test('web-form flow: the signed create.action on bill.qiwi.com creates the bill, then the shop shows paid', async ({
  page,
}) => {
  await page.goto(`${URLS.shop}/cart?cart=mug:3`);
  await page.evaluate(() => {
    const el = document.querySelector('[data-qiwi-pay]') as HTMLElement;
    el.dataset.flow = 'webform';
    (window as unknown as { QiwiPay: { mount(e: Element): void } }).QiwiPay.mount(el);
  });
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page).toHaveURL(
    /^https:\/\/bill\.qiwi\.com\/order\/external\/create\.action\?from=21379721&to=/,
  );
  const url = new URL(page.url());
  expect(url.searchParams.get('sign')).toMatch(/^[0-9a-f]{64}$/);
  const orderId = url.searchParams.get('txn_id') as string;
  await page.getByRole('button', { name: 'Pay from QIWI Wallet balance' }).click();
  await expect(page).toHaveURL(`${URLS.shop}/thanks?order=${orderId}`);
  await expect(page.getByRole('status')).toHaveText('Paid');
  expect((await admin(`/orders/${orderId}`)).order).toMatchObject({ status: 'paid', amount: '1350.00' });
});

test('a refund through the admin API, and its status', async ({ page }) => {
  const orderId = await payFromWallet(page, 'tee:1');
  const refund = await admin(`/orders/${orderId}/refunds`, {
    method: 'POST',
    body: JSON.stringify({ amount: '290.00', refundId: 'R1' }),
  });
  expect(refund.refund).toMatchObject({ refundId: 'R1', amount: '290.00', status: 'success' });
  const status = await admin(`/orders/${orderId}/refunds/R1`);
  expect(status.refund.status).toBe('success');
  expect((await admin(`/orders/${orderId}`)).order.refundedAmount).toBe('290.00');
});

test('two script tags make one button', async ({ page }) => {
  await page.goto(`${URLS.shop}/cart?cart=mug:1`);
  await page.evaluate(async () => {
    const first = document.querySelector('script[src="/qiwi-pay.js"]') as HTMLScriptElement;
    const second = document.createElement('script');
    second.src = first.src;
    second.dataset.backend = first.dataset.backend ?? '';
    await new Promise((resolve) => {
      second.onload = resolve;
      second.onerror = resolve;
      document.head.appendChild(second);
    });
  });
  await expect(page.getByRole('button', { name: 'Pay with QIWI' })).toHaveCount(1);
});

test('the server down shows an error that a retry clears', async ({ page }) => {
  await page.goto(`${URLS.shop}/cart?cart=stickers:1`);
  await page.route(`${URLS.server}/v1/checkout`, (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  const retry = page.getByRole('button', { name: /Payment did not start/ });
  await expect(retry).toBeVisible();
  await page.unroute(`${URLS.server}/v1/checkout`);
  await retry.click();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
});

test('duplicated notifications make one paid event', async ({ page }) => {
  await fetch(`${URLS.sandbox}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target: 'notification', kind: 'duplicate', times: 1 }),
  });
  const orderId = await payFromWallet(page, 'mug:4');
  await expect
    .poll(async () => (await admin(`/orders/${orderId}`)).notifications.length)
    .toBeGreaterThanOrEqual(2);
  const detail = await admin(`/orders/${orderId}`);
  expect(detail.events.filter((e: { to: string }) => e.to === 'paid')).toHaveLength(1);
  expect(detail.webhooks.filter((w: { type: string }) => w.type === 'order.paid').length).toBeLessThanOrEqual(
    1,
  );
});

test('reordered notifications still make one paid event', async ({ page }) => {
  // The first notification is held back until the next one has gone out (or deliver-now).
  await fetch(`${URLS.sandbox}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target: 'notification', kind: 'reorder', times: 1 }),
  });
  const first = await payFromWallet(page, 'stickers:4');
  const second = await payFromWallet(page, 'stickers:5');
  await fetch(`${URLS.sandbox}/__sandbox/deliveries/deliver-now`, { method: 'POST' });
  for (const orderId of [first, second]) {
    await expect
      .poll(async () => (await admin(`/orders/${orderId}`)).notifications.length)
      .toBeGreaterThanOrEqual(1);
    const detail = await admin(`/orders/${orderId}`);
    expect(detail.order.status).toBe('paid');
    expect(detail.events.filter((e: { to: string }) => e.to === 'paid')).toHaveLength(1);
  }
});
