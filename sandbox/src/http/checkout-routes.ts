import type { Express, Request, Response } from 'express';
import type { BillEvent } from '../core/bill-state.js';
import { appendOrderParam, usableReturnUrl } from '../core/return-url.js';
import type { SandboxContext } from '../context.js';
import type { Merchant } from '../config/resolve-config.js';
import { checkReturnUrls } from '../domain/return-urls.js';
import type { BillRecord, Protocol } from '../domain/state.js';
import { present } from '../domain/validate-create.js';
import { checkoutBody } from './checkout-page.js';
import { sendRefusal } from './form-refusal.js';
import { allParams, queryParams, type Params } from './form-body.js';
import { markup, sendMessage, sendPage } from './html.js';

// Checkout of an existing bill on every path both specs list: Pull `/form` and `/order/external/main.action`
// (pull §3, §8.2), Bill `/order/form` (bill §8) and the pay_url pages `/?uid=…`, `/form/?invoice_uid=…`
// (bill §3). Empty values count as absent, because the Pull SDK always sends `successUrl=&failUrl=`.

export const PULL_CHECKOUT_PATHS = ['/form', '/order/external/main.action'];
export const BILL_CHECKOUT_PATH = '/order/form';

export function merchantOf(ctx: SandboxContext, bill: BillRecord): Merchant | undefined {
  return bill.protocol === 'pull'
    ? ctx.config.pull.find((m) => m.prvId === bill.prvId)
    : ctx.config.bill.find((m) => m.prvId === bill.prvId);
}

export function merchantName(ctx: SandboxContext, bill: BillRecord): string {
  if (bill.protocol === 'pull')
    return ctx.config.pull.find((m) => m.prvId === bill.prvId)?.projectName ?? bill.prvId;
  return `Merchant ${bill.prvId}`;
}

export function returnUrls(p: Params): { successUrl?: string; failUrl?: string } {
  const pick = (...values: Array<string | undefined>): string | undefined => values.find(present);
  return { successUrl: pick(p.successUrl, p.success_url), failUrl: pick(p.failUrl, p.fail_url) };
}

export function showCheckout(
  ctx: SandboxContext,
  res: Response,
  bill: BillRecord,
  p: Params,
  action: string,
  status = 200,
): void {
  const compact = p.embedded === 'true' || p.iframe === 'true';
  const body = checkoutBody(bill, {
    action,
    merchantName: merchantName(ctx, bill),
    ...returnUrls(p),
    paySource: present(p.pay_source) ? p.pay_source : undefined,
  });
  sendPage(res, status, `Pay bill ${bill.billId} — QIWI sandbox`, body, compact);
}

function lookup(ctx: SandboxContext, p: Params, preferred: Protocol): BillRecord | undefined {
  const uid = p.uid ?? p.invoice_uid;
  if (present(uid)) return ctx.ledger.findByUid(uid);
  if (!present(p.shop) || !present(p.transaction)) return undefined;
  const other: Protocol = preferred === 'pull' ? 'bill' : 'pull';
  return ctx.ledger.find(preferred, p.shop, p.transaction) ?? ctx.ledger.find(other, p.shop, p.transaction);
}

const OUTCOME_EVENTS: Record<string, { event: BillEvent; method?: string; redirect?: 'success' | 'fail' }> = {
  wallet: { event: 'pay', method: 'qw', redirect: 'success' },
  card: { event: 'pay', method: 'card' },
  error: { event: 'payment-error', redirect: 'fail' },
  decline: { event: 'decline', redirect: 'fail' },
};

function handleGet(ctx: SandboxContext, preferred: Protocol) {
  return (req: Request, res: Response): void => {
    const p = queryParams(req);
    const hasKey = present(p.uid) || present(p.invoice_uid) || (present(p.shop) && present(p.transaction));
    if (!hasKey) {
      if (req.path === '/') return sendHome(res);
      return sendMessage(
        res,
        400,
        'Bill not specified',
        'This page needs shop and transaction (or uid).',
        'Build the checkout URL as pull-rest-api-2.1.md §8.2 shows.',
      );
    }
    const bill = lookup(ctx, p, preferred);
    if (!bill)
      return sendMessage(
        res,
        404,
        'Bill not found',
        'No bill matches these parameters.',
        'Create the bill first (REST PUT or the web form).',
      );
    // pull §8.2: successUrl/failUrl must be on the merchant's site (siteOrigins, when configured).
    const returnCheck = checkReturnUrls(merchantOf(ctx, bill) ?? {}, returnUrls(p));
    if (!returnCheck.ok)
      return sendRefusal(res, { reason: 'foreign-return-url', ...returnCheck }, bill.protocol);
    showCheckout(ctx, res, bill, p, req.path);
  };
}

function handlePost(ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    const p = allParams(req);
    const bill = lookup(ctx, p, 'pull');
    if (!bill)
      return sendMessage(
        res,
        404,
        'Bill not found',
        'The bill of this form no longer exists.',
        'Was the sandbox reset? Create the bill again.',
      );
    const { successUrl, failUrl } = returnUrls(p);
    const returnCheck = checkReturnUrls(merchantOf(ctx, bill) ?? {}, { successUrl, failUrl });
    if (!returnCheck.ok)
      return sendRefusal(res, { reason: 'foreign-return-url', ...returnCheck }, bill.protocol);
    const outcome = p.outcome ?? '';
    if (outcome === 'leave') {
      return sendMessage(res, 200, 'You left the checkout', `Bill ${bill.billId} is still ${bill.status}.`);
    }
    const plan = OUTCOME_EVENTS[outcome];
    if (!plan)
      return sendMessage(
        res,
        400,
        'Unknown choice',
        `"${outcome}" is not an outcome of this page.`,
        'Use one of the buttons.',
      );
    const result = ctx.ledger.transition(bill, plan.event, `checkout: ${outcome}`, plan.method);
    if (!result.ok || !result.changed) {
      return sendMessage(
        res,
        409,
        'Bill cannot be paid',
        `Bill ${bill.billId} is ${bill.status}; nothing was changed.`,
      );
    }
    ctx.log(`checkout ${bill.billId}: ${outcome} → ${bill.status}`);
    // pull §8.3: only a wallet-balance payment (or its failure) returns to the merchant, with order=<bill_id>.
    const target = usableReturnUrl(
      plan.redirect === 'success' ? successUrl : plan.redirect === 'fail' ? failUrl : undefined,
    );
    if (target) {
      res.redirect(302, appendOrderParam(target, bill.billId));
      return;
    }
    const text =
      outcome === 'card'
        ? `Paid by card. Bill ${bill.billId} is ${bill.status}; card payments do not return to the shop.`
        : `Bill ${bill.billId} is now ${bill.status}.`;
    sendMessage(res, 200, bill.status === 'paid' ? 'Payment received' : 'Payment not completed', text);
  };
}

function sendHome(res: Response): void {
  sendPage(
    res,
    200,
    'QIWI sandbox',
    markup`<h1>QIWI sandbox</h1>
      <p>
        This origin emulates QIWI Pull REST API 2.1 and Bill Payments REST API 1.0.0: REST under
        <code>/api/</code>, the web forms <code>/order/external/create.action</code> and
        <code>/form/create</code>, the checkout pages, and the control API under
        <a href="/__sandbox/health"><code>/__sandbox/</code></a
        >.
      </p>`,
  );
}

export function registerCheckout(app: Express, ctx: SandboxContext): void {
  app.get([...PULL_CHECKOUT_PATHS, '/'], handleGet(ctx, 'pull'));
  app.get(BILL_CHECKOUT_PATH, handleGet(ctx, 'bill'));
  app.post([...PULL_CHECKOUT_PATHS, BILL_CHECKOUT_PATH, '/'], handlePost(ctx));
}
