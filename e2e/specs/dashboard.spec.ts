// The merchant's dashboard against the real built stack: a support person signs in, finds an order
// paid through the sandbox, refunds part of it and sees the refund and its webhook in the order's
// timeline, finds a forged notification under "Needs attention", and signs out; every page passes
// axe; the page runs under its strict CSP; an open order page follows a payment by itself.
import { watchCspViolations } from '../support/csp.js';
import { DashboardPage } from '../support/dashboard-page.js';
import { expect, test } from '../support/fixtures.js';
import { ADMIN_TOKEN, URLS } from '../support/ports.js';

// A webhook is delivered in the background and the open page shows it on its next refresh (live
// polling backs off to 30 s while nothing changes); on a loaded machine that can take a while.
const DELIVERY = { timeout: 35_000 };
test.describe.configure({ timeout: 120_000 });

const NBSP = '\u00a0';
/** "1250.00" as English shows it: "1,250.00". */
const grouped = (amount: string) => amount.replace(/\B(?=(\d{3})+\.)/g, ',');

test('sign in, refund part of a paid order, see it and its webhook, find a forged notification, sign out', async ({
  page,
  shop,
  qiwi,
  ledger,
}) => {
  const violations = await watchCspViolations(page);
  // A payment through the demo shop and the sandbox's checkout.
  await shop.openCart('mug:1');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  await qiwi.payFromWallet();
  await shop.expectPaid();
  const { amount } = (await ledger.order(orderId))!.order as { amount: string };

  const dashboard = new DashboardPage(page);
  const response = await page.goto(dashboard.url);
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'; style-src 'self'/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await dashboard.expectAxeClean();
  await dashboard.signIn('Anna Support');
  await expect(page.getByRole('table')).toBeVisible();
  await dashboard.expectAxeClean();

  await dashboard.findOrder(orderId);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Paid');
  await expect(dashboard.timeline.filter({ hasText: 'Order created' })).toHaveCount(1);
  await expect(dashboard.timeline.filter({ hasText: 'Notification from QIWI: accepted' })).toHaveCount(1);
  await expect(dashboard.timeline.filter({ hasText: 'Webhook order.paid' })).toContainText(
    'Delivered at',
    DELIVERY,
  );
  await dashboard.expectAxeClean();

  // Refund 10.00 of it: the remaining amount is shown, the action confirmed in a dialog.
  await expect(page.getByText(/^Left to refund:/)).toContainText(`RUB${NBSP}${grouped(amount)}`);
  await dashboard.refund('10');
  await dashboard.confirm(`Refund RUB${NBSP}10.00 of order ${orderId}?`);
  await expect(page.getByRole('status').filter({ hasText: /^Refund \w+: success\.$/ })).toBeVisible();
  // Who asked for it, in the order's history.
  await expect(dashboard.timeline.filter({ hasText: /^.*Action: refund \w+ requested/ })).toContainText(
    'by dashboard:Anna Support',
  );
  const refund = dashboard.timeline.filter({
    hasText: new RegExp(`Refund \\w+: RUB${NBSP}10\\.00, success`),
  });
  await expect(refund).toHaveCount(1);
  await expect(dashboard.timeline.filter({ hasText: 'Webhook refund.updated' }).first()).toContainText(
    'Delivered at',
    DELIVERY,
  );
  const detail = (await ledger.order(orderId))!;
  expect(detail.order.refundedAmount).toBe('10.00');
  expect(detail.refunds).toMatchObject([{ amount: '10.00', status: 'success' }]);
  await dashboard.expectAxeClean();

  // A notification nobody at QIWI sent: wrong credentials, about this order.
  const forged = await fetch(`${URLS.server}/v1/notifications/qiwi`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'Basic ' + Buffer.from('21379721:guessed-password').toString('base64'),
    },
    body: `command=bill&bill_id=${orderId}&status=rejected&error=0&amount=${amount}&user=tel%3A%2B79001234567&prv_name=Demo&ccy=RUB&comment=x`,
  });
  expect(forged.status).toBe(200);
  await page.getByRole('link', { name: 'Needs attention' }).click();
  const rejected = page.getByRole('table', { name: /Rejected notifications/ });
  await expect(rejected.getByRole('row').filter({ hasText: orderId })).toHaveCount(1);
  await dashboard.expectAxeClean();

  await dashboard.signOut();
  await dashboard.expectAxeClean();
  // The browser no longer holds a session: the admin API refuses it.
  const after = await page.evaluate(async () => (await fetch('../v1/admin/orders')).status);
  expect(after).toBe(401);
  expect(await violations()).toEqual([]);
});

test('a signed-in browser is refused a change without the CSRF token, and anyone without the cookie', async ({
  page,
  playwright,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open();
  await dashboard.signIn('Boris');
  const statuses = await page.evaluate(async () => {
    const withoutToken = await fetch('../v1/admin/reconcile', { method: 'POST' });
    const wrongToken = await fetch('../v1/admin/reconcile', {
      method: 'POST',
      headers: { 'x-csrf-token': 'not-the-token' },
    });
    const reading = await fetch('../v1/admin/orders');
    return [withoutToken.status, wrongToken.status, reading.status];
  });
  expect(statuses).toEqual([403, 403, 200]);
  // Another client without the cookie.
  const stranger = await playwright.request.newContext();
  expect((await stranger.get(`${URLS.server}/v1/admin/orders`)).status()).toBe(401);
  expect((await stranger.post(`${URLS.server}/v1/admin/reconcile`)).status()).toBe(401);
  await stranger.dispose();
});

test('an open order page shows the payment without a reload, in Russian too', async ({
  page,
  shop,
  qiwi,
  sandbox,
}) => {
  await shop.openCart('mug:1');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();

  const dashboard = new DashboardPage(page);
  await dashboard.open();
  await dashboard.signIn('Vera');
  await dashboard.findOrder(orderId);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Waiting for payment');
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Заказ ${orderId}`);
  await dashboard.expectAxeClean();

  // QIWI's side moves; the page that is already open follows.
  await sandbox.call(`/bills/${orderId}/transition`, { status: 'paid' });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Оплачен', { timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Статус теперь: Оплачен' })).toBeVisible();
});

test('works from the keyboard alone: sign in, open an order, dismiss and confirm an action', async ({
  page,
  shop,
  qiwi,
}) => {
  await shop.openCart('mug:1');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();

  const dashboard = new DashboardPage(page);
  await dashboard.open();
  await dashboard.tabTo(page.getByLabel('Your name'));
  await page.keyboard.type('Keyboard User');
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN_TOKEN);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Signed in as Keyboard User')).toBeVisible();

  await dashboard.tabTo(page.getByRole('searchbox', { name: 'Find order by id' }));
  await page.keyboard.type(orderId);
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^Order ${orderId}`) });
  await expect(heading).toBeFocused();

  const check = page.getByRole('button', { name: 'Check with QIWI now' });
  await dashboard.tabTo(check);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Ask QIWI now about every open order and refund?' });
  await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(check).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Checked with QIWI.' })).toBeVisible();
});
