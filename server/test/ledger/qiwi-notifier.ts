// Plays QIWI's side of a notification in tests: builds the form body a real notification carries
// (pull-rest-api-2.1.md §9.2, bill-payments §9.1), signs it with the core's functions, and POSTs it
// over a real socket.

import {
  billProtocol,
  pullProtocol,
  type QiwiProtocol,
  billNotificationSignature,
  encodeQuery,
  parseFormBody,
  pullNotificationAuthorization,
  pullNotificationSignature,
} from '../../src/qiwi/index.js';

export const PRV_ID = '2042';
export const NOTIFICATION_PASSWORD = 'K3yForN0tify';
// fixtures/qiwi-test-vectors.json bill-sk-1: this api_secret gives BILL_SECRET_KEY.
export const BILL_API_ID = '56603972';
export const BILL_API_SECRET = 's3cr3tApiKey';
export const BILL_SECRET_KEY = 'MjA0Mnw1NjYwMzk3MnxiMzhjYzg1YzM4ZTkxMTI2MTE4OGZhNTg2Y2E3NTM0Nw==';

/** The Pull protocol object the intake under test reads notifications with. */
export function pullIntakeProtocol(auth: 'basic' | 'signature' = 'signature'): QiwiProtocol {
  return pullProtocol({
    prvId: PRV_ID,
    apiId: '62573819',
    apiPassword: 'api-password',
    notificationPassword: NOTIFICATION_PASSWORD,
    notificationAuth: auth,
    webformSigned: true,
  });
}

/** The Bill Payments 1.0.0 protocol object; its secret_key is BILL_SECRET_KEY. */
export function billIntakeProtocol(): QiwiProtocol {
  return billProtocol({ prvId: PRV_ID, apiId: BILL_API_ID, apiSecret: BILL_API_SECRET, webformSigned: true });
}

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
