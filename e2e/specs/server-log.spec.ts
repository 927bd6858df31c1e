// A refused order token is explained where the merchant's operator looks: the server's own log says
// which request was refused and why, without printing the token.
import { readFileSync } from 'node:fs';
import { expect, test } from '../support/fixtures.js';
import { demoOrderClaims, signOrderToken } from '../support/order-token.js';

const serverLog = () => readFileSync(process.env.E2E_SERVER_LOG as string, 'utf8');

test('a tampered order token in the page is refused, and the server log gives the reason', async ({
  shop,
  page,
}) => {
  await shop.openCart('stickers:1');
  // An order the shop signed, whose amount the shopper's copy then lowered: the signature no longer fits.
  const claims = demoOrderClaims('99.90');
  const [header, , signature] = signOrderToken(claims).split('.');
  const cheaper = Buffer.from(JSON.stringify({ ...claims, amount: '0.01' })).toString('base64url');
  const tampered = `${header}.${cheaper}.${signature}`;
  const before = serverLog().length;

  // The tampered token alone, without the shop's order endpoint to fall back on.
  await shop.remount({ orderToken: tampered, orderEndpoint: '' });
  const refused = page.waitForResponse(
    (r) => r.url().endsWith('/v1/checkout') && r.request().method() === 'POST',
  );
  await shop.payButton.click();
  const response = await refused;
  expect(response.status()).toBe(401);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe('invalid_order_token');

  let line: Record<string, unknown> | undefined;
  await expect
    .poll(() => {
      line = serverLog()
        .slice(before)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.code === 'invalid_order_token');
      return line !== undefined;
    })
    .toBe(true);
  expect(line).toMatchObject({
    msg: `request refused: invalid_order_token: ${error.message}`,
    reason: error.message,
    status: 401,
    method: 'POST',
    path: '/v1/checkout',
  });
  expect(serverLog()).not.toContain(tampered);
  expect(serverLog()).not.toContain(cheaper);
});
