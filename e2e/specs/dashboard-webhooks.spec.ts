// A webhook the shop kept refusing ends dead (the stack's server gives up after two attempts); the
// dashboard lists it under "Needs attention", a support person redelivers it once the shop is back,
// and the shop receives it under the same webhook-id, which the order's timeline then shows delivered.
import { DashboardPage } from '../support/dashboard-page.js';
import { expect, test, type Json } from '../support/fixtures.js';
import { URLS } from '../support/ports.js';
import type { Delivery } from '../support/webhook-receiver.js';

// A webhook is delivered in the background and the open page shows it on its next refresh (live
// polling backs off to 30 s while nothing changes); on a loaded machine that can take a while.
const DELIVERY = { timeout: 35_000 };
test.describe.configure({ timeout: 120_000 });

const failDeliveriesMatching = (match: string | null) =>
  fetch(`${URLS.webhook}/fail`, { method: 'POST', body: JSON.stringify({ match }) });

test('redeliver a dead webhook from "Needs attention"', async ({ page, shop, qiwi, ledger }) => {
  await shop.openCart('mug:1');
  await shop.payButton.click();
  const orderId = await qiwi.arrive();
  await failDeliveriesMatching(`"orderId":"${orderId}"`);
  try {
    await qiwi.payFromWallet();
    await shop.expectPaid();
    await expect
      .poll(async () => (await ledger.order(orderId))?.webhooks.map((w: Json) => w.state), {
        timeout: 20_000,
      })
      .toEqual(['dead']);
  } finally {
    await failDeliveriesMatching(null);
  }
  const eventId = (await ledger.order(orderId))!.webhooks[0].id as string;

  const dashboard = new DashboardPage(page);
  await dashboard.open('#/attention');
  await dashboard.signIn('Dmitri');
  const dead = page.getByRole('table', { name: /Dead webhooks/ });
  const row = dead.getByRole('row').filter({ hasText: eventId });
  await expect(row).toContainText('order.paid');
  await expect(row).toContainText(orderId);
  await dashboard.expectAxeClean();

  await row.getByRole('button', { name: `Redeliver ${eventId}` }).click();
  await dashboard.confirm(`Send webhook ${eventId} to the shop again?`);
  await expect(
    page.getByRole('status').filter({ hasText: 'Webhook queued for delivery again.' }),
  ).toBeVisible();

  // The shop gets it, under the same webhook-id.
  await expect
    .poll(async () => {
      const deliveries = (await (await fetch(`${URLS.webhook}/deliveries`)).json()) as Delivery[];
      return deliveries.filter((d) => d.headers['webhook-id'] === eventId).length;
    })
    .toBe(1);
  await dashboard.findOrder(orderId);
  await expect(dashboard.timeline.filter({ hasText: 'Webhook order.paid' })).toContainText(
    'Delivered at',
    DELIVERY,
  );
  await expect(
    dashboard.timeline.filter({ hasText: `Action: webhook ${eventId} (order.paid) queued again` }),
  ).toContainText('by dashboard:Dmitri');
  await page.getByRole('link', { name: 'Needs attention' }).click();
  await expect(page.getByRole('heading', { name: /^Dead webhooks/ })).toBeVisible();
  await expect(page.getByText(eventId)).toHaveCount(0);
});
