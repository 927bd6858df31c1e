// QIWI delivering many payments at once from one address: every genuine notification is taken, however
// many are in flight together and however small the reject budget of that address is; forged ones
// from the same address still spend it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFormBody, pullNotificationSignature } from '../../src/qiwi/index.js';
import { postNotification, pullBody, pullCode } from '../ledger/qiwi-notifier.js';
import { SECRETS, startStack, type Stack } from '../stack.js';

const ORDERS = 12;
const sign = (body: string) => pullNotificationSignature(parseFormBody(body), SECRETS.notificationPassword);

describe('a burst of genuine notifications from one address', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NOTIFICATION_REJECT_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(() => stack.close());

  async function notify(body: string, signature: string) {
    const answer = await postNotification(`${stack.url}/v1/notifications/qiwi`, body, {
      'x-api-signature': signature,
    });
    return { status: answer.status, code: pullCode(answer) };
  }

  it('takes all of them at once, with a reject budget smaller than the burst', async () => {
    const ids = Array.from({ length: ORDERS }, (_, i) => `burst-${i}`);
    for (const orderId of ids) {
      const placed = await stack.call('POST', '/v1/checkout', {
        body: { orderToken: stack.mint({ orderId }), flow: 'webform' },
      });
      expect(placed.status).toBe(200);
    }
    const answers = await Promise.all(
      ids.map((id) => {
        const body = pullBody({ bill_id: id });
        return notify(body, sign(body));
      }),
    );
    expect(answers).toEqual(ids.map(() => ({ status: 200, code: 0 })));
    for (const id of ids) expect((await stack.runtime.ledger.getOrder(id))?.status, id).toBe('paid');

    // Forged ones from the same address spend the budget: two are answered (and kept), then refused.
    const forged = [];
    for (let i = 0; i < 3; i++) forged.push((await notify(pullBody({ bill_id: 'burst-0' }), 'AAAA')).status);
    expect(forged).toEqual([200, 200, 429]);
  });
});
