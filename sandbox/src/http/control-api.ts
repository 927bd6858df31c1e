import express, { type Request, type Response, type Router } from 'express';
import { durationFromBody } from '../core/duration.js';
import type { SandboxContext } from '../context.js';
import { triggerBill } from '../domain/control-operations.js';
import { addFault, clearFaults, deleteFault } from '../domain/faults.js';
import { addMerchant } from '../domain/merchant-registry.js';
import type { BillRecord } from '../domain/state.js';
import { billsPageActions } from './bills-page-actions.js';
import { billView, deliveryView, newMerchantView, origin } from './control-view.js';

// The sandbox's own JSON API under /__sandbox/ (not part of either QIWI spec): inspect bills, force
// transitions, move the clock, inspect and resend deliveries, reset, and script faults.

export interface ControlHooks {
  reset(): void;
}

function problem(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

function body(req: Request): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
}

function findBills(ctx: SandboxContext, req: Request): BillRecord[] {
  const id = String(req.params.id ?? '');
  const protocol = typeof req.query.protocol === 'string' ? req.query.protocol : undefined;
  const prvId = typeof req.query.prv_id === 'string' ? req.query.prv_id : undefined;
  return ctx.ledger
    .all()
    .filter((b) => b.key === id || b.uid === id || b.billId === id)
    .filter((b) => (protocol ? b.protocol === protocol : true) && (prvId ? b.prvId === prvId : true));
}

function oneBill(ctx: SandboxContext, req: Request, res: Response): BillRecord | undefined {
  const found = findBills(ctx, req);
  if (found.length === 1) return found[0];
  if (found.length === 0)
    problem(res, 404, 'BILL_NOT_FOUND', `No bill "${req.params.id}". List them with GET /__sandbox/bills.`);
  else
    problem(
      res,
      409,
      'BILL_AMBIGUOUS',
      `Several bills are called "${req.params.id}"; add ?protocol=pull|bill or ?prv_id=…, or use the bill key.`,
    );
  return undefined;
}

export function controlApi(ctx: SandboxContext, hooks: ControlHooks): Router {
  const router = express.Router();
  router.use('/ui', billsPageActions(ctx, hooks));
  router.use(express.json({ limit: '100kb' }));
  const now = (): string => new Date(ctx.clock.now()).toISOString();

  router.get('/health', (_req, res) => {
    res.json({
      ok: true,
      now: now(),
      bills: ctx.state.bills.size,
      deliveries: ctx.state.deliveries.length,
      httpStatusProfile: ctx.config.httpStatusProfile,
      timeFactor: ctx.config.timeFactor,
    });
  });

  router.get('/merchants', (_req, res) => {
    res.json({
      pull: ctx.config.pull.map((m) => ({
        prvId: m.prvId,
        projectName: m.projectName,
        apiIds: m.api.map((a) => a.apiId),
        notificationUrl: m.notification.url ?? null,
        notificationAuth: m.notification.auth,
        currencies: m.currencies,
        siteOrigins: m.siteOrigins ?? null,
      })),
      bill: ctx.config.bill.map((m) => ({
        prvId: m.prvId,
        apiId: m.apiId,
        publicKey: m.publicKey,
        publicKeyCurrency: m.publicKeyCurrency,
        profile: m.profile,
        projectName: m.projectName ?? null,
        notificationUrl: m.notification.url ?? null,
        currencies: m.currencies,
        siteOrigins: m.siteOrigins ?? null,
      })),
    });
  });

  // A second merchant server's own account: ids and secrets generated, shown in this answer only.
  router.post('/merchants', (req, res) => {
    const made = addMerchant(ctx.config, body(req));
    if (typeof made === 'string') return problem(res, 400, 'BAD_MERCHANT', made);
    ctx.log(`control: new ${made.protocol} merchant ${made.merchant.prvId}`);
    res.status(201).json(newMerchantView(made));
  });

  router.get('/bills', (req, res) => {
    const { protocol, status, prv_id: prvId } = req.query;
    const bills = ctx.ledger
      .all()
      .filter((b) => (typeof protocol === 'string' ? b.protocol === protocol : true))
      .filter((b) => (typeof status === 'string' ? b.status === status : true))
      .filter((b) => (typeof prvId === 'string' ? b.prvId === prvId : true));
    res.json({ bills: bills.map((b) => billView(b, ctx.state, origin(req))) });
  });

  router.get('/bills/:id', (req, res) => {
    const bill = oneBill(ctx, req, res);
    if (bill) res.json({ bill: billView(bill, ctx.state, origin(req)) });
  });

  router.post('/bills/:id/transition', (req, res) => {
    const bill = oneBill(ctx, req, res);
    if (!bill) return;
    const result = triggerBill(ctx.ledger, bill, body(req));
    if (!result.ok)
      return problem(
        res,
        result.kind === 'bad-status' ? 400 : 409,
        result.kind === 'bad-status' ? 'BAD_STATUS' : 'NOT_ALLOWED',
        result.message,
      );
    res.json({ bill: billView(bill, ctx.state, origin(req)) });
  });

  router.post('/bills/:id/refunds/:refundId/transition', (req, res) => {
    const bill = oneBill(ctx, req, res);
    if (!bill) return;
    const refund = bill.refunds.find((r) => r.refundId === req.params.refundId);
    if (!refund)
      return problem(
        res,
        404,
        'REFUND_NOT_FOUND',
        `Bill ${bill.billId} has no refund "${req.params.refundId}".`,
      );
    const { status } = body(req);
    if (status !== 'success' && status !== 'fail')
      return problem(res, 400, 'BAD_STATUS', 'status must be "success" or "fail".');
    if (refund.status !== 'processing')
      return problem(res, 409, 'NOT_ALLOWED', `Refund is already ${refund.status}.`);
    ctx.ledger.settleRefund(bill, refund, status);
    res.json({ bill: billView(bill, ctx.state, origin(req)) });
  });

  router.get('/clock', (_req, res) => {
    res.json({ now: now(), timeFactor: ctx.config.timeFactor });
  });

  router.post('/clock/advance', (req, res) => {
    const ms = durationFromBody(body(req));
    if (ms === null)
      return problem(
        res,
        400,
        'BAD_DURATION',
        'Send {"ms"|"seconds"|"minutes"|"hours"|"days": number} or {"duration": "45d"}.',
      );
    ctx.clock.advance(ms);
    ctx.ledger.sweep();
    res.json({ now: now(), advancedMs: ms });
  });

  router.get('/deliveries', (req, res) => {
    const billId = typeof req.query.billId === 'string' ? req.query.billId : undefined;
    const list = ctx.state.deliveries.filter((d) => (billId ? d.billId === billId : true));
    res.json({ deliveries: list.map(deliveryView) });
  });

  router.post('/deliveries/deliver-now', async (_req, res) => {
    await ctx.notifier.deliverNow();
    res.json({ deliveries: ctx.state.deliveries.map(deliveryView) });
  });

  router.get('/deliveries/:id', (req, res) => {
    const delivery = ctx.state.deliveries.find((d) => d.id === req.params.id);
    if (!delivery)
      return problem(
        res,
        404,
        'DELIVERY_NOT_FOUND',
        `No delivery "${req.params.id}". List them with GET /__sandbox/deliveries.`,
      );
    res.json({ delivery: deliveryView(delivery) });
  });

  router.post('/deliveries/:id/resend', async (req, res) => {
    const delivery = ctx.state.deliveries.find((d) => d.id === req.params.id);
    if (!delivery) return problem(res, 404, 'DELIVERY_NOT_FOUND', `No delivery "${req.params.id}".`);
    if (!delivery.url)
      return problem(
        res,
        409,
        'NO_URL',
        'The merchant has no notification URL; set it in the config or with --notify-url.',
      );
    const attempt = await ctx.notifier.resend(delivery.id);
    res.json({ attempt, delivery: deliveryView(delivery) });
  });

  router.get('/emails', (_req, res) => {
    res.json({ emails: ctx.state.emails });
  });

  router.post('/reset', (_req, res) => {
    hooks.reset();
    res.json({ ok: true, now: now() });
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: ctx.state.faults });
  });

  router.post('/faults', (req, res) => {
    const rule = addFault(ctx.state, body(req), now());
    if (typeof rule === 'string') return problem(res, 400, 'BAD_FAULT', rule);
    res.status(201).json({ fault: rule });
  });

  router.delete('/faults', (_req, res) => {
    clearFaults(ctx.state);
    res.json({ faults: [] });
  });

  router.delete('/faults/:id', (req, res) => {
    if (!deleteFault(ctx.state, req.params.id))
      return problem(res, 404, 'FAULT_NOT_FOUND', `No fault "${req.params.id}".`);
    res.json({ faults: ctx.state.faults });
  });

  router.use((_req: Request, res: Response) =>
    problem(res, 404, 'NOT_FOUND', 'Unknown control route; see sandbox/README.md.'),
  );
  return router;
}
