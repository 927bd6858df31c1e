// Where the browser goes: the Pull web form (pull-rest-api-2.1.md §7), the Pull checkout (§8, current
// oplata.qiwi.com/form or the legacy bill.qiwi.com/order/external/main.action), the Bill Payments
// 1.0.0 pay form (bill-payments §6) and its checkout (§8). Every base URL comes from configuration;
// the defaults are QIWI's production hosts.

import { encodeQuery } from './form-body.js';
import { formatFormLifetime } from './lifetime.js';
import { formatAmount, type MinorUnits } from './money.js';
import type { BillId, Currency, Phone, ReturnUrl } from './brands.js';
import { validateComment, validateNumericId, type PagePaySource } from './params.js';
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

// Options take validated values (brands.ts): bill id, currency, phone and return URLs are checked
// once, where the order is parsed, and not again here.

export interface PullWebformOptions {
  readonly baseUrl?: string;
  readonly prvId: string;
  /** At most 30 characters (§7.3 txn_id String(30)): validateBillId(id, 'pullWebform'). */
  readonly billId: BillId;
  readonly amount: MinorUnits;
  readonly currency: Currency;
  readonly phone?: Phone;
  readonly comment?: string;
  readonly lifetime?: Date;
  readonly successUrl?: ReturnUrl;
  readonly failUrl?: ReturnUrl;
  readonly paySource?: PagePaySource;
  /** WF/auth (§7.2): with the API id and password the backend signs; without, the unsigned form. */
  readonly signing?: { readonly apiId: string; readonly apiPassword: string };
}

/** `create.action` URL of the Pull web form; signed (WF/auth, §7.4) when `signing` is given. */
export function pullWebformRedirect(o: PullWebformOptions): Redirect {
  const from = validateNumericId('prv_id', o.prvId);
  const txnId = o.billId;
  const currency = o.currency;
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
    ['to', o.phone],
    ['summ', summ],
    ['currency', currency],
    ['txn_id', txnId],
    ['comm', validateComment(o.comment, false)],
    ['successUrl', o.successUrl],
    ['failUrl', o.failUrl],
    ['pay_source', o.paySource],
    ['lifetime', lifetime],
    ['api_id', signed?.api_id],
    ['sign', signed?.sign],
  ]);
}

export interface CheckoutOptions {
  readonly baseUrl?: string;
  readonly prvId: string;
  readonly billId: BillId;
  readonly successUrl?: ReturnUrl;
  readonly failUrl?: ReturnUrl;
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
  return checkout(base, legacy ? 'order/external/main.action' : 'form', o);
}

/** Bill Payments 1.0.0 checkout of an existing bill: oplata.qiwi.com/order/form (bill-payments §8). */
export function billCheckoutRedirect(o: CheckoutOptions): Redirect {
  return checkout(o.baseUrl ?? DEFAULT_BASE_URLS.checkout, 'order/form', o);
}

function checkout(base: string, path: string, o: CheckoutOptions): Redirect {
  return redirect(base, path, [
    ['shop', validateNumericId('prv_id', o.prvId)],
    ['transaction', o.billId],
    ['successUrl', o.successUrl],
    ['failUrl', o.failUrl],
    ['pay_source', o.paySource],
  ]);
}

export interface BillPayFormOptions {
  readonly baseUrl?: string;
  readonly publicKey: string;
  /** At most 30 characters (bill §4.2): validateBillId(id, 'bill'). */
  readonly billId: BillId;
  readonly amount: MinorUnits;
  readonly lifetime?: Date;
  readonly phone?: Phone;
  readonly email?: string;
  readonly userId?: string;
  readonly comment?: string;
  readonly extras?: Readonly<Record<string, string>>;
  readonly successUrl?: ReturnUrl;
  readonly failUrl?: ReturnUrl;
  /** Only the simple (unsigned) form pre-selects a method (§6.2). */
  readonly paySource?: PagePaySource;
  /** Signed mode (§6.3): the secret_key signs; without it the simple form is built. */
  readonly secretKey?: string;
}

/** Bill Payments 1.0.0 pay form `oplata.qiwi.com/form/create` (bill-payments §6). */
export function billPayFormRedirect(o: BillPayFormOptions): Redirect {
  if (!o.publicKey)
    throw new QiwiInputError('public_key', 'missing; copy the public key from the QIWI Kassa cabinet');
  const billId = o.billId;
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
    ['phone', o.phone],
    ['email', o.email],
    ['user_id', o.userId],
    ['comment', validateComment(o.comment, false)],
    ...extras,
    ['success_url', o.successUrl],
    ['fail_url', o.failUrl],
    ['pay_source', o.paySource],
    [
      'sign',
      o.secretKey
        ? billFormSign({ amount, bill_id: billId, lifetime, public_key: o.publicKey }, o.secretKey)
        : undefined,
    ],
  ]);
}
