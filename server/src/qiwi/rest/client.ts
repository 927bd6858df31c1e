// REST client for both protocols: create, read, cancel, refund and refund status.
//   Pull 2.1:               /api/v2/prv/{prv_id}/bills/{bill_id}   Basic API_ID:API_PASSWORD  (pull §5)
//   Bill Payments 1.0.0:    /api/v3/prv/bills/{bill_id}            Bearer secret_key          (bill §5)
// Every operation is idempotent by the spec (pull §4.7, §5.3, §5.4; §13 A19, A20), so each one may be
// retried after a timeout or a transient code.

import type { BillId, Currency, Phone } from '../brands.js';
import { QiwiApiError, QiwiBillConflictError } from '../errors.js';
import { encodeQuery } from '../form-body.js';
import { assertLifetime, formatRestLifetime } from '../lifetime.js';
import { formatAmount, type MinorUnits } from '../money.js';
import {
  REST_PAY_SOURCES,
  toWalletUser,
  validateComment,
  validatePaySource,
  validateRefundId,
  type RestPaySource,
} from '../params.js';
import { billRest, type BillRestCredentials } from '../protocols/bill-protocol.js';
import { assertNever, type ProtocolName } from '../protocols/protocol.js';
import { pullRest, type PullRestCredentials } from '../protocols/pull-protocol.js';
import type { RestDetails } from './rest-details.js';
import { readBill, readRefund, type QiwiBill, type QiwiRefund } from './resources.js';
import { createTransport, type TransportOptions } from './transport.js';

type CommonOptions = Omit<TransportOptions, 'authorization' | 'baseUrl'> & {
  /** REST origin; defaults to https://api.qiwi.com. */
  readonly baseUrl?: string;
  /** Clock for lifetime checks. */
  readonly now?: () => Date;
};

/** Either a protocol object's REST details, or one protocol's credentials. */
export type QiwiClientOptions =
  | (CommonOptions & { readonly rest: RestDetails })
  | (CommonOptions & { readonly protocol: 'pull' } & PullRestCredentials)
  | (CommonOptions & { readonly protocol: 'bill' } & BillRestCredentials);

/** A bill to create, its values already validated (brands.ts): none is checked again here. */
export interface CreateBillInput {
  readonly billId: BillId;
  readonly amount: MinorUnits;
  readonly currency: Currency;
  /** The payer's wallet phone, e.g. +79161234567. */
  readonly phone: Phone;
  readonly comment: string;
  readonly lifetime: Date;
  readonly paySource?: RestPaySource;
  /** Pull only: the merchant name shown to the payer (the protocol leaves it out otherwise). */
  readonly prvName?: string;
}

export interface QiwiClient {
  readonly protocol: ProtocolName;
  createBill(input: CreateBillInput): Promise<QiwiBill>;
  getBill(billId: string): Promise<QiwiBill>;
  cancelBill(billId: string): Promise<QiwiBill>;
  refund(billId: string, refundId: string, amount: MinorUnits): Promise<QiwiRefund>;
  getRefund(billId: string, refundId: string): Promise<QiwiRefund>;
}

function restDetailsOf(options: QiwiClientOptions): RestDetails {
  if ('rest' in options) return options.rest;
  switch (options.protocol) {
    case 'pull':
      return pullRest(options);
    case 'bill':
      return billRest(options);
    default:
      return assertNever(options, 'protocol');
  }
}

export function createQiwiClient(options: QiwiClientOptions): QiwiClient {
  const rest = restDetailsOf(options);
  const send = createTransport({
    ...options,
    baseUrl: options.baseUrl ?? 'https://api.qiwi.com',
    authorization: rest.authorization,
  });
  const now = options.now ?? (() => new Date());
  // Ids that arrive as plain strings (reads, cancel, refunds) are checked against the protocol here.
  const billPath = (billId: string) => rest.billPath(rest.billId(billId));
  const refundPath = (billId: string, refundId: string) =>
    `${billPath(billId)}/refund/${validateRefundId(refundId)}`;

  async function getBill(billId: string): Promise<QiwiBill> {
    return readBill((await send({ method: 'GET', path: billPath(billId), idempotent: true })).bill);
  }

  async function createBill(input: CreateBillInput): Promise<QiwiBill> {
    const currency = input.currency;
    assertLifetime(input.lifetime, now(), rest.maxLifetimeDays);
    const form = encodeQuery(
      [
        ['user', toWalletUser(input.phone)],
        ['amount', formatAmount(input.amount)],
        ['ccy', currency],
        ['comment', validateComment(input.comment) ?? ''],
        ['lifetime', formatRestLifetime(input.lifetime)],
        ['pay_source', validatePaySource(input.paySource, REST_PAY_SOURCES)],
        ...rest.extraCreateParams(input),
      ]
        .filter((p): p is [string, string] => p[1] !== undefined)
        .map(([name, value]) => ({ name, value })),
    );
    const path = rest.billPath(input.billId);
    try {
      return readBill((await send({ method: 'PUT', path, form, idempotent: true })).bill);
    } catch (error) {
      if (!(error instanceof QiwiApiError && error.resultCode === 215)) throw error;
      // 215: the id exists with another amount (§4.7). Our earlier attempt may have been stored with
      // these very data, so read it back: the same amount and currency mean it is our bill.
      const existing = await getBill(input.billId);
      if (existing.amount === input.amount && existing.currency === currency) return existing;
      throw new QiwiBillConflictError(
        input.billId,
        `amount ${formatAmount(existing.amount)} ${existing.currency} instead of ${formatAmount(input.amount)} ${currency}`,
      );
    }
  }

  return {
    protocol: rest.protocol,
    createBill,
    getBill,
    async cancelBill(billId) {
      // §5.3: the only accepted body.
      return readBill(
        (await send({ method: 'PATCH', path: billPath(billId), form: 'status=rejected', idempotent: true }))
          .bill,
      );
    },
    async refund(billId, refundId, amount) {
      const form = encodeQuery([{ name: 'amount', value: formatAmount(amount) }]);
      return readRefund(
        (await send({ method: 'PUT', path: refundPath(billId, refundId), form, idempotent: true })).refund,
      );
    },
    async getRefund(billId, refundId) {
      return readRefund(
        (await send({ method: 'GET', path: refundPath(billId, refundId), idempotent: true })).refund,
      );
    },
  };
}
