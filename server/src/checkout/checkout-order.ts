// Parse once: a checkout request (from a signed order token or the catalog) becomes ONE validated
// order with branded values — bill id for the protocol and flow, amount in minor units, currency,
// normalised phone, allowlisted return URLs, lifetime within the protocol's cap. Everything after
// this (the ledger, the redirect builders, the REST client) takes those values as they are.

import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import {
  PAGE_PAY_SOURCES,
  assertLifetime,
  normalisePhone,
  parseAmount,
  validateBillId,
  validateComment,
  validateCurrency,
  validatePaySource,
  validateReturnUrl,
  type BillId,
  type Currency,
  type Flow,
  type MinorUnits,
  type PagePaySource,
  type Phone,
  type QiwiProtocol,
  type ReturnUrl,
} from '../qiwi/index.js';
import type { OrderRequest } from './order-request.js';

export interface CheckoutOrder {
  readonly id: BillId;
  readonly amount: MinorUnits;
  readonly currency: Currency;
  readonly comment: string;
  readonly phone: Phone | undefined;
  readonly lifetime: Date;
  readonly successUrl: ReturnUrl | undefined;
  readonly failUrl: ReturnUrl | undefined;
  readonly paySource: PagePaySource | undefined;
  readonly flow: Flow;
}

export interface ParseContext {
  readonly config: Config;
  readonly protocol: QiwiProtocol;
  readonly now: Date;
}

function allowedReturnUrl(
  config: Config,
  field: 'successUrl' | 'failUrl',
  value: string | undefined,
): ReturnUrl | undefined {
  if (value === undefined) return undefined;
  let origin: string;
  try {
    origin = new URL(value).origin;
  } catch {
    throw new AppError('invalid_return_url', `${field} "${value}" is not an absolute URL`);
  }
  if (!config.returnUrlOrigins.includes(origin)) {
    throw new AppError(
      'return_url_not_allowed',
      `${field} is on ${origin}, which is not in RETURN_URL_ORIGINS`,
    );
  }
  return validateReturnUrl(field, value);
}

function chooseFlow(config: Config, requested: Flow | undefined, phone: Phone | undefined): Flow {
  const flow = requested ?? config.defaultFlow;
  if (flow === 'checkout' && phone === undefined) {
    // REST creation needs the payer's wallet (pull §5.1 `user` is required); the web form asks for it.
    if (requested === 'checkout')
      throw new AppError(
        'phone_required',
        'the checkout flow creates the bill over REST, which needs the payer phone; put phone in the order token or use flow "webform"',
      );
    return 'webform';
  }
  return flow;
}

export function parseCheckoutOrder(
  { config, protocol, now }: ParseContext,
  request: OrderRequest,
  options: { flow?: Flow; paySource?: string },
): CheckoutOrder {
  const phone = request.phone === undefined ? undefined : normalisePhone(request.phone);
  const flow = chooseFlow(config, options.flow, phone);
  const lifetime = new Date(
    now.getTime() + (request.lifetimeSeconds ?? config.billLifetimeMinutes * 60) * 1000,
  );
  assertLifetime(lifetime, now, protocol.maxLifetimeDays);
  return {
    id: validateBillId(request.id, protocol.maxBillIdLength(flow)),
    amount: parseAmount(request.amount),
    currency: validateCurrency(request.currency),
    comment: validateComment(request.comment) ?? '',
    phone,
    lifetime,
    successUrl: allowedReturnUrl(config, 'successUrl', request.successUrl),
    failUrl: allowedReturnUrl(config, 'failUrl', request.failUrl),
    // The merchant's token decides; the page may only express a preference when the token is silent.
    paySource: validatePaySource(request.paySource ?? options.paySource, PAGE_PAY_SOURCES),
    flow,
  };
}
