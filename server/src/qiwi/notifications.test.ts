import { describe, expect, it } from 'vitest';
import {
  NotificationRejected,
  billNotificationAnswer,
  billNotificationSignature,
  parseFormBody,
  pullNotificationAnswer,
  pullNotificationAuthorization,
  pullNotificationSignature,
  readBillNotification,
  readPullNotification,
} from './index.js';

const raw = (s: string) => Buffer.from(s, 'utf8');
const pullBody =
  'command=bill&bill_id=order-1&status=paid&error=0&amount=250.00&user=tel%3A%2B79001234567&prv_name=Shop&ccy=RUB&comment=Order+1';
const sigCreds = { prvId: '2042', notificationPassword: 'n0tify', auth: 'signature' as const };
const basicCreds = { ...sigCreds, auth: 'basic' as const };

function code(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof NotificationRejected) return error.resultCode;
    throw error;
  }
  return undefined;
}

describe('Pull notification intake (pull-rest-api-2.1.md §9)', () => {
  const signature = pullNotificationSignature(parseFormBody(pullBody), 'n0tify');

  it('reads a signed notification into typed fields', () => {
    const n = readPullNotification(raw(pullBody), { 'X-Api-Signature': signature }, sigCreds);
    expect(n).toMatchObject({
      protocol: 'pull',
      billId: 'order-1',
      status: 'paid',
      amount: 25000,
      amountText: '250.00',
      currency: 'RUB',
    });
    expect(n.params.comment).toBe('Order 1');
  });

  it('reads a Basic-authenticated notification', () => {
    const n = readPullNotification(
      raw(pullBody),
      { authorization: pullNotificationAuthorization('2042', 'n0tify') },
      basicCreds,
    );
    expect(n.status).toBe('paid');
  });

  it('refuses wrong passwords, another prv_id, missing headers and signatures over another body', () => {
    expect(
      code(() =>
        readPullNotification(
          raw(pullBody),
          { authorization: pullNotificationAuthorization('2042', 'wrong') },
          basicCreds,
        ),
      ),
    ).toBe(150);
    expect(
      code(() =>
        readPullNotification(
          raw(pullBody),
          { authorization: pullNotificationAuthorization('2043', 'n0tify') },
          basicCreds,
        ),
      ),
    ).toBe(150);
    expect(code(() => readPullNotification(raw(pullBody), {}, basicCreds))).toBe(150);
    expect(code(() => readPullNotification(raw(pullBody), {}, sigCreds))).toBe(151);
    const tampered = pullBody.replace('250.00', '2500.00');
    expect(code(() => readPullNotification(raw(tampered), { 'x-api-signature': signature }, sigCreds))).toBe(
      151,
    );
    // Basic mode does not accept a signature instead, nor the other way round (§9.3: exactly one).
    expect(
      code(() => readPullNotification(raw(pullBody), { 'x-api-signature': signature }, basicCreds)),
    ).toBe(150);
  });

  it('refuses duplicated parameters even when they are signed', () => {
    const body = pullBody + '&amount=1.00';
    const sig = pullNotificationSignature(parseFormBody(body), 'n0tify');
    expect(code(() => readPullNotification(raw(body), { 'x-api-signature': sig }, sigCreds))).toBe(5);
  });

  it('refuses authentic notifications that lack a field or carry an unknown status', () => {
    for (const body of [
      pullBody.replace('&status=paid', ''),
      pullBody.replace('status=paid', 'status=refunded'),
      pullBody.replace('amount=250.00', 'amount=abc'),
    ]) {
      const sig = pullNotificationSignature(parseFormBody(body), 'n0tify');
      expect(code(() => readPullNotification(raw(body), { 'x-api-signature': sig }, sigCreds))).toBe(5);
    }
  });

  it('answers in the exact XML form of §9.4', () => {
    expect(pullNotificationAnswer(0)).toEqual({
      status: 200,
      contentType: 'text/xml',
      body: '<?xml version="1.0"?>\n<result><result_code>0</result_code></result>',
    });
    expect(pullNotificationAnswer(151).body).toContain('<result_code>151</result_code>');
  });
});

describe('Bill Payments 1.0.0 notification intake (bill-payments §9)', () => {
  const secretKey = 'MjA0Mnw1NjYwMzk3MnxiMzhjYzg1YzM4ZTkxMTI2MTE4OGZhNTg2Y2E3NTM0Nw==';
  const body =
    'prv_id=2042&bill_id=BILL-9&status=paid&error=0&amount=10.00&phone=%2B79161234567&currency=RUB&comment=x&version=1';
  const signature = billNotificationSignature(parseFormBody(body), secretKey);

  it('reads a signed notification and checks the merchant', () => {
    expect(
      readBillNotification(raw(body), { 'x-api-signature': signature }, { secretKey, prvId: '2042' }),
    ).toMatchObject({ billId: 'BILL-9', amount: 1000, currency: 'RUB' });
    expect(
      code(() =>
        readBillNotification(raw(body), { 'x-api-signature': signature }, { secretKey, prvId: '9999' }),
      ),
    ).toBe(5);
  });

  it('refuses a changed signed field but tolerates a changed unsigned comment', () => {
    expect(
      code(() =>
        readBillNotification(
          raw(body.replace('10.00', '1000.00')),
          { 'x-api-signature': signature },
          { secretKey },
        ),
      ),
    ).toBe(151);
    expect(
      readBillNotification(
        raw(body.replace('comment=x', 'comment=y')),
        { 'x-api-signature': signature },
        { secretKey },
      ).params.comment,
    ).toBe('y');
  });

  it('answers {"error":0} as JSON (§9.3)', () => {
    expect(billNotificationAnswer(0)).toEqual({
      status: 200,
      contentType: 'application/json',
      body: '{"error":0}',
    });
  });
});
