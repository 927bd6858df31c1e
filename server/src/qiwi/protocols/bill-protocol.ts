// QIWI Bill Payments REST API 1.0.0 (bill-payments-rest-api-1.0.0.md) as one object: REST at
// /api/v3/prv/bills/{bill_id} with Bearer secret_key (§4.1, §5), notifications signed with
// HMAC-SHA256 and answered in JSON (§9), the checkout page (§8) and the pay form (§6).

import { billApiAuthorization, billSecretKey } from '../auth.js';
import { billNotificationAnswer, readBillNotification } from '../notifications.js';
import { BILL_ID_MAX_LENGTH, validateBillId, validateNumericId } from '../params.js';
import { billCheckoutRedirect, billPayFormRedirect } from '../redirects.js';
import type { RestDetails } from '../rest/rest-details.js';
import type { ReturnUrl } from '../brands.js';
import type { QiwiProtocol } from './protocol.js';

export interface BillRestCredentials {
  readonly prvId: string;
  readonly apiId: string;
  readonly apiSecret: string;
}

export interface BillSettings extends BillRestCredentials {
  /** The pay form's public_key (§2.2); without it only the checkout flow is possible. */
  readonly publicKey?: string | undefined;
  readonly webformUrl?: string | undefined;
  readonly checkoutUrl?: string | undefined;
  /** Signed pay form (§6.3). */
  readonly webformSigned: boolean;
}

/** §4.3: QIWI forces a bill final after 28 days. */
const MAX_LIFETIME_DAYS = 28;

export function billRest(credentials: BillRestCredentials): RestDetails {
  const prvId = validateNumericId('prv_id', credentials.prvId);
  const apiId = validateNumericId('api_id', credentials.apiId);
  return {
    protocol: 'bill',
    authorization: billApiAuthorization(billSecretKey(prvId, apiId, credentials.apiSecret)),
    billId: (value) => validateBillId(value, 'bill'),
    billPath: (billId) => '/api/v3/prv/bills/' + encodeURIComponent(billId),
    // 1.0.0 creation has no prv_name (§5.1).
    extraCreateParams: () => [],
    maxLifetimeDays: MAX_LIFETIME_DAYS,
  };
}

export function billProtocol(settings: BillSettings): QiwiProtocol {
  const rest = billRest(settings);
  const secretKey = billSecretKey(settings.prvId, settings.apiId, settings.apiSecret);
  const returns = (o: { successUrl?: ReturnUrl | undefined; failUrl?: ReturnUrl | undefined }) => ({
    ...(o.successUrl ? { successUrl: o.successUrl } : {}),
    ...(o.failUrl ? { failUrl: o.failUrl } : {}),
  });
  return {
    name: 'bill',
    maxLifetimeDays: MAX_LIFETIME_DAYS,
    maxBillIdLength: () => BILL_ID_MAX_LENGTH.bill,
    webformProblem: () =>
      settings.publicKey
        ? undefined
        : 'the Bill Payments pay form needs QIWI_PUBLIC_KEY; set it or use flow "checkout"',
    rest,
    readNotification: (rawBody, headers) =>
      readBillNotification(rawBody, headers, { secretKey, prvId: settings.prvId }),
    notificationAnswer: billNotificationAnswer,
    checkoutRedirect: (o) =>
      billCheckoutRedirect({
        ...(settings.checkoutUrl ? { baseUrl: settings.checkoutUrl } : {}),
        prvId: settings.prvId,
        billId: o.billId,
        ...returns(o),
        ...(o.paySource ? { paySource: o.paySource } : {}),
      }),
    webformRedirect: (o) =>
      billPayFormRedirect({
        ...(settings.webformUrl ? { baseUrl: settings.webformUrl } : {}),
        ...(o.phone ? { phone: o.phone } : {}),
        ...(o.comment ? { comment: o.comment } : {}),
        ...returns(o),
        // The signed pay form takes no pay_source (§6.2).
        ...(settings.webformSigned ? { secretKey } : o.paySource ? { paySource: o.paySource } : {}),
        publicKey: settings.publicKey ?? '',
        billId: o.billId,
        amount: o.amount,
        lifetime: o.lifetime,
      }),
  };
}
