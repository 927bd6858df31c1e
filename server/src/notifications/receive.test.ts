// receive() is pure: bytes and headers in, the record and (for a refusal) the answer out — no ledger,
// no socket, no clock.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  billBody,
  billIntakeProtocol,
  billSignature,
  pullBasic,
  pullBody,
  pullIntakeProtocol,
  pullSignature,
} from '../../test/ledger/qiwi-notifier.js';
import { receive } from './receive.js';

const receivedAt = '2025-01-01T10:00:00.000Z';
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('receive', () => {
  it('reads a genuine Pull notification into the record fields and QIWI’s word about the bill', () => {
    const body = pullBody();
    const received = receive(pullIntakeProtocol(), {
      rawBody: bytes(body),
      headers: {
        'x-api-signature': pullSignature(body),
        'content-type': 'application/x-www-form-urlencoded',
      },
      remoteAddress: '127.0.0.1',
      receivedAt,
    });
    expect(received).toMatchObject({
      kind: 'verified',
      intake: {
        receivedAt,
        protocol: 'pull',
        rawBody: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        billId: 'order-1001',
        status: 'paid',
      },
      word: {
        kind: 'bill',
        billId: 'order-1001',
        status: 'paid',
        amount: 25_000,
        amountText: '250.00',
        currency: 'RUB',
      },
    });
    expect(JSON.stringify(received)).not.toContain(pullSignature(body));
  });

  it('refuses a wrong signature with the record to keep and the protocol’s exact answer', () => {
    const body = billBody();
    const received = receive(billIntakeProtocol(), {
      rawBody: bytes(body),
      headers: { 'x-api-signature-sha256': billSignature(billBody({ amount: '1.00' })) },
      receivedAt,
    });
    expect(received).toEqual({
      kind: 'rejected',
      record: expect.objectContaining({
        protocol: 'bill',
        billId: 'order-1001',
        status: 'paid',
        size: Buffer.byteLength(body),
        resultCode: 151,
        reason: expect.stringMatching(/signature/),
      }),
      answer: { status: 200, contentType: 'application/json', body: '{"error":151}' },
    });
  });

  it('refuses an unreadable body with 5 and keeps it for the record', () => {
    const received = receive(pullIntakeProtocol('basic'), {
      rawBody: bytes('%%%'),
      headers: { authorization: pullBasic() },
      receivedAt,
    });
    expect(received.kind).toBe('rejected');
    if (received.kind !== 'rejected') return;
    // The bounded record: its size, hash and prefix identify the body; the body itself is not kept.
    expect(received.record).toMatchObject({
      size: 3,
      prefix: '%%%',
      sha256: createHash('sha256').update('%%%').digest('hex'),
      resultCode: 5,
    });
    expect(received.record).not.toHaveProperty('rawBody');
    expect(received.answer.body).toBe('<?xml version="1.0"?>\n<result><result_code>5</result_code></result>');
  });
});
