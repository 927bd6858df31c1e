import express, { type Request, type Response, type Router } from 'express';
import { parseDuration } from '../core/duration.js';
import type { SandboxContext } from '../context.js';
import { triggerBill } from '../domain/control-operations.js';
import { addFault, clearFaults, deleteFault } from '../domain/faults.js';
import { addMerchant } from '../domain/merchant-registry.js';
import type { ControlHooks } from './control-api.js';
import { newMerchantView } from './control-view.js';
import { markup, sendPage } from './html.js';

// The bills page's forms (bills-page.ts), mounted under the guarded /__sandbox router at /ui: the CLI's
// actions through the same domain operations. Each answers 303 back to the page with a notice.

/** The page's forms; mounted under the guarded /__sandbox router. Each answers 303 back to the page. */
export function billsPageActions(ctx: SandboxContext, hooks: ControlHooks): Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '20kb' }));
  const back = (res: Response, notice: string): void => {
    res.redirect(303, `/?notice=${encodeURIComponent(notice)}`);
  };
  const field = (req: Request, name: string): string | undefined => {
    const value: unknown = (req.body as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  router.post('/bills/:key/trigger', (req, res) => {
    const bill = ctx.state.bills.get(req.params.key);
    if (!bill) return back(res, `No bill ${req.params.key}.`);
    const result = triggerBill(ctx.ledger, bill, {
      status: field(req, 'status'),
      force: field(req, 'force') === 'true',
    });
    back(res, result.ok ? `Bill ${bill.billId} is ${bill.status}.` : result.message);
  });
  router.post('/deliveries/:id/resend', async (req, res) => {
    const attempt = await ctx.notifier.resend(req.params.id);
    back(
      res,
      attempt
        ? `Delivery ${req.params.id}: ${attempt.outcome} (${attempt.reason}).`
        : `No delivery ${req.params.id} with a URL.`,
    );
  });
  router.post('/deliver-now', async (_req, res) => {
    await ctx.notifier.deliverNow();
    back(res, 'Pending notifications were sent.');
  });
  router.post('/advance', (req, res) => {
    const ms = parseDuration(field(req, 'duration') ?? '');
    if (ms === null) return back(res, 'Give a duration such as 90s, 15m, 2h, 45d or 1d12h.');
    ctx.clock.advance(ms);
    ctx.ledger.sweep();
    back(res, `Clock advanced by ${field(req, 'duration')}.`);
  });
  router.post('/reset', (_req, res) => {
    hooks.reset();
    back(res, 'Bills, deliveries, e-mails and faults were forgotten.');
  });
  router.post('/faults', (req, res) => {
    const [target, kind] = (field(req, 'kind') ?? '').split(':');
    const number = (name: string): number | undefined => {
      const value = field(req, name);
      return value === undefined ? undefined : Number(value);
    };
    const rule = addFault(
      ctx.state,
      {
        target,
        kind,
        code: number('code'),
        times: number('times'),
        match: field(req, 'match'),
        delayMs: number('delayMs'),
      },
      new Date(ctx.clock.now()).toISOString(),
    );
    back(res, typeof rule === 'string' ? rule : `Fault ${rule.id} added.`);
  });
  // The new account's secrets are shown on this one answer (no redirect, so they never sit in a URL).
  router.post('/merchants', (req, res) => {
    const made = addMerchant(ctx.config, {
      protocol: field(req, 'protocol'),
      notifyUrl: field(req, 'notifyUrl'),
      projectName: field(req, 'projectName'),
    });
    if (typeof made === 'string') return back(res, made);
    const view = newMerchantView(made);
    const env = Object.entries(view.serverEnv as Record<string, string>).map(
      ([name, value]) => `${name}=${value}`,
    );
    sendPage(
      res,
      201,
      'New merchant account — QIWI sandbox',
      markup`<h1>New ${made.protocol} account ${made.merchant.prvId}</h1>
        <p role="status">Copy these now: the secrets are not shown again.</p>
        <pre>${env.join('\n')}</pre>
        <p><a href="/">Back to the bills</a></p>`,
    );
  });
  router.post('/faults/clear', (_req, res) => {
    clearFaults(ctx.state);
    back(res, 'Every fault rule was deleted.');
  });
  router.post('/faults/:id/delete', (req, res) => {
    back(
      res,
      deleteFault(ctx.state, req.params.id)
        ? `Fault ${req.params.id} deleted.`
        : `No fault ${req.params.id}.`,
    );
  });
  return router;
}
