// One object per QIWI protocol: everything that differs between Pull REST API 2.1 and Bill Payments
// REST API 1.0.0 lives behind this interface, and the composition root picks the object once. Nothing
// outside `protocols/` compares a protocol name; a switch over ProtocolName ends in assertNever, so a
// third protocol is a compile error until every switch handles it.

import type { BillId, Currency, Phone, ReturnUrl } from '../brands.js';
import type { MinorUnits } from '../money.js';
import type { Headers, NotificationAnswer, QiwiNotification } from '../notifications.js';
import type { PagePaySource } from '../params.js';
import type { Redirect } from '../redirects.js';
import type { RestDetails } from '../rest/rest-details.js';

export type ProtocolName = 'pull' | 'bill';
export const PROTOCOL_NAMES: readonly ProtocolName[] = ['pull', 'bill'];

/** The two ways to send a payer to QIWI: the checkout page of a REST-created bill, or a web form. */
export type Flow = 'checkout' | 'webform';

/** What a redirect is built from: an order already validated (checkout/checkout-order.ts). */
export interface RedirectOrder {
  readonly billId: BillId;
  readonly amount: MinorUnits;
  readonly currency: Currency;
  readonly comment: string;
  readonly phone: Phone | undefined;
  readonly lifetime: Date;
  readonly successUrl: ReturnUrl | undefined;
  readonly failUrl: ReturnUrl | undefined;
  readonly paySource: PagePaySource | undefined;
}

export interface QiwiProtocol {
  readonly name: ProtocolName;
  /** After this many days QIWI forces a bill into a final status (pull §5.1: 45, bill §4.3: 28). */
  readonly maxLifetimeDays: number;
  /** Longest bill id the flow can carry (pull §5 / §7.3 txn_id, bill §4.2). */
  maxBillIdLength(flow: Flow): number;
  /** Whether this protocol can send the payer to a web form with this configuration. */
  webformProblem(): string | undefined;
  /** REST paths, authorization and per-protocol creation parameters. */
  readonly rest: RestDetails;
  /** Verifies and reads a notification from its raw bytes; throws NotificationRejected. */
  readNotification(rawBody: Uint8Array, headers: Headers): QiwiNotification;
  /** The exact answer the protocol requires for a result code (pull §9.4, bill §9.3). */
  notificationAnswer(resultCode: number): NotificationAnswer;
  checkoutRedirect(order: RedirectOrder): Redirect;
  webformRedirect(order: RedirectOrder): Redirect;
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
