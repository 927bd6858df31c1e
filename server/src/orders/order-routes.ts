import { Router } from 'express';
import { AppError } from '../errors/app-error.js';
import { sendJson } from '../http/json-answer.js';
import type { StatusTokens } from '../checkout/status-token.js';
import { publicOrder } from './order-view.js';
import { refreshIfStale, type RefreshDeps } from './refresh-order.js';

/** GET /v1/orders/{orderId} with the order's status token (DESIGN.md public contracts). */
export function orderRoutes(deps: RefreshDeps & { readonly statusTokens: StatusTokens }): Router {
  const router = Router();
  router.get('/v1/orders/:orderId', async (req, res) => {
    const { orderId } = req.params;
    deps.statusTokens.check(req.get('authorization'), orderId);
    const order = await deps.ledger.getOrder(orderId);
    if (!order) throw new AppError('order_not_found', `no order ${orderId}`);
    const current = await refreshIfStale(deps, order);
    res.setHeader('cache-control', 'no-store');
    sendJson(res, 200, publicOrder(current));
  });
  return router;
}
