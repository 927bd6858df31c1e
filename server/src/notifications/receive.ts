// From the raw bytes of QIWI's notification to what the ledger records and what QIWI is answered
// (pull-rest-api-2.1.md §9, bill-payments-rest-api-1.0.0.md §9). Pure: no I/O, no clock — the route
// (notification-routes.ts) only moves bytes in and out.

import type { IncomingHttpHeaders } from 'node:http';
import type { NotificationIntake, QiwiWord, RejectedRequestInput } from '../ledger/index.js';
import { NotificationRejected, type NotificationAnswer, type QiwiProtocol } from '../qiwi/index.js';
import { REJECTED_DATA_CODE } from './answer-codes.js';
import { rejectedRequest } from './rejected-request.js';
import { claimedFields, storableHeaders } from './request-record.js';

export interface ReceivedRequest {
  readonly rawBody: Uint8Array;
  readonly headers: IncomingHttpHeaders;
  readonly remoteAddress?: string | undefined;
  readonly receivedAt: string;
}

export type Received =
  /** Genuine and readable: the ledger judges it against the order (ledger.recordNotification). */
  | { readonly kind: 'verified'; readonly intake: NotificationIntake; readonly word: QiwiWord }
  /** Refused before the ledger: the bounded record to keep and the answer to send. */
  | { readonly kind: 'rejected'; readonly record: RejectedRequestInput; readonly answer: NotificationAnswer };

export function receive(protocol: QiwiProtocol, request: ReceivedRequest): Received {
  // The body is decoded to text once, for the record; verification reads the bytes themselves.
  const rawBody = Buffer.from(request.rawBody).toString('utf8');
  const base = {
    receivedAt: request.receivedAt,
    protocol: protocol.name,
    rawBody,
    headers: storableHeaders(request.headers),
    remoteAddress: request.remoteAddress,
  };
  try {
    const notification = protocol.readNotification(request.rawBody, request.headers);
    return {
      kind: 'verified',
      intake: { ...base, billId: notification.billId, status: notification.status },
      word: { kind: 'bill', ...notification },
    };
  } catch (error) {
    const resultCode = error instanceof NotificationRejected ? error.resultCode : REJECTED_DATA_CODE;
    const reason =
      error instanceof NotificationRejected
        ? error.message
        : `unreadable notification: ${error instanceof Error ? error.message : String(error)}`;
    return {
      kind: 'rejected',
      // What the body claims, read leniently, so a forged notification can be found by order; the
      // body itself is not kept (rejected-request.ts).
      record: rejectedRequest({
        rawBody: request.rawBody,
        receivedAt: request.receivedAt,
        protocol: protocol.name,
        source: request.remoteAddress,
        ...claimedFields(rawBody),
        reason,
        resultCode,
      }),
      answer: protocol.notificationAnswer(resultCode),
    };
  }
}
