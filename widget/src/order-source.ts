// Where a button's new orders come from (PayPal's createOrder pattern): the shop's own order
// endpoint (data-order-endpoint, same origin, POST `{}` → `{ "orderToken": "…" }`) or merchant code
// (the createOrder option). Used for the first press when the page carries no order token, for
// "Try again" after a failed order, and when the page's own order token has expired or its order is
// already final. A catalog item needs none: a new Idempotency-Key is a new order.

import type { ApiClient } from './api-client';
import type { Config } from './options';
import { widgetError } from './widget-error';

/** Whether the page gave a way to make new orders. */
export const hasOrderSource = (c: Config): boolean => !!(c.endpoint || c.createOrder);

/** Whether pressing after a failed order can pay a new one: a source of orders, or a catalog item. */
export const renewable = (c: Config): boolean => hasOrderSource(c) || !!(c.target && 'item' in c.target);

/** A new order token; failures are retryable WidgetErrors that say what the page must change. */
export function newOrderToken(api: ApiClient, c: Config): Promise<string> {
  if (c.endpoint) return api.newOrder(c.endpoint);
  return Promise.resolve()
    .then(c.createOrder)
    .then((token) => {
      if (!token || typeof token !== 'string') throw 'resolved ' + token;
      return token;
    })
    .catch((error) => {
      throw widgetError('create_order', 'createOrder must resolve to a new order token; it ' + error);
    });
}
