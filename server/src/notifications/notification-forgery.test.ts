// Security properties of the notification intake (DESIGN.md: notifications fail closed): nothing
// forged, mismatched or unknown ever marks an order paid; each is kept, rejected, for inspection, and
// answered with a non-zero code.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOrder, tempDb, type TempDb, openSqliteLedger } from '../../test/ledger/ledger-fixtures.js';
import {
  pullIntakeProtocol,
  postNotification,
  pullBody,
  pullCode,
  pullSignature,
} from '../../test/ledger/qiwi-notifier.js';
import { startIntake, type Intake } from '../../test/ledger/intake.js';

const genuine = pullBody();

const FORGERIES: [
  name: string,
  body: string,
  headers: () => Record<string, string>,
  code: number,
  reason: RegExp,
][] = [
  [
    'a wrong password',
    genuine,
    () => ({ 'X-Api-Signature': pullSignature(genuine, 'guess') }),
    151,
    /does not match/,
  ],
  [
    'a wrong signature',
    genuine,
    () => ({ 'X-Api-Signature': 'g1IkkpUak85VJJoypzqbtup2CL0=' }),
    151,
    /does not match/,
  ],
  [
    'a signature over another body',
    genuine,
    () => ({ 'X-Api-Signature': pullSignature(pullBody({ bill_id: 'order-7' })) }),
    151,
    /does not match/,
  ],
  ['a missing header', genuine, () => ({}), 151, /missing/],
  [
    'Basic auth instead of the signature',
    genuine,
    () => ({ Authorization: 'Basic MjA0Mjp0ZXN0' }),
    151,
    /missing/,
  ],
  [
    'a mismatched amount',
    pullBody({ amount: '2.50' }),
    () => ({ 'X-Api-Signature': pullSignature(pullBody({ amount: '2.50' })) }),
    5,
    /amount 2.50 differs from the order's 250.00/,
  ],
  [
    'an amount a kopeck apart',
    pullBody({ amount: '250.01' }),
    () => ({ 'X-Api-Signature': pullSignature(pullBody({ amount: '250.01' })) }),
    5,
    /amount 250.01 differs from the order's 250.00/,
  ],
  [
    'a mismatched currency',
    pullBody({ ccy: 'USD' }),
    () => ({ 'X-Api-Signature': pullSignature(pullBody({ ccy: 'USD' })) }),
    5,
    /currency USD differs/,
  ],
  [
    'an unknown bill',
    pullBody({ bill_id: 'order-404' }),
    () => ({ 'X-Api-Signature': pullSignature(pullBody({ bill_id: 'order-404' })) }),
    5,
    /unknown bill order-404/,
  ],
  ['an empty body', '', () => ({ 'X-Api-Signature': pullSignature('') }), 5, /missing/],
  [
    'a duplicated parameter',
    genuine + '&status=paid',
    () => ({ 'X-Api-Signature': pullSignature(genuine + '&status=paid') }),
    5,
    /more than once/,
  ],
];

describe('forged and mismatched notifications (Pull 2.1, signature)', () => {
  let db: TempDb;
  let intake: Intake;

  beforeEach(async () => {
    db = tempDb();
    const ledger = openSqliteLedger(db.path);
    await ledger.placeOrder(newOrder());
    intake = await startIntake(pullIntakeProtocol('signature'), ledger);
  });
  afterEach(async () => {
    await intake.close();
    await intake.ledger.close();
    db.cleanup();
  });

  it.each(FORGERIES)(
    'rejects %s, records it and changes nothing',
    async (_name, body, headers, code, reason) => {
      const answer = await postNotification(intake.url, body, headers());
      expect(answer.status).toBe(200);
      expect(answer.contentType).toBe('text/xml');
      expect(pullCode(answer)).toBe(code);
      const order = await intake.ledger.getOrder('order-1001');
      expect(order?.status).toBe('created');
      expect(await intake.ledger.listEvents('order-1001')).toHaveLength(1);
      expect(await intake.ledger.listWebhooks({ limit: 10 })).toEqual([]);
      const records = await intake.ledger.listNotifications({ verdict: 'rejected', limit: 10 });
      expect(records).toHaveLength(1);
      if (/differs|unknown bill/.test(reason.source)) {
        // Genuinely signed, refused by the ledger's judgement: kept whole for the operator.
        expect(records[0]).toMatchObject({ resultCode: code, authenticated: true, rawBody: body });
        expect(JSON.stringify(records[0])).not.toMatch(/x-api-signature|authorization/i);
      } else {
        // Unauthenticated: a bounded record (size, hash, a short prefix), never the body or headers.
        expect(records[0]).toMatchObject({
          resultCode: code,
          authenticated: false,
          size: Buffer.byteLength(body),
          sha256: createHash('sha256').update(body).digest('hex'),
          prefix: Buffer.from(body).subarray(0, 64).toString('utf8'),
          source: '127.0.0.1',
          reason: expect.stringMatching(reason),
        });
        expect(records[0]).not.toHaveProperty('rawBody');
        expect(records[0]).not.toHaveProperty('headers');
      }
      expect(await intake.outboxTypes()).toEqual([]);
    },
  );

  it('keeps forged notifications visible under the order they claim', async () => {
    await postNotification(intake.url, genuine, { 'X-Api-Signature': 'AAAA' });
    expect(await intake.ledger.listNotifications({ orderId: 'order-1001', limit: 10 })).toMatchObject([
      { verdict: 'rejected', billId: 'order-1001', status: 'paid' },
    ]);
  });

  it('does not let a forged notification after a genuine one change the paid order', async () => {
    await postNotification(intake.url, genuine, { 'X-Api-Signature': pullSignature(genuine) });
    const forged = pullBody({ status: 'rejected' });
    const answer = await postNotification(intake.url, forged, {
      'X-Api-Signature': pullSignature(forged, 'x'),
    });
    expect(pullCode(answer)).toBe(151);
    expect((await intake.ledger.getOrder('order-1001'))?.status).toBe('paid');
  });
});
