// Expiry by moving the sandbox's clock, and no secret in anything the browser saw.
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, ORDER_TOKEN_SECRET, URLS } from '../support/ports.js';

// The server's QIWI credentials in the e2e stack (the sandbox's demo account) and its own secrets.
const SECRETS = [
  'KCVn0OGNdepwbrruSzvE',
  'K3yForN0tify',
  ORDER_TOKEN_SECRET,
  ADMIN_TOKEN,
  'e2e-status-token-secret-for-this-machine-only',
];

test('an unpaid bill expires when the sandbox clock passes its lifetime; the shop shows it failed', async ({
  page,
}) => {
  await page.goto(`${URLS.shop}/cart?cart=stickers:2`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
  const orderId = new URL(page.url()).searchParams.get('transaction') as string;
  // The server gives bills 24 h by default; two days later QIWI has expired it and notified.
  await fetch(`${URLS.sandbox}/__sandbox/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ days: 2 }),
  });
  await expect
    .poll(async () => {
      const r = await fetch(`${URLS.server}/v1/admin/orders/${orderId}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      return ((await r.json()) as { order: { status: string } }).order.status;
    })
    .toBe('expired');
  await page.goto(`${URLS.shop}/thanks?order=${orderId}`);
  await expect(page.getByRole('status')).toHaveText('Payment failed. Try again');
});

// The sandbox's clock is two days ahead after the expiry test: set it back for the specs that follow
// (a reset also forgets its bills; the server's ledger keeps its own record).
test.afterEach(async () => {
  await fetch(`${URLS.sandbox}/__sandbox/reset`, { method: 'POST' });
});

test('no secret in any request or response the browser saw, nor in the page', async ({ page }) => {
  const seen: string[] = [];
  page.on('request', (request) =>
    seen.push(request.url(), JSON.stringify(request.headers()), request.postData() ?? ''),
  );
  page.on('response', async (response) => {
    seen.push(JSON.stringify(await response.allHeaders()));
    try {
      seen.push(await response.text());
    } catch {
      // redirects have no body
    }
  });
  await page.goto(`${URLS.shop}/cart?cart=mug:1`);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  await expect(page).toHaveURL(/oplata\.qiwi\.com\/form/);
  await page.getByRole('button', { name: 'Pay from QIWI Wallet balance' }).click();
  await expect(page.getByRole('status')).toHaveText('Paid');
  seen.push(await page.content());
  expect(seen.length).toBeGreaterThan(10);
  for (const text of seen) for (const secret of SECRETS) expect(text).not.toContain(secret);
});
