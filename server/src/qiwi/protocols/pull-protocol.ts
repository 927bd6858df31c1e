// QIWI Wallet Pull REST API 2.1 (pull-rest-api-2.1.md) as one object: REST at
// /api/v2/prv/{prv_id}/bills/{bill_id} with Basic auth (§4.1, §5), notifications with Basic or
// X-Api-Signature answered in XML (§9), the checkout page (§8) and the web form (§7).

import { pullApiAuthorization } from '../auth.js';
import { pullNotificationAnswer, readPullNotification } from '../notifications.js';
import { BILL_ID_MAX_LENGTH, validateBillId, validateNumericId, validatePrvName } from '../params.js';
import { pullCheckoutRedirect, pullWebformRedirect } from '../redirects.js';
import type { RestDetails } from '../rest/rest-details.js';
import type { ReturnUrl } from '../brands.js';
import type { QiwiProtocol } from './protocol.js';

export interface PullRestCredentials {
  readonly prvId: string;
  readonly apiId: string;
  readonly apiPassword: string;
  /** The merchant name shown to the payer (§5.1 prv_name). */
  readonly prvName?: string | undefined;
}

export interface PullSettings extends PullRestCredentials {
  readonly notificationPassword: string;
  /** Which method the cabinet has enabled for notifications (§9.3). */
  readonly notificationAuth: 'basic' | 'signature';
  readonly webformUrl?: string | undefined;
  readonly checkoutUrl?: string | undefined;
  readonly checkoutVariant?: 'current' | 'legacy';
  /** WF/auth (§7.2): sign the web form with the API id and password. */
  readonly webformSigned: boolean;
}

/** §5.1: QIWI forces a bill final after 45 days. */
const MAX_LIFETIME_DAYS = 45;

export function pullRest(credentials: PullRestCredentials): RestDetails {
  const prvId = validateNumericId('prv_id', credentials.prvId);
  const apiId = validateNumericId('api_id', credentials.apiId);
  return {
    protocol: 'pull',
    authorization: pullApiAuthorization(apiId, credentials.apiPassword),
    billId: (value) => validateBillId(value, 'pull'),
    billPath: (billId) => `/api/v2/prv/${prvId}/bills/` + encodeURIComponent(billId),
    extraCreateParams: (input) => [['prv_name', validatePrvName(input.prvName ?? credentials.prvName)]],
    maxLifetimeDays: MAX_LIFETIME_DAYS,
  };
}

export function pullProtocol(settings: PullSettings): QiwiProtocol {
  const rest = pullRest(settings);
  const returns = (o: { successUrl?: ReturnUrl | undefined; failUrl?: ReturnUrl | undefined }) => ({
    ...(o.successUrl ? { successUrl: o.successUrl } : {}),
    ...(o.failUrl ? { failUrl: o.failUrl } : {}),
  });
  return {
    name: 'pull',
    maxLifetimeDays: MAX_LIFETIME_DAYS,
    // §7.3: the web form's txn_id is String(30); REST ids may be 200 long (§5).
    maxBillIdLength: (flow) =>
      flow === 'webform' ? BILL_ID_MAX_LENGTH.pullWebform : BILL_ID_MAX_LENGTH.pull,
    webformProblem: () => undefined,
    rest,
    readNotification: (rawBody, headers) =>
      readPullNotification(rawBody, headers, {
        prvId: settings.prvId,
        notificationPassword: settings.notificationPassword,
        auth: settings.notificationAuth,
      }),
    notificationAnswer: pullNotificationAnswer,
    checkoutRedirect: (o) =>
      pullCheckoutRedirect({
        ...(settings.checkoutUrl ? { baseUrl: settings.checkoutUrl } : {}),
        prvId: settings.prvId,
        billId: o.billId,
        ...returns(o),
        ...(o.paySource ? { paySource: o.paySource } : {}),
        variant: settings.checkoutVariant ?? 'current',
      }),
    webformRedirect: (o) =>
      pullWebformRedirect({
        ...(settings.webformUrl ? { baseUrl: settings.webformUrl } : {}),
        ...(o.phone ? { phone: o.phone } : {}),
        ...(o.comment ? { comment: o.comment } : {}),
        ...returns(o),
        ...(o.paySource ? { paySource: o.paySource } : {}),
        prvId: settings.prvId,
        billId: o.billId,
        amount: o.amount,
        currency: o.currency,
        lifetime: o.lifetime,
        ...(settings.webformSigned
          ? { signing: { apiId: settings.apiId, apiPassword: settings.apiPassword } }
          : {}),
      }),
  };
}
