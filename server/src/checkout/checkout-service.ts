// Turns an order into a QIWI bill and a redirect, exactly once per order id: the same id with the same
// amount returns the same bill and redirect; with another amount it is refused (409).
//   checkout flow: create the bill over REST (pull §5.1 / bill §5.1), then the checkout page (§8).
//   webform flow:  the signed web form (pull §7.4 / bill §6.3); QIWI creates the bill, no REST call.

import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import {
  PAGE_PAY_SOURCES,
  REST_PAY_SOURCES,
  assertLifetime,
  formatAmount,
  normalisePhone,
  parseAmount,
  validateBillId,
  validateComment,
  validateCurrency,
  validatePaySource,
  type MinorUnits,
  type PagePaySource,
  type QiwiClient,
  type QiwiProtocol,
  type Redirect,
  type Flow,
} from '../qiwi/index.js';
import type { Ledger, Order } from '../ledger/index.js';
import type { OrderRequest } from './order-request.js';

export interface CheckoutDeps {
  readonly config: Config;
  /** The protocol chosen at wiring: id rules, lifetime cap, redirects. */
  readonly protocol: QiwiProtocol;
  readonly ledger: Ledger;
  readonly qiwi: QiwiClient;
  readonly clock: () => Date;
}

export interface CheckoutResult {
  readonly order: Order;
  readonly redirect: Redirect;
}

function allowedReturnUrl(config: Config, field: string, value: string | undefined): string | undefined {
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
  return value;
}

interface Validated {
  readonly id: string;
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly comment: string;
  readonly phone: string | undefined;
  readonly lifetime: Date;
  readonly successUrl: string | undefined;
  readonly failUrl: string | undefined;
  readonly paySource: PagePaySource | undefined;
  readonly flow: Flow;
}

function chooseFlow(config: Config, requested: Flow | undefined, phone: string | undefined): Flow {
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

function validate(
  deps: CheckoutDeps,
  request: OrderRequest,
  options: { flow?: Flow; paySource?: string },
): Validated {
  const { config, protocol } = deps;
  const phone = request.phone === undefined ? undefined : normalisePhone(request.phone);
  const flow = chooseFlow(config, options.flow, phone);
  const id = validateBillId(request.id, protocol.maxBillIdLength(flow));
  const now = deps.clock();
  const lifetime = new Date(
    now.getTime() + (request.lifetimeSeconds ?? config.billLifetimeMinutes * 60) * 1000,
  );
  assertLifetime(lifetime, now, protocol.maxLifetimeDays);
  return {
    id,
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

function buildRedirect(protocol: QiwiProtocol, o: Validated): Redirect {
  const order = {
    billId: o.id,
    amount: o.amount,
    currency: o.currency,
    comment: o.comment,
    phone: o.phone,
    lifetime: o.lifetime,
    successUrl: o.successUrl,
    failUrl: o.failUrl,
    paySource: o.paySource,
  };
  if (o.flow === 'checkout') return protocol.checkoutRedirect(order);
  const problem = protocol.webformProblem();
  if (problem) throw new AppError('webform_unavailable', problem);
  return protocol.webformRedirect(order);
}

export async function checkout(
  deps: CheckoutDeps,
  request: OrderRequest,
  options: { flow?: Flow; paySource?: string },
): Promise<CheckoutResult> {
  const { protocol, ledger, qiwi, clock } = deps;
  const o = validate(deps, request, options);
  const now = clock().toISOString();
  const { order: stored } = await ledger.placeOrder({
    id: o.id,
    protocol: protocol.name,
    flow: o.flow,
    amount: o.amount,
    currency: o.currency,
    comment: o.comment,
    payerPhone: o.phone,
    lifetime: o.lifetime.toISOString(),
    successUrl: o.successUrl,
    failUrl: o.failUrl,
    paySource: o.paySource,
    origin: request.origin,
    redirect: buildRedirect(protocol, o),
    status: 'created',
    createdAt: now,
  });
  if (stored.amount !== o.amount || stored.currency !== o.currency) {
    throw new AppError(
      'order_conflict',
      `order ${o.id} already exists for ${formatAmount(stored.amount)} ${stored.currency}; use a new order id`,
    );
  }
  let order = stored;
  if (order.flow === 'checkout' && order.status === 'created') {
    // Safe to repeat: QIWI answers a repeated PUT with the same amount with the stored bill (pull §4.7).
    const bill = await qiwi.createBill({
      billId: order.id,
      amount: order.amount,
      currency: order.currency,
      phone: order.payerPhone as string,
      comment: order.comment,
      lifetime: new Date(order.lifetime),
      ...(order.paySource && (REST_PAY_SOURCES as readonly string[]).includes(order.paySource)
        ? { paySource: order.paySource as 'qw' | 'mobile' }
        : {}),
    });
    order = (
      await ledger.applyStatus(order.id, {
        to: bill.status,
        source: 'checkout',
        at: clock().toISOString(),
        detail: 'bill created',
      })
    ).order;
  }
  return { order, redirect: order.redirect };
}
