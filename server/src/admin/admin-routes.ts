// The merchant's back office (DESIGN.md: /v1/admin/...): orders with their history, cancel, refund,
// refund status, rejected notifications for inspection, and reconcile now.

import { Router } from 'express';
import { AppError } from '../errors/app-error.js';
import {
  NOTIFICATION_VERDICTS,
  type NotificationRecord,
  type NotificationVerdict,
  type Order,
  type Refund,
} from '../ledger/index.js';
import { formatAmount } from '../qiwi/index.js';
import { actorOf, requireAdmin } from './admin-auth.js';
import { limitFilter, statusFilter } from './list-filters.js';
import { refreshRefund, refundOrder, type RefundDeps } from './refunds.js';
import { webhookAdminRoutes } from './webhook-routes.js';

export interface AdminDeps extends RefundDeps {
  readonly adminToken: string;
  readonly reconcile?: () => Promise<unknown>;
  /** The notification intake's counts of posts refused before reading (rate limit, source). */
  readonly edgeRefusals?: { readonly rateLimited: number; readonly sourceNotAllowed: number };
}

const orderView = (o: Order) => ({
  ...o,
  amount: formatAmount(o.amount),
  refundedAmount: formatAmount(o.refundedAmount),
});
const refundView = (r: Refund) => ({ ...r, amount: formatAmount(r.amount) });
// An unauthenticated reject is a bounded record (admin-contract): no body, no headers.
const notificationView = (n: NotificationRecord) =>
  n.authenticated
    ? n
    : {
        id: n.id,
        receivedAt: n.receivedAt,
        verdict: n.verdict,
        reason: n.reason,
        source: n.source,
        size: n.size,
        sha256: n.sha256,
        prefix: n.prefix,
        billId: n.billId,
        status: n.status,
        resultCode: n.resultCode,
        authenticated: false,
      };

export function adminRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.use('/v1/admin', requireAdmin(deps.adminToken));
  router.use(webhookAdminRoutes(deps));

  router.get('/v1/admin/orders', async (req, res) => {
    const statuses = statusFilter(req.query.status);
    const orders = await deps.ledger.listOrders({
      limit: limitFilter(req.query.limit),
      ...(statuses ? { status: statuses } : {}),
      ...(typeof req.query.before === 'string' ? { before: req.query.before } : {}),
    });
    res.json({ orders: orders.map(orderView) });
  });

  router.get('/v1/admin/orders/:id', async (req, res) => {
    const order = await deps.ledger.getOrder(req.params.id);
    if (!order) throw new AppError('order_not_found', `no order ${req.params.id}`);
    const [events, notifications, refunds, webhooks] = await Promise.all([
      deps.ledger.listEvents(order.id),
      deps.ledger.listNotifications({ orderId: order.id, limit: 100 }),
      deps.ledger.listRefunds(order.id),
      deps.ledger.listWebhooks({ orderId: order.id, limit: 100 }),
    ]);
    res.json({
      order: orderView(order),
      events,
      notifications: notifications.map(notificationView),
      refunds: refunds.map(refundView),
      webhooks,
    });
  });

  router.post('/v1/admin/orders/:id/cancel', async (req, res) => {
    const actor = actorOf(res);
    const order = await deps.ledger.getOrder(req.params.id);
    if (!order) throw new AppError('order_not_found', `no order ${req.params.id}`);
    const bill = await deps.qiwi.cancelBill(order.id);
    const result = await deps.ledger.applyStatus(order.id, {
      to: bill.status,
      source: 'admin',
      at: deps.clock().toISOString(),
      detail: 'cancelled by admin',
      ...(actor ? { actor } : {}),
    });
    res.json({ order: orderView(result.order) });
  });

  router.post('/v1/admin/orders/:id/refunds', async (req, res) => {
    const { refund, settled } = await refundOrder(
      deps,
      req.params.id,
      (req.body ?? {}) as { amount?: unknown; refundId?: unknown },
      actorOf(res),
    );
    // 202: QIWI has the refund but did not confirm it yet; it stays processing and is checked again.
    res.status(settled ? 200 : 202).json({ refund: refundView(refund) });
  });

  router.get('/v1/admin/orders/:id/refunds/:refundId', async (req, res) => {
    res.json({ refund: refundView(await refreshRefund(deps, req.params.id, req.params.refundId)) });
  });

  router.get('/v1/admin/notifications', async (req, res) => {
    const verdict = req.query.verdict;
    if (verdict !== undefined && !(NOTIFICATION_VERDICTS as readonly unknown[]).includes(verdict))
      throw new AppError('invalid_verdict', `verdict must be ${NOTIFICATION_VERDICTS.join(', ')}`);
    const before = req.query.before;
    if (before !== undefined && !/^\d{1,15}$/.test(String(before)))
      throw new AppError('invalid_request', 'before must be the id of a notification record (digits)');
    const limit = limitFilter(req.query.limit);
    const notifications = await deps.ledger.listNotifications({
      limit,
      ...(verdict ? { verdict: verdict as NotificationVerdict } : {}),
      ...(typeof req.query.orderId === 'string' ? { orderId: req.query.orderId } : {}),
      ...(before !== undefined ? { before: Number(before) } : {}),
    });
    res.json({
      notifications: notifications.map(notificationView),
      next: notifications.length === limit ? String(notifications.at(-1)?.id) : null,
    });
  });

  // Unauthenticated rejects counted by result code (pruned records included), and what was refused
  // before a body was read since the process started.
  router.get('/v1/admin/notifications/rejections', async (_req, res) => {
    res.json({ recorded: await deps.ledger.rejectionCounts(), refusedAtEdge: deps.edgeRefusals ?? null });
  });

  router.post('/v1/admin/reconcile', async (_req, res) => {
    if (!deps.reconcile) throw new AppError('reconciler_disabled', 'the reconciler is not configured');
    res.json({ result: await deps.reconcile() });
  });

  return router;
}
