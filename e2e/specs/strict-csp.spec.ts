// The widget on the strictest page a merchant might have — the demo shop's own policy: scripts by
// nonce only, no inline styles (style-src 'self' for the shop's stylesheet file), and Trusted Types
// enforced for every DOM sink. Every theme must still be styled, and paying must still work.
import { watchCspViolations } from '../support/csp.js';
import { expect, test } from '../support/fixtures.js';

test('under a strict CSP with Trusted Types: three styled themes, no violation, and paying works', async ({
  shop,
  qiwi,
  page,
}) => {
  const violations = await watchCspViolations(page);
  const response = await page.goto(`${shop.origin}/cart?cart=mug:1`);
  expect(response?.headers()['content-security-policy']).toMatch(
    /script-src 'nonce-[^']+'; style-src 'self';.*require-trusted-types-for 'script'; trusted-types 'none'/,
  );
  await expect(shop.payButton).toHaveCount(1);
  // Two more buttons in the other themes, mounted by merchant code through the JS API.
  await page.evaluate(() => {
    const api = (window as unknown as { QiwiPay: { mount(e: Element, o: object): void } }).QiwiPay;
    for (const theme of ['dark', 'outline']) {
      const element = document.body.appendChild(document.createElement('div'));
      api.mount(element, { item: 'mug', theme });
    }
  });

  const buttons = page.getByRole('button', { name: 'Pay with QIWI' });
  await expect(buttons).toHaveCount(3);
  // The adopted stylesheet applies although no inline style is allowed: each theme has its colours.
  const backgrounds = await buttons.evaluateAll((all) => all.map((b) => getComputedStyle(b).backgroundColor));
  expect(backgrounds).toEqual(['rgb(255, 140, 0)', 'rgb(26, 26, 26)', 'rgb(255, 255, 255)']);
  expect((await buttons.first().boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await violations()).toEqual([]);

  // The checkout request (connect-src) and the top-level navigation to QIWI are allowed too.
  await buttons.first().click();
  await qiwi.arrive();
});
