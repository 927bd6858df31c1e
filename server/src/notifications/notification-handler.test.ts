// HTTP tests of the notification intake: a real Express app on 127.0.0.1, a real SQLite file, and
// notifications signed by the protocol core. Forged ones are in notification-forgery.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOrder, tempDb, type TempDb, openSqliteLedger } from '../../test/ledger/ledger-fixtures.js';
import {
  NOTIFICATION_PASSWORD,
  billIntakeProtocol,
  pullIntakeProtocol,
  billBody,
  billSignature,
  postNotification,
  pullBasic,
  pullBody,
  pullCode,
  pullSignature,
} from '../../test/ledger/qiwi-notifier.js';
import { createLedger, type LedgerRepository, type RepositoryTransaction } from '../ledger/index.js';
import { openSqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { startIntake, type Intake } from '../../test/ledger/intake.js';

const PULL_SIGNATURE = pullIntakeProtocol('signature');

describe('notification intake (Pull 2.1, signature)', () => {
  let db: TempDb;
  let intake: Intake;

  beforeEach(async () => {
    db = tempDb();
    const ledger = openSqliteLedger(db.path);
    await ledger.placeOrder(newOrder());
    await ledger.applyStatus('order-1001', {
      to: 'waiting',
      source: 'checkout',
      at: new Date().toISOString(),
    });
    intake = await startIntake(PULL_SIGNATURE, ledger);
  });
  afterEach(async () => {
    await intake.close();
    await intake.ledger.close();
    db.cleanup();
  });

  it('marks a genuine paid notification paid, records it, and answers XML 0 (pull §9.4)', async () => {
    const body = pullBody();
    const answer = await postNotification(intake.url, body, { 'X-Api-Signature': pullSignature(body) });
    expect(answer).toEqual({
      status: 200,
      contentType: 'text/xml',
      body: '<?xml version="1.0"?>\n<result><result_code>0</result_code></result>',
    });
    expect((await intake.ledger.getOrder('order-1001'))?.status).toBe('paid');
    const events = await intake.ledger.listEvents('order-1001');
    expect(events.at(-1)).toMatchObject({ from: 'waiting', to: 'paid', source: 'notification' });
    const [record] = await intake.ledger.listNotifications({ limit: 10 });
    expect(record).toMatchObject({ verdict: 'accepted', resultCode: 0, billId: 'order-1001', rawBody: body });
    expect(record?.authenticated && record.headers).not.toHaveProperty('x-api-signature');
    expect(await intake.ledger.listWebhooks({ limit: 10 })).toMatchObject([{ type: 'order.paid' }]);
    expect(await intake.outboxTypes('order-1001')).toEqual(['order.paid']);
  });

  it('takes a replayed notification exactly once and still answers 0', async () => {
    const body = pullBody();
    const headers = { 'X-Api-Signature': pullSignature(body) };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => postNotification(intake.url, body, headers)),
    );
    expect(answers.map(pullCode)).toEqual([0, 0, 0, 0, 0]);
    const events = await intake.ledger.listEvents('order-1001');
    expect(events.filter((e) => e.to === 'paid')).toHaveLength(1);
    const records = await intake.ledger.listNotifications({ limit: 10 });
    expect(records.map((r) => r.verdict).sort()).toEqual([
      'accepted',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(await intake.ledger.listWebhooks({ limit: 10 })).toHaveLength(1);
    expect(await intake.outboxTypes()).toEqual(['order.paid']);
  });

  it('records a genuine final status contradicting the order as a conflict, answers 0 and tells the merchant', async () => {
    const paid = pullBody();
    await postNotification(intake.url, paid, { 'X-Api-Signature': pullSignature(paid) });
    const rejected = pullBody({ status: 'rejected' });
    const answer = await postNotification(intake.url, rejected, {
      'X-Api-Signature': pullSignature(rejected),
    });
    expect(pullCode(answer)).toBe(0);
    expect((await intake.ledger.getOrder('order-1001'))?.status).toBe('paid');
    const [latest] = await intake.ledger.listNotifications({ limit: 1 });
    expect(latest).toMatchObject({
      verdict: 'conflict',
      reason: "QIWI says rejected, the ledger's final status is paid; check the order by hand",
    });
    expect(await intake.ledger.listNotifications({ verdict: 'conflict', limit: 10 })).toHaveLength(1);
    // Newest first.
    expect(await intake.outboxTypes('order-1001')).toEqual(['order.conflict', 'order.paid']);
    const [conflict] = (await intake.ledger.listWebhooks({ limit: 10 })).filter(
      (w) => w.type === 'order.conflict',
    );
    expect(JSON.parse(conflict?.payload ?? '{}')).toMatchObject({
      type: 'order.conflict',
      data: {
        orderId: 'order-1001',
        status: 'paid',
        amount: '250.00',
        conflict: { qiwiStatus: 'rejected', notificationId: latest?.id },
      },
    });
  });

  it('files a late non-final status after a final one as a duplicate, not a conflict', async () => {
    const paid = pullBody();
    await postNotification(intake.url, paid, { 'X-Api-Signature': pullSignature(paid) });
    const waiting = pullBody({ status: 'waiting' });
    const answer = await postNotification(intake.url, waiting, { 'X-Api-Signature': pullSignature(waiting) });
    expect(pullCode(answer)).toBe(0);
    const [latest] = await intake.ledger.listNotifications({ limit: 1 });
    expect(latest).toMatchObject({ verdict: 'duplicate', reason: expect.stringMatching(/already paid/) });
    expect(await intake.outboxTypes('order-1001')).toEqual(['order.paid']);
  });

  /** A ledger on the same file whose repository fails `method` inside every transaction. */
  function failingLedger(method: keyof RepositoryTransaction, message: string) {
    const repository = openSqliteRepository(db.path);
    const failing: LedgerRepository = {
      ...repository,
      transaction: (work) =>
        repository.transaction((tx) =>
          work({
            ...tx,
            [method]: async () => {
              throw new Error(message);
            },
          }),
        ),
    };
    return createLedger({ repository: failing });
  }

  it('answers 13 and acknowledges nothing when the store fails, then takes the retry', async () => {
    const body = pullBody();
    const headers = { 'X-Api-Signature': pullSignature(body) };
    const real = intake.ledger;
    // The status change is written first; the failing record write must roll it back.
    const failing = failingLedger('insertNotification', 'SQLITE_IOERR: disk I/O error');
    const broken = await startIntake(PULL_SIGNATURE, failing);
    try {
      const answer = await postNotification(broken.url, body, headers);
      expect(answer.status).toBe(200);
      expect(pullCode(answer)).toBe(13);
      expect((await real.getOrder('order-1001'))?.status).toBe('waiting');
      expect(await real.listNotifications({ limit: 10 })).toEqual([]);
      expect(broken.lines.some((l) => l.verdict === 'unrecorded' && l.resultCode === 13)).toBe(true);
    } finally {
      await broken.close();
      await failing.close();
    }
    expect(pullCode(await postNotification(intake.url, body, headers))).toBe(0);
    expect((await real.getOrder('order-1001'))?.status).toBe('paid');
  });

  it('answers 13 when the order cannot even be read', async () => {
    const failing = failingLedger('getOrder', 'SQLITE_BUSY: database is locked');
    const broken = await startIntake(PULL_SIGNATURE, failing);
    try {
      const body = pullBody();
      const answer = await postNotification(broken.url, body, { 'X-Api-Signature': pullSignature(body) });
      expect(pullCode(answer)).toBe(13);
    } finally {
      await broken.close();
      await failing.close();
    }
  });

  it('logs one line per notification without body, signature or password', async () => {
    const body = pullBody();
    const signature = pullSignature(body);
    await postNotification(intake.url, body, { 'X-Api-Signature': signature });
    const lines = intake.lines.filter((l) => l.msg === 'qiwi notification');
    expect(lines).toEqual([
      expect.objectContaining({ billId: 'order-1001', verdict: 'accepted', resultCode: 0, status: 'paid' }),
    ]);
    const printed = JSON.stringify(intake.lines);
    for (const secret of [signature, NOTIFICATION_PASSWORD, 'tel:+79001234567', 'prv_name'])
      expect(printed).not.toContain(secret);
  });

  it('accepts a waiting notification as a move from created, not as payment', async () => {
    await intake.ledger.placeOrder(newOrder({ id: 'order-2' }));
    const body = pullBody({ bill_id: 'order-2', status: 'waiting' });
    expect(
      pullCode(await postNotification(intake.url, body, { 'X-Api-Signature': pullSignature(body) })),
    ).toBe(0);
    expect((await intake.ledger.getOrder('order-2'))?.status).toBe('waiting');
    expect(await intake.outboxTypes('order-2')).toEqual([]);
  });
});

describe('notification intake (Pull 2.1, Basic)', () => {
  it('accepts the right Basic credentials and rejects the wrong ones with 150', async () => {
    const db = tempDb();
    const ledger = openSqliteLedger(db.path);
    await ledger.placeOrder(newOrder());
    const intake = await startIntake(pullIntakeProtocol('basic'), ledger);
    try {
      const body = pullBody();
      const wrong = await postNotification(intake.url, body, { Authorization: pullBasic('not-it') });
      expect(pullCode(wrong)).toBe(150);
      expect((await ledger.getOrder('order-1001'))?.status).toBe('created');
      const right = await postNotification(intake.url, body, { Authorization: pullBasic() });
      expect(pullCode(right)).toBe(0);
      expect((await ledger.getOrder('order-1001'))?.status).toBe('paid');
      const records = await ledger.listNotifications({ limit: 10 });
      expect(records.map((r) => r.verdict)).toEqual(['accepted', 'rejected']);
      expect(JSON.stringify(records)).not.toContain(pullBasic('not-it').slice(6));
      expect(JSON.stringify(records)).not.toContain(pullBasic().slice(6));
    } finally {
      await intake.close();
      await ledger.close();
      db.cleanup();
    }
  });
});

describe('notification intake (Bill Payments 1.0.0)', () => {
  let db: TempDb;
  let intake: Intake;

  beforeEach(async () => {
    db = tempDb();
    const ledger = openSqliteLedger(db.path);
    await ledger.placeOrder(newOrder({ protocol: 'bill' }));
    intake = await startIntake(billIntakeProtocol(), ledger);
  });
  afterEach(async () => {
    await intake.close();
    await intake.ledger.close();
    db.cleanup();
  });

  it.each(['X-Api-Signature', 'X-Api-Signature-SHA256'])(
    'takes a genuine notification signed in %s and answers {"error":0} (bill §9.3)',
    async (header) => {
      const body = billBody();
      const answer = await postNotification(intake.url, body, { [header]: billSignature(body) });
      expect(answer).toEqual({
        status: 200,
        contentType: 'application/json',
        body: '{"error":0}',
      });
      expect((await intake.ledger.getOrder('order-1001'))?.status).toBe('paid');
    },
  );

  it.each([
    ['a wrong signature', billBody(), () => billSignature(billBody(), 'b3RoZXIta2V5'), 151],
    ['a signature over another body', billBody(), () => billSignature(billBody({ amount: '1.00' })), 151],
    ['another merchant', billBody({ prv_id: '9999' }), () => billSignature(billBody({ prv_id: '9999' })), 5],
    [
      'a mismatched amount',
      billBody({ amount: '2.50' }),
      () => billSignature(billBody({ amount: '2.50' })),
      5,
    ],
    [
      'a mismatched currency',
      billBody({ currency: 'USD' }),
      () => billSignature(billBody({ currency: 'USD' })),
      5,
    ],
    ['an unknown bill', billBody({ bill_id: 'x' }), () => billSignature(billBody({ bill_id: 'x' })), 5],
  ])('rejects %s', async (_name, body, sign, code) => {
    const answer = await postNotification(intake.url, body, { 'X-Api-Signature-SHA256': sign() });
    expect(answer.body).toBe(`{"error":${code}}`);
    expect((await intake.ledger.getOrder('order-1001'))?.status).toBe('created');
    expect(await intake.ledger.listNotifications({ verdict: 'rejected', limit: 10 })).toHaveLength(1);
  });

  it('rejects a notification without a signature header with 151', async () => {
    const answer = await postNotification(intake.url, billBody());
    expect(answer.body).toBe('{"error":151}');
  });
});
