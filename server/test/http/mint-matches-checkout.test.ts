// mintOrderToken refuses exactly what the running checkout refuses, with the same message: each bad
// order is signed by hand (bypassing mintOrderToken), posted to the real backend, and its answer
// compared with what mintOrderToken throws for the same order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintOrderToken } from '../../src/checkout/order-token.js';
import { SECRETS, startStack, type Stack } from '../stack.js';

const good = { orderId: 'mint-1', amount: '10.50', currency: 'RUB', comment: 'Mint test' };

const BAD: [string, Record<string, unknown>, RegExp][] = [
  ['a comma amount', { amount: '10,50' }, /amount: "10,50" uses a comma; use "\." as the decimal separator/],
  ['a negative amount', { amount: '-1' }, /amount: "-1" is negative/],
  ['a float amount', { amount: 10.5 }, /amount must be a decimal string/],
  ['three decimals', { amount: '10.505' }, /amount/],
  ['a lower-case currency', { currency: 'rub' }, /currency/],
  ['an order id with a space', { orderId: 'order 1' }, /may contain only Latin letters, digits/],
  ['an empty order id', { orderId: '' }, /orderId/],
];

function mintMessage(order: Record<string, unknown>): string {
  try {
    mintOrderToken(order as never, SECRETS.orderTokenSecret);
  } catch (error) {
    return (error as Error).message;
  }
  return expect.fail('mintOrderToken accepted the order');
}

describe('minting refuses what checkout refuses', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ protocol: 'pull' });
  });
  afterAll(() => stack.close());

  it.each(BAD)(
    '%s: same message from mintOrderToken and from POST /v1/checkout',
    async (_name, change, expected) => {
      const order = { ...good, ...change };
      const handSigned = stack.sign(order);
      const { status, body } = await stack.call('POST', '/v1/checkout', {
        body: { orderToken: handSigned, flow: 'webform' },
      });
      expect(status).toBe(400);
      const message = mintMessage(order);
      expect(message).toMatch(expected);
      expect(body.error.message).toBe(message);
    },
  );

  it('a good order mints a token the checkout takes', async () => {
    const { status, body } = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: mintOrderToken(good, SECRETS.orderTokenSecret), flow: 'webform' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ orderId: 'mint-1', amount: '10.50' });
  });
});
