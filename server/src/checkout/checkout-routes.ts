import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { sendJson } from '../http/json-answer.js';
import { publicOrder } from '../orders/order-view.js';
import type { Catalog } from './catalog.js';
import { checkout, type CheckoutDeps } from './checkout-service.js';
import { fromCatalog, fromClaims } from './order-request.js';
import type { OrderTokenVerifier } from './order-token.js';
import type { StatusTokens } from './status-token.js';

const bodySchema = z.object({
  orderToken: z.string().optional(),
  item: z.string().optional(),
  quantity: z.number().optional(),
  flow: z.enum(['checkout', 'webform']).optional(),
  paySource: z.string().optional(),
});

export interface CheckoutRouteDeps extends CheckoutDeps {
  readonly orderTokens: OrderTokenVerifier;
  readonly statusTokens: StatusTokens;
  readonly catalog: Catalog | undefined;
}

/** POST /v1/checkout: `{ orderToken }` or `{ item, quantity? }`, optional `flow` and `paySource`. */
export function checkoutRoutes(deps: CheckoutRouteDeps): Router {
  const router = Router();
  router.post('/v1/checkout', async (req, res) => {
    const parsed = bodySchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw new AppError(
        'invalid_request',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      );
    }
    const body = parsed.data;
    if ((body.orderToken === undefined) === (body.item === undefined)) {
      throw new AppError(
        'invalid_request',
        'send either orderToken (an order signed by the shop) or item (a catalog item id)',
      );
    }
    const request =
      body.orderToken !== undefined
        ? fromClaims(deps.orderTokens.verify(body.orderToken))
        : fromCatalog(deps.catalog, body, req.get('idempotency-key'));
    const { order, redirect } = await checkout(deps, request, {
      ...(body.flow ? { flow: body.flow } : {}),
      ...(body.paySource ? { paySource: body.paySource } : {}),
    });
    res.setHeader('cache-control', 'no-store');
    sendJson(res, 200, { ...publicOrder(order), redirect, statusToken: deps.statusTokens.issue(order.id) });
  });
  return router;
}
