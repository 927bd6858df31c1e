// Plays QIWI's side of a notification in tests: builds the form body a real notification carries
// (pull-rest-api-2.1.md §9.2, bill-payments §9.1), signs it with the core's functions, and POSTs it
// over a real socket.

import {
  billNotificationSignature,
  encodeQuery,
  parseFormBody,
  pullNotificationAuthorization,
  pullNotificationSignature,
} from '../../src/qiwi/index.js';

export const PRV_ID = '2042';
export const NOTIFICATION_PASSWORD = 'K3yForN0tify';
export const BILL_SECRET_KEY = 'MjA0Mnw1NjYwMzk3MnxiMzhjYzg1YzM4ZTkxMTI2MTE4OGZhNTg2Y2E3NTM0Nw==';

export function pullBody(fields: Record<string, string> = {}): string {
  return encodeQuery(
    Object.entries({
      command: 'bill',
      bill_id: 'order-1001',
      status: 'paid',
      error: '0',
      amount: '250.00',
      user: 'tel:+79001234567',
      prv_name: 'Shop',
      ccy: 'RUB',
      comment: 'Order 1001',
      ...fields,
    }).map(([name, value]) => ({ name, value })),
  );
}

export function billBody(fields: Record<string, string> = {}): string {
  return encodeQuery(
    Object.entries({
      prv_id: PRV_ID,
      bill_id: 'order-1001',
      status: 'paid',
      amount: '250.00',
      currency: 'RUB',
      phone: '+79001234567',
      comment: 'Order 1001',
      version: '1',
      ...fields,
    }).map(([name, value]) => ({ name, value })),
  );
}

export const pullSignature = (body: string, password = NOTIFICATION_PASSWORD) =>
  pullNotificationSignature(parseFormBody(body), password);
export const pullBasic = (password = NOTIFICATION_PASSWORD, prvId = PRV_ID) =>
  pullNotificationAuthorization(prvId, password);
export const billSignature = (body: string, key = BILL_SECRET_KEY) =>
  billNotificationSignature(parseFormBody(body), key);

export interface Delivery {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
}

export async function postNotification(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Delivery> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}

/** The result_code of a Pull XML answer, or NaN. */
export function pullCode(answer: Delivery): number {
  const match = /<result_code>(\d+)<\/result_code>/.exec(answer.body);
  return match ? Number(match[1]) : NaN;
}
