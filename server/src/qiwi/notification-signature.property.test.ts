// Properties of notification authentication on the money path: a genuinely signed body is read with
// its own fields; any truncated or altered signature, and any altered signed value, is refused (151).
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  BILL_SECRET_KEY,
  NOTIFICATION_PASSWORD,
  PRV_ID,
  billBody,
  pullBody,
} from '../../test/ledger/qiwi-notifier.js';
import { encodeQuery, parseFormBody } from './form-body.js';
import { NotificationRejected, readBillNotification, readPullNotification } from './notifications.js';
import { billNotificationSignature, pullNotificationSignature } from './signatures.js';

const pullCredentials = {
  auth: 'signature' as const,
  prvId: PRV_ID,
  notificationPassword: NOTIFICATION_PASSWORD,
};
const bytes = (text: string) => Buffer.from(text, 'utf8');

function refusedWith(code: number, read: () => unknown): void {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(NotificationRejected);
    expect((error as NotificationRejected).resultCode).toBe(code);
    return;
  }
  expect.fail('the notification was accepted');
}

const fields = fc.record({
  bill_id: fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/),
  amount: fc
    .integer({ min: 1, max: 99_999_999 })
    .map((m) => `${Math.trunc(m / 100)}.${String(m % 100).padStart(2, '0')}`),
  status: fc.constantFrom('waiting', 'paid', 'rejected', 'unpaid', 'expired'),
  comment: fc.string({ maxLength: 40 }),
});

describe('Pull 2.1 notification signature, properties', () => {
  test.prop([fields])('a signed body is read with its own bill id, status and amount', (f) => {
    const body = pullBody(f);
    const signature = pullNotificationSignature(parseFormBody(body), NOTIFICATION_PASSWORD);
    const read = readPullNotification(bytes(body), { 'x-api-signature': signature }, pullCredentials);
    expect(read).toMatchObject({ billId: f.bill_id, status: f.status, amountText: f.amount });
  });

  test.prop([fields, fc.nat()])('every truncation of the signature is refused', (f, cut) => {
    const body = pullBody(f);
    const signature = pullNotificationSignature(parseFormBody(body), NOTIFICATION_PASSWORD);
    const truncated = signature.slice(0, cut % signature.length);
    refusedWith(151, () =>
      readPullNotification(bytes(body), { 'x-api-signature': truncated }, pullCredentials),
    );
  });

  test.prop([
    fields,
    fc.nat(),
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
  ])('a signature with one character changed is refused', (f, at, replacement) => {
    const body = pullBody(f);
    const signature = pullNotificationSignature(parseFormBody(body), NOTIFICATION_PASSWORD);
    const i = at % (signature.length - 1);
    fc.pre(signature[i] !== replacement);
    const altered = signature.slice(0, i) + replacement + signature.slice(i + 1);
    refusedWith(151, () =>
      readPullNotification(bytes(body), { 'x-api-signature': altered }, pullCredentials),
    );
  });

  test.prop([
    fields,
    fc.constantFrom('bill_id', 'amount', 'status', 'ccy', 'comment'),
    fc.string({ minLength: 1, maxLength: 8 }),
  ])('changing any signed value after signing is refused', (f, name, extra) => {
    const signed = pullBody(f);
    const signature = pullNotificationSignature(parseFormBody(signed), NOTIFICATION_PASSWORD);
    const params = parseFormBody(signed).map((p) => (p.name === name ? { name, value: p.value + extra } : p));
    refusedWith(151, () =>
      readPullNotification(bytes(encodeQuery(params)), { 'x-api-signature': signature }, pullCredentials),
    );
  });
});

describe('Bill Payments 1.0.0 notification signature, properties', () => {
  const credentials = { secretKey: BILL_SECRET_KEY, prvId: PRV_ID };
  const billFields = fields.map(({ comment, ...f }) => ({ ...f, comment }));

  test.prop([billFields, fc.nat()])(
    'a signed body is read; every truncation of its signature is refused',
    (f, cut) => {
      const body = billBody(f);
      const signature = billNotificationSignature(parseFormBody(body), BILL_SECRET_KEY);
      expect(
        readBillNotification(bytes(body), { 'x-api-signature-sha256': signature }, credentials),
      ).toMatchObject({
        billId: f.bill_id,
        amountText: f.amount,
      });
      const truncated = signature.slice(0, cut % signature.length);
      refusedWith(151, () =>
        readBillNotification(bytes(body), { 'x-api-signature-sha256': truncated }, credentials),
      );
    },
  );

  test.prop([
    billFields,
    fc.constantFrom('bill_id', 'amount', 'status', 'currency'),
    fc.string({ minLength: 1, maxLength: 8 }),
  ])('changing a signed value after signing is refused', (f, name, extra) => {
    const signed = billBody(f);
    const signature = billNotificationSignature(parseFormBody(signed), BILL_SECRET_KEY);
    const params = parseFormBody(signed).map((p) => (p.name === name ? { name, value: p.value + extra } : p));
    refusedWith(151, () =>
      readBillNotification(bytes(encodeQuery(params)), { 'x-api-signature-sha256': signature }, credentials),
    );
  });
});
