import { describe, expect, it } from 'vitest';
import { claimedFields, storableHeaders } from './request-record.js';

describe('storableHeaders', () => {
  it('drops every header that carries a credential or a signature', () => {
    expect(
      storableHeaders({
        authorization: 'Basic MjA0Mjp0ZXN0',
        'proxy-authorization': 'Basic x',
        cookie: 'sid=1',
        'x-api-signature': 'g1Ikk…',
        'x-api-signature-sha256': '6My2…',
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': ['1.2.3.4', '5.6.7.8'],
      }),
    ).toEqual({ 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '1.2.3.4, 5.6.7.8' });
  });
});

describe('claimedFields', () => {
  it('reads the bill id and status a body claims, leniently', () => {
    expect(claimedFields('bill_id=A%201&status=paid')).toEqual({ billId: 'A 1', status: 'paid' });
    expect(claimedFields('')).toEqual({ billId: undefined, status: undefined });
    expect(claimedFields('bill_id=&status')).toEqual({ billId: undefined, status: undefined });
    expect(claimedFields(`bill_id=${'x'.repeat(500)}`).billId).toHaveLength(200);
  });
});
