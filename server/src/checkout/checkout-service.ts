// Turns an order into a QIWI bill and a redirect, exactly once per order id: the same id with the same
// amount returns the same bill and redirect; with another amount it is refused (409).
//   checkout flow: create the bill over REST (pull §5.1 / bill §5.1), then the checkout page (§8).
//   webform flow:  the signed web form (pull §7.4 / bill §6.3); QIWI creates the bill, no REST call.

import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import {
  REST_PAY_SOURCES,
  formatAmount,
  normalisePhone,
  type QiwiClient,
  type QiwiProtocol,
  type Redirect,
  type Flow,
} from '../qiwi/index.js';
import type { Ledger, Order } from '../ledger/index.js';
import { parseCheckoutOrder, type CheckoutOrder } from './checkout-order.js';
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

function buildRedirect(protocol: QiwiProtocol, o: CheckoutOrder): Redirect {
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
  const o = parseCheckoutOrder({ config: deps.config, protocol, now: clock() }, request, options);
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
    // Id, amount and currency are the parsed ones (the stored order has the same, checked above); the
    // rest is the stored order's, so a repeated click creates exactly the bill first asked for.
    const bill = await qiwi.createBill({
      billId: o.id,
      amount: o.amount,
      currency: o.currency,
      phone: normalisePhone(order.payerPhone),
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
