// QIWI delivering many payments at once from one address: every genuine notification is taken, however
// many are in flight together and however small the reject budget of that address is; forged ones
// from the same address still spend it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFormBody, pullNotificationSignature } from '../../src/qiwi/index.js';
import { SECRETS, startStack, type Stack } from '../stack.js';

const ORDERS = 12;
const pullBody = (billId: string) =>
  new URLSearchParams({
    command: 'bill',
    bill_id: billId,
    status: 'paid',
    error: '0',
    amount: '250.00',
    user: 'tel:+79001234567',
    prv_name: 'Test Shop',
    ccy: 'RUB',
    comment: 'x',
  }).toString();
const sign = (body: string) => pullNotificationSignature(parseFormBody(body), SECRETS.notificationPassword);

describe('a burst of genuine notifications from one address', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NOTIFICATION_REJECT_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(() => stack.close());

  async function notify(body: string, signature: string) {
    const response = await fetch(`${stack.url}/v1/notifications/qiwi`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-signature': signature },
      body,
    });
    const text = await response.text();
    return { status: response.status, code: Number(/<result_code>(\d+)<\/result_code>/.exec(text)?.[1]) };
  }

  it('takes all of them at once, with a reject budget smaller than the burst', async () => {
    const ids = Array.from({ length: ORDERS }, (_, i) => `burst-${i}`);
    for (const orderId of ids) {
      const placed = await stack.call('POST', '/v1/checkout', {
        body: { orderToken: stack.mint({ orderId }), flow: 'webform' },
      });
      expect(placed.status).toBe(200);
    }
    const answers = await Promise.all(ids.map((id) => notify(pullBody(id), sign(pullBody(id)))));
    expect(answers).toEqual(ids.map(() => ({ status: 200, code: 0 })));
    for (const id of ids) expect((await stack.runtime.ledger.getOrder(id))?.status, id).toBe('paid');

    // Forged ones from the same address spend the budget: two are answered (and kept), then refused.
    const forged = [];
    for (let i = 0; i < 3; i++) forged.push((await notify(pullBody('burst-0'), 'AAAA')).status);
    expect(forged).toEqual([200, 200, 429]);
  });
});
