// The merchant's back office (DESIGN.md: /v1/admin/...): orders with their history, cancel, refund,
// refund status, rejected notifications for inspection, and reconcile now.

import { Router } from 'express';
import { HttpError } from '../http/http-error.js';
import type { OrderStatus } from '../orders/order-status.js';
import { formatAmount, type MinorUnits } from '../qiwi/index.js';
import type { NotificationVerdict, Order, Refund } from '../store/store.js';
import { requireAdmin } from './admin-auth.js';
import { limitFilter, statusFilter } from './list-filters.js';
import { refreshRefund, refundOrder, type RefundDeps } from './refunds.js';

export interface AdminDeps extends RefundDeps {
  readonly adminToken: string;
  readonly reconcile?: () => Promise<unknown>;
}

const money = (minor: number) => formatAmount(minor as MinorUnits);
const orderView = (o: Order) => ({ ...o, amount: money(o.amount), refundedAmount: money(o.refundedAmount) });
const refundView = (r: Refund) => ({ ...r, amount: money(r.amount) });

export function adminRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.use('/v1/admin', requireAdmin(deps.adminToken));

  router.get('/v1/admin/orders', async (req, res) => {
    const statuses = statusFilter(req.query.status);
    const orders = await deps.store.listOrders({
      limit: limitFilter(req.query.limit),
      ...(statuses ? { status: statuses } : {}),
      ...(typeof req.query.before === 'string' ? { before: req.query.before } : {}),
    });
    res.json({ orders: orders.map(orderView) });
  });

  router.get('/v1/admin/orders/:id', async (req, res) => {
    const order = await deps.store.getOrder(req.params.id);
    if (!order) throw new HttpError(404, 'order_not_found', `no order ${req.params.id}`);
    const [events, notifications, refunds, webhooks] = await Promise.all([
      deps.store.listEvents(order.id),
      deps.store.listNotifications({ orderId: order.id, limit: 100 }),
      deps.store.listRefunds(order.id),
      deps.store.listWebhooks({ orderId: order.id, limit: 100 }),
    ]);
    res.json({ order: orderView(order), events, notifications, refunds: refunds.map(refundView), webhooks });
  });

  router.post('/v1/admin/orders/:id/cancel', async (req, res) => {
    const order = await deps.store.getOrder(req.params.id);
    if (!order) throw new HttpError(404, 'order_not_found', `no order ${req.params.id}`);
    const bill = await deps.qiwi.cancelBill(order.id);
    const result = await deps.store.applyStatus(order.id, {
      to: bill.status as OrderStatus,
      source: 'admin',
      at: deps.clock().toISOString(),
      detail: 'cancelled by admin',
    });
    res.json({ order: orderView(result.order) });
  });

  router.post('/v1/admin/orders/:id/refunds', async (req, res) => {
    const { refund, status } = await refundOrder(
      deps,
      req.params.id,
      (req.body ?? {}) as { amount?: unknown; refundId?: unknown },
    );
    res.status(status).json({ refund: refundView(refund) });
  });

  router.get('/v1/admin/orders/:id/refunds/:refundId', async (req, res) => {
    res.json({ refund: refundView(await refreshRefund(deps, req.params.id, req.params.refundId)) });
  });

  router.get('/v1/admin/notifications', async (req, res) => {
    const verdict = req.query.verdict;
    if (verdict !== undefined && !['accepted', 'duplicate', 'rejected'].includes(String(verdict)))
      throw new HttpError(400, 'invalid_verdict', 'verdict must be accepted, duplicate or rejected');
    res.json({
      notifications: await deps.store.listNotifications({
        limit: limitFilter(req.query.limit),
        ...(verdict ? { verdict: verdict as NotificationVerdict } : {}),
      }),
    });
  });

  router.post('/v1/admin/reconcile', async (_req, res) => {
    if (!deps.reconcile) throw new HttpError(501, 'reconciler_disabled', 'the reconciler is not configured');
    res.json({ result: await deps.reconcile() });
  });

  return router;
}
