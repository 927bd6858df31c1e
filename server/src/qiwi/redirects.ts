// Where the browser goes: the Pull web form (pull-rest-api-2.1.md §7), the Pull checkout (§8, current
// oplata.qiwi.com/form or the legacy bill.qiwi.com/order/external/main.action), the Bill Payments
// 1.0.0 pay form (bill-payments §6) and its checkout (§8). Every base URL comes from configuration;
// the defaults are QIWI's production hosts.

import { encodeQuery } from './form-body.js';
import { formatFormLifetime } from './lifetime.js';
import { formatAmount, type MinorUnits } from './money.js';
import {
  PAGE_PAY_SOURCES,
  normalisePhone,
  validateBillId,
  validateCurrency,
  validateComment,
  validatePaySource,
  validateNumericId,
  type PagePaySource,
} from './params.js';
import { billFormSign, pullWebformSign, type NamedValue } from './signatures.js';
import { QiwiInputError } from './errors.js';

export const DEFAULT_BASE_URLS = {
  api: 'https://api.qiwi.com',
  webform: 'https://bill.qiwi.com',
  checkout: 'https://oplata.qiwi.com',
  legacyCheckout: 'https://bill.qiwi.com',
  billForm: 'https://oplata.qiwi.com',
} as const;

/** A redirect as the widget needs it: the URL, and the action and parameters it was built from. */
export interface Redirect {
  readonly url: string;
  readonly method: 'GET';
  readonly action: string;
  readonly params: Record<string, string>;
}

type Param = readonly [name: string, value: string | undefined];

function redirect(base: string, path: string, params: readonly Param[]): Redirect {
  const action = new URL(path, base.endsWith('/') ? base : base + '/').toString();
  const kept: NamedValue[] = params
    .filter((p): p is readonly [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([name, value]) => ({ name, value }));
  return {
    url: `${action}?${encodeQuery(kept)}`,
    method: 'GET',
    action,
    params: Object.fromEntries(kept.map((p) => [p.name, p.value])),
  };
}

/** Return URLs must be absolute http(s) URLs; which origins are allowed is the caller's policy. */
function returnUrl(
  field: 'successUrl' | 'failUrl' | 'success_url' | 'fail_url',
  value: string | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new QiwiInputError(field, `"${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new QiwiInputError(field, `"${value}" must use https`);
  return value;
}

export interface PullWebformOptions {
  readonly baseUrl?: string;
  readonly prvId: string;
  readonly billId: string;
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly phone?: string;
  readonly comment?: string;
  readonly lifetime?: Date;
  readonly successUrl?: string;
  readonly failUrl?: string;
  readonly paySource?: PagePaySource;
  /** WF/auth (§7.2): with the API id and password the backend signs; without, the unsigned form. */
  readonly signing?: { readonly apiId: string; readonly apiPassword: string };
}

/** `create.action` URL of the Pull web form; signed (WF/auth, §7.4) when `signing` is given. */
export function pullWebformRedirect(o: PullWebformOptions): Redirect {
  const from = validateNumericId('prv_id', o.prvId);
  const txnId = validateBillId(o.billId, 'pullWebform');
  const currency = validateCurrency(o.currency);
  const summ = formatAmount(o.amount);
  const lifetime = o.lifetime ? formatFormLifetime(o.lifetime) : undefined;
  const signed = o.signing
    ? {
        api_id: validateNumericId('api_id', o.signing.apiId),
        sign: pullWebformSign(
          { api_id: o.signing.apiId, currency, from, lifetime, summ, txn_id: txnId },
          o.signing.apiPassword,
        ),
      }
    : undefined;
  return redirect(o.baseUrl ?? DEFAULT_BASE_URLS.webform, 'order/external/create.action', [
    ['from', from],
    ['to', o.phone === undefined ? undefined : normalisePhone(o.phone)],
    ['summ', summ],
    ['currency', currency],
    ['txn_id', txnId],
    ['comm', validateComment(o.comment, false)],
    ['successUrl', returnUrl('successUrl', o.successUrl)],
    ['failUrl', returnUrl('failUrl', o.failUrl)],
    ['pay_source', validatePaySource(o.paySource, PAGE_PAY_SOURCES)],
    ['lifetime', lifetime],
    ['api_id', signed?.api_id],
    ['sign', signed?.sign],
  ]);
}

export interface CheckoutOptions {
  readonly baseUrl?: string;
  readonly prvId: string;
  readonly billId: string;
  readonly successUrl?: string;
  readonly failUrl?: string;
  readonly paySource?: PagePaySource;
}

/**
 * Pull checkout of an existing bill (§8.2). `current` is oplata.qiwi.com/form (2019+); `legacy` is
 * bill.qiwi.com/order/external/main.action, which the official SDK still uses.
 */
export function pullCheckoutRedirect(
  o: CheckoutOptions & { readonly variant?: 'current' | 'legacy' },
): Redirect {
  const legacy = o.variant === 'legacy';
  const base = o.baseUrl ?? (legacy ? DEFAULT_BASE_URLS.legacyCheckout : DEFAULT_BASE_URLS.checkout);
  return checkout(base, legacy ? 'order/external/main.action' : 'form', o, 'pull');
}

/** Bill Payments 1.0.0 checkout of an existing bill: oplata.qiwi.com/order/form (bill-payments §8). */
export function billCheckoutRedirect(o: CheckoutOptions): Redirect {
  return checkout(o.baseUrl ?? DEFAULT_BASE_URLS.checkout, 'order/form', o, 'bill');
}

function checkout(base: string, path: string, o: CheckoutOptions, protocol: 'pull' | 'bill'): Redirect {
  return redirect(base, path, [
    ['shop', validateNumericId('prv_id', o.prvId)],
    ['transaction', validateBillId(o.billId, protocol)],
    ['successUrl', returnUrl('successUrl', o.successUrl)],
    ['failUrl', returnUrl('failUrl', o.failUrl)],
    ['pay_source', validatePaySource(o.paySource, PAGE_PAY_SOURCES)],
  ]);
}

export interface BillPayFormOptions {
  readonly baseUrl?: string;
  readonly publicKey: string;
  readonly billId: string;
  readonly amount: MinorUnits;
  readonly lifetime?: Date;
  readonly phone?: string;
  readonly email?: string;
  readonly userId?: string;
  readonly comment?: string;
  readonly extras?: Readonly<Record<string, string>>;
  readonly successUrl?: string;
  readonly failUrl?: string;
  /** Only the simple (unsigned) form pre-selects a method (§6.2). */
  readonly paySource?: PagePaySource;
  /** Signed mode (§6.3): the secret_key signs; without it the simple form is built. */
  readonly secretKey?: string;
}

/** Bill Payments 1.0.0 pay form `oplata.qiwi.com/form/create` (bill-payments §6). */
export function billPayFormRedirect(o: BillPayFormOptions): Redirect {
  if (!o.publicKey)
    throw new QiwiInputError('public_key', 'missing; copy the public key from the QIWI Kassa cabinet');
  const billId = validateBillId(o.billId, 'bill');
  const amount = formatAmount(o.amount);
  const lifetime = o.lifetime ? formatFormLifetime(o.lifetime) : undefined;
  if (o.secretKey && o.paySource)
    throw new QiwiInputError('pay_source', 'the signed pay form does not take pay_source; leave it out');
  const extras = Object.entries(o.extras ?? {}).map(([key, value]): Param => {
    if (!/^[A-Za-z0-9_]{1,64}$/.test(key))
      throw new QiwiInputError('extras', `key "${key}" may contain only Latin letters, digits and "_"`);
    return ['extra_' + key, value];
  });
  return redirect(o.baseUrl ?? DEFAULT_BASE_URLS.billForm, 'form/create', [
    ['public_key', o.publicKey],
    ['bill_id', billId],
    ['amount', amount],
    ['lifetime', lifetime],
    ['phone', o.phone === undefined ? undefined : normalisePhone(o.phone)],
    ['email', o.email],
    ['user_id', o.userId],
    ['comment', validateComment(o.comment, false)],
    ...extras,
    ['success_url', returnUrl('success_url', o.successUrl)],
    ['fail_url', returnUrl('fail_url', o.failUrl)],
    ['pay_source', validatePaySource(o.paySource, PAGE_PAY_SOURCES)],
    [
      'sign',
      o.secretKey
        ? billFormSign({ amount, bill_id: billId, lifetime, public_key: o.publicKey }, o.secretKey)
        : undefined,
    ],
  ]);
}
