// Properties of reading notification bodies: any bytes with any signature header are either verified
// (and then signed by the notification password) or refused with a bounded record — never thrown,
// never kept whole.
import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { pullBody, pullIntakeProtocol, pullSignature } from '../../test/ledger/qiwi-notifier.js';
import { receive } from './receive.js';
import { REJECTED_PREFIX_BYTES } from './rejected-request.js';

const protocol = pullIntakeProtocol('signature');
const receivedAt = '2025-01-01T10:00:00.000Z';

describe('notification bodies, properties', () => {
  test.prop([fc.uint8Array({ maxLength: 70_000 }), fc.option(fc.string({ maxLength: 40 }))])(
    'arbitrary bytes are refused with a bounded record of them',
    (body, signature) => {
      const received = receive(protocol, {
        rawBody: body,
        headers: signature === null ? {} : { 'x-api-signature': signature },
        remoteAddress: '203.0.113.1',
        receivedAt,
      });
      expect(received.kind).toBe('rejected');
      if (received.kind !== 'rejected') return;
      const { record } = received;
      expect(record.size).toBe(body.length);
      expect(record.sha256).toBe(createHash('sha256').update(body).digest('hex'));
      expect(Buffer.byteLength(record.prefix)).toBeLessThanOrEqual(REJECTED_PREFIX_BYTES * 3);
      expect(record.prefix).toBe(Buffer.from(body).subarray(0, REJECTED_PREFIX_BYTES).toString('utf8'));
      expect((record.billId ?? '').length).toBeLessThanOrEqual(64);
      expect(record.reason.length).toBeLessThanOrEqual(200);
      expect([5, 151]).toContain(record.resultCode);
    },
  );

  test.prop([fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/), fc.string({ maxLength: 300 })])(
    'a signed body is verified whatever its comment; the same body unsigned never is',
    (billId, comment) => {
      const body = pullBody({ bill_id: billId, comment });
      const input = { rawBody: Buffer.from(body), remoteAddress: undefined, receivedAt };
      const signed = receive(protocol, { ...input, headers: { 'x-api-signature': pullSignature(body) } });
      expect(signed).toMatchObject({ kind: 'verified', intake: { billId, rawBody: body } });
      expect(receive(protocol, { ...input, headers: {} }).kind).toBe('rejected');
    },
  );
});
