// From the raw bytes of QIWI's notification to a typed notification or a typed rejection, and the
// exact answers each protocol requires. Pull 2.1: pull-rest-api-2.1.md §9; Bill Payments 1.0.0:
// bill-payments-rest-api-1.0.0.md §9.
//
// Verification always runs over the bytes received: the signature covers the decoded values exactly
// as sent, so nothing is re-formatted before it is checked.

import { parseBasicAuthorization } from './auth.js';
import { constantTimeEqual } from './constant-time.js';
import { duplicateNames, parseFormBody } from './form-body.js';
import { parseAmount, type MinorUnits } from './money.js';
import { parseBillStatus, type BillStatus } from './statuses.js';
import { billNotificationSignature, pullNotificationSignature, type NamedValue } from './signatures.js';
import { QiwiError } from './errors.js';
import type { ProtocolName } from './protocols/protocol.js';

/** Header lookup that ignores case, as HTTP requires (§13 A29). Node lower-cases names already. */
export type Headers = Readonly<Record<string, string | string[] | undefined>>;

function header(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export interface QiwiNotification {
  readonly protocol: ProtocolName;
  readonly billId: string;
  readonly status: BillStatus;
  readonly amount: MinorUnits;
  /** The amount exactly as QIWI sent it. */
  readonly amountText: string;
  readonly currency: string;
  /** Every parameter received, decoded, for the record. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Why a notification was refused, with the result code the answer carries
 * (pull §9.4, bill §9.3: 5 format, 150 password, 151 signature).
 */
export class NotificationRejected extends QiwiError {
  readonly resultCode: 5 | 150 | 151;

  constructor(resultCode: 5 | 150 | 151, message: string) {
    super(resultCode === 5 ? 'notification_malformed' : 'notification_unauthenticated', message);
    this.resultCode = resultCode;
  }
}

export interface NotificationAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Pull answer (§9.4): always XML, HTTP 200; any non-zero code makes QIWI retry later. */
export function pullNotificationAnswer(resultCode: number): NotificationAnswer {
  return {
    status: 200,
    contentType: 'text/xml',
    body: `<?xml version="1.0"?>\n<result><result_code>${Math.trunc(resultCode)}</result_code></result>`,
  };
}

/** Bill Payments 1.0.0 answer (§9.3): JSON {"error": code}, HTTP 200. */
export function billNotificationAnswer(resultCode: number): NotificationAnswer {
  return {
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ error: Math.trunc(resultCode) }),
  };
}

function formParams(rawBody: Uint8Array): NamedValue[] {
  const params = parseFormBody(rawBody);
  const duplicates = duplicateNames(params);
  if (duplicates.length > 0) {
    throw new NotificationRejected(
      5,
      `parameter ${duplicates.join(', ')} appears more than once; a notification names each field once`,
    );
  }
  return params;
}

function typed(
  protocol: QiwiNotification['protocol'],
  params: Record<string, string>,
  fields: {
    billId?: string | undefined;
    status?: string | undefined;
    amount?: string | undefined;
    currency?: string | undefined;
  },
): QiwiNotification {
  const missing = Object.entries(fields)
    .filter(([, v]) => v === undefined || v === '')
    .map(([k]) => k);
  if (missing.length > 0) throw new NotificationRejected(5, `missing ${missing.join(', ')}`);
  const status = parseBillStatus(fields.status);
  if (!status) throw new NotificationRejected(5, `unknown bill status "${fields.status}"`);
  let amount: MinorUnits;
  try {
    // QIWI sends 2 decimals but documents "2 or 3 depending on currency" (§4.5): apply its truncation.
    amount = parseAmount(fields.amount, { mode: 'truncate', allowZero: true });
  } catch {
    throw new NotificationRejected(5, `amount "${fields.amount}" is not a decimal amount`);
  }
  const currency = fields.currency as string;
  if (!/^[A-Za-z]{3}$/.test(currency))
    throw new NotificationRejected(5, `currency "${currency}" is not an ISO 4217 code`);
  return {
    protocol,
    billId: fields.billId as string,
    status,
    amount,
    amountText: fields.amount as string,
    currency: currency.toUpperCase(),
    params,
  };
}

export interface PullNotificationCredentials {
  readonly prvId: string;
  readonly notificationPassword: string;
  /** Which method the cabinet has enabled (§9.3); exactly one is active. */
  readonly auth: 'basic' | 'signature';
}

/** Verifies and reads a Pull 2.1 notification (§9.2–9.3). Throws NotificationRejected. */
export function readPullNotification(
  rawBody: Uint8Array,
  headers: Headers,
  credentials: PullNotificationCredentials,
): QiwiNotification {
  if (credentials.auth === 'basic') {
    const basic = parseBasicAuthorization(header(headers, 'authorization'));
    // Both parts compared in constant time, and both always compared.
    const userOk = constantTimeEqual(basic?.user ?? '', credentials.prvId);
    const passwordOk = constantTimeEqual(basic?.password ?? '', credentials.notificationPassword);
    if (!basic || !userOk || !passwordOk)
      throw new NotificationRejected(
        150,
        'Basic authorization does not match prv_id and the notification password',
      );
  }
  const params = formParams(rawBody);
  if (credentials.auth === 'signature') {
    const received = header(headers, 'x-api-signature');
    if (!received) throw new NotificationRejected(151, 'X-Api-Signature header is missing');
    const expected = pullNotificationSignature(params, credentials.notificationPassword);
    if (!constantTimeEqual(received.trim(), expected))
      throw new NotificationRejected(151, 'X-Api-Signature does not match the body');
  }
  const byName = Object.fromEntries(params.map((p) => [p.name, p.value]));
  if (byName.command !== undefined && byName.command !== 'bill')
    throw new NotificationRejected(5, `command "${byName.command}" is not "bill"`);
  return typed('pull', byName, {
    billId: byName.bill_id,
    status: byName.status,
    amount: byName.amount,
    currency: byName.ccy,
  });
}

/** Verifies and reads a Bill Payments 1.0.0 notification (§9.1–9.2). Throws NotificationRejected. */
export function readBillNotification(
  rawBody: Uint8Array,
  headers: Headers,
  credentials: { readonly secretKey: string; readonly prvId?: string },
): QiwiNotification {
  const params = formParams(rawBody);
  // §9.1, B10: the header was renamed during 2017; accept either name.
  const received = header(headers, 'x-api-signature-sha256') ?? header(headers, 'x-api-signature');
  if (!received)
    throw new NotificationRejected(151, 'X-Api-Signature (or X-Api-Signature-SHA256) header is missing');
  const expected = billNotificationSignature(params, credentials.secretKey);
  if (!constantTimeEqual(received.trim(), expected))
    throw new NotificationRejected(151, 'signature does not match the body');
  const byName = Object.fromEntries(params.map((p) => [p.name, p.value]));
  if (credentials.prvId !== undefined && byName.prv_id !== credentials.prvId) {
    throw new NotificationRejected(5, `prv_id "${byName.prv_id}" is not this merchant's`);
  }
  return typed('bill', byName, {
    billId: byName.bill_id,
    status: byName.status,
    amount: byName.amount,
    currency: byName.currency,
  });
}
