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
import { sendMessage, sendPage, type PageOptions } from './html.js';
import { pickLang, switchHref, type Lang } from './pages/lang.js';
import { MESSAGES } from './pages/messages.js';

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

/** pull §5.1: `prv_name` is the "merchant name to show the payer"; else the account's project name. */
export function merchantName(ctx: SandboxContext, bill: BillRecord): string {
  return bill.prvName || merchantOf(ctx, bill)?.projectName || `Merchant ${bill.prvId}`;
}

export function returnUrls(p: Params): { successUrl?: string; failUrl?: string } {
  const pick = (...values: Array<string | undefined>): string | undefined => values.find(present);
  return { successUrl: pick(p.successUrl, p.success_url), failUrl: pick(p.failUrl, p.fail_url) };
}

/** Language, brand and the link to the same page in the other language. */
export function pageOptions(lang: Lang, switchTo?: string): PageOptions {
  const t = MESSAGES[lang];
  return {
    lang,
    brand: t.brand,
    switchTo: switchTo
      ? { href: switchTo, label: t.otherLanguage.label, lang: t.otherLanguage.lang }
      : undefined,
  };
}

export function requestLang(req: Request, p: Params): Lang {
  return pickLang(p, req.get('accept-language'));
}

export function showCheckout(
  ctx: SandboxContext,
  req: Request,
  res: Response,
  bill: BillRecord,
  p: Params,
  action: string,
  status = 200,
): void {
  const lang = requestLang(req, p);
  const compact = p.embedded === 'true' || p.iframe === 'true';
  const urls = returnUrls(p);
  const body = checkoutBody(bill, {
    action,
    lang,
    merchantName: merchantName(ctx, bill),
    ...urls,
    paySource: present(p.pay_source) ? p.pay_source : undefined,
  });
  // The switch link names the bill itself, so it never re-submits a form that would create a bill.
  const stable: Params = { shop: bill.prvId, transaction: bill.billId };
  if (urls.successUrl) stable.successUrl = urls.successUrl;
  if (urls.failUrl) stable.failUrl = urls.failUrl;
  if (present(p.pay_source)) stable.pay_source = p.pay_source;
  if (compact) stable.embedded = 'true';
  const path = bill.protocol === 'pull' ? (PULL_CHECKOUT_PATHS[0] ?? '/form') : BILL_CHECKOUT_PATH;
  sendPage(res, status, `${MESSAGES[lang].payBill(bill.billId)} — ${merchantName(ctx, bill)}`, body, {
    ...pageOptions(lang, switchHref(path, stable, MESSAGES[lang].otherLanguage.lang)),
    compact,
  });
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

function handleGet(ctx: SandboxContext, preferred: Protocol, home?: (req: Request, res: Response) => void) {
  return (req: Request, res: Response): void => {
    const p = queryParams(req);
    const hasKey = present(p.uid) || present(p.invoice_uid) || (present(p.shop) && present(p.transaction));
    if (!hasKey && req.path === '/' && home) return home(req, res);
    const lang = requestLang(req, p);
    const t = MESSAGES[lang];
    if (!hasKey) {
      const e = t.errors.notSpecified;
      return sendMessage(res, 400, e.title, e.message, e.hint, pageOptions(lang));
    }
    const bill = lookup(ctx, p, preferred);
    if (!bill) {
      const e = t.errors.notFound;
      return sendMessage(res, 404, e.title, e.message, e.hint, pageOptions(lang));
    }
    // pull §8.2: successUrl/failUrl must be on the merchant's site (siteOrigins, when configured).
    const returnCheck = checkReturnUrls(merchantOf(ctx, bill) ?? {}, returnUrls(p));
    if (!returnCheck.ok)
      return sendRefusal(
        res,
        { reason: 'foreign-return-url', ...returnCheck },
        bill.protocol,
        requestLang(req, p),
      );
    showCheckout(ctx, req, res, bill, p, req.path);
  };
}

/**
 * After an outcome that does not redirect (pull §8.3: card payments, leaving, or no return URL given),
 * the page still offers a link back to the shop: successUrl after a payment, failUrl otherwise.
 */
function backLink(bill: BillRecord, urls: { successUrl?: string; failUrl?: string }, lang: Lang) {
  const target = usableReturnUrl(
    bill.status === 'paid' ? (urls.successUrl ?? urls.failUrl) : (urls.failUrl ?? urls.successUrl),
  );
  return target
    ? { href: appendOrderParam(target, bill.billId), label: MESSAGES[lang].backToShop }
    : undefined;
}

function handlePost(ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    const p = allParams(req);
    const lang = requestLang(req, p);
    const t = MESSAGES[lang];
    const bill = lookup(ctx, p, 'pull');
    if (!bill) {
      const e = t.errors.gone;
      return sendMessage(res, 404, e.title, e.message, e.hint, pageOptions(lang));
    }
    const urls = returnUrls(p);
    const returnCheck = checkReturnUrls(merchantOf(ctx, bill) ?? {}, urls);
    if (!returnCheck.ok)
      return sendRefusal(res, { reason: 'foreign-return-url', ...returnCheck }, bill.protocol, lang);
    const page = { ...pageOptions(lang), backTo: backLink(bill, urls, lang) };
    const outcome = p.outcome ?? '';
    if (outcome === 'leave') {
      return sendMessage(
        res,
        200,
        t.leftTitle,
        t.stillStatus(bill.billId, t.statusName[bill.status]),
        undefined,
        page,
      );
    }
    const plan = OUTCOME_EVENTS[outcome];
    if (!plan) {
      const e = t.errors.unknownChoice;
      return sendMessage(res, 400, e.title, e.message(outcome), e.hint, page);
    }
    const result = ctx.ledger.transition(bill, plan.event, `checkout: ${outcome}`, plan.method);
    if (!result.ok || !result.changed) {
      return sendMessage(
        res,
        409,
        t.cannotPayTitle,
        t.cannotPay(bill.billId, t.statusName[bill.status]),
        undefined,
        page,
      );
    }
    ctx.log(`checkout ${bill.billId}: ${outcome} → ${bill.status}`);
    // pull §8.3: only a wallet-balance payment (or its failure) returns to the merchant, with order=<bill_id>.
    const target = usableReturnUrl(
      plan.redirect === 'success' ? urls.successUrl : plan.redirect === 'fail' ? urls.failUrl : undefined,
    );
    if (target) {
      res.redirect(302, appendOrderParam(target, bill.billId));
      return;
    }
    const status = t.statusName[bill.status];
    const text = outcome === 'card' ? t.paidByCard(bill.billId, status) : t.nowStatus(bill.billId, status);
    sendMessage(res, 200, bill.status === 'paid' ? t.paidTitle : t.notCompletedTitle, text, undefined, {
      ...page,
      backTo: backLink(bill, urls, lang),
    });
  };
}

/** `home` answers GET / without a bill key (the bills page). */
export function registerCheckout(
  app: Express,
  ctx: SandboxContext,
  home?: (req: Request, res: Response) => void,
): void {
  app.get([...PULL_CHECKOUT_PATHS, '/'], handleGet(ctx, 'pull', home));
  app.get(BILL_CHECKOUT_PATH, handleGet(ctx, 'bill'));
  app.post([...PULL_CHECKOUT_PATHS, BILL_CHECKOUT_PATH, '/'], handlePost(ctx));
}
