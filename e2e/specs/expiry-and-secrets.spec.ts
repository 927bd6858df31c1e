// Expiry by moving the sandbox's clock, and no secret in anything the browser saw.
import { expect, test } from '../support/fixtures.js';
import { ADMIN_TOKEN, ORDER_TOKEN_SECRET } from '../support/ports.js';

// The server's QIWI credentials in the e2e stack (the sandbox's demo accounts) and its own secrets.
const SECRETS = [
  'KCVn0OGNdepwbrruSzvE',
  'K3yForN0tify',
  's3cr3tApiKey',
  ORDER_TOKEN_SECRET,
  ADMIN_TOKEN,
  'e2e-status-token-secret-for-this-machine-only',
];

// The expiry test moves the sandbox's clock two days ahead: set it back for the specs that follow
// (a reset also forgets its bills; the servers' ledgers keep their own record).
test.afterEach(async ({ sandbox }) => {
  await sandbox.call('/reset', {});
});

test('an unpaid bill expires when the sandbox clock passes its lifetime; the shop shows it failed', async ({
  shop,
  qiwi,
  ledger,
  sandbox,
}) => {
  await shop.openCart('stickers:2');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  // The server gives bills 24 h by default; two days later QIWI has expired it and notified.
  await sandbox.call('/clock/advance', { days: 2 });
  await expect.poll(async () => (await ledger.order(orderId))?.order.status).toBe('expired');
  await shop.openThanks(orderId);
  await shop.expectFailed();
});

test('no secret in any request or response the browser saw, nor in the page', async ({
  shop,
  qiwi,
  page,
}) => {
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
  await shop.openCart('mug:1');
  await shop.payButton.click();
  await qiwi.arrive();
  await qiwi.payFromWallet();
  await shop.expectPaid();
  seen.push(await page.content());
  expect(seen.length).toBeGreaterThan(10);
  for (const text of seen) for (const secret of SECRETS) expect(text).not.toContain(secret);
});
