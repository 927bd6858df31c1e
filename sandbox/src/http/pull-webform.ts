import type { Express, Request, Response } from 'express';
import type { SandboxContext } from '../context.js';
import type { PullMerchant } from '../config/resolve-config.js';
import type { PromptError } from '../domain/form-outcome.js';
import { openPullWebForm } from '../domain/pull-web-form.js';
import { present } from '../domain/validate-create.js';
import { PULL_CHECKOUT_PATHS, returnUrls, showCheckout } from './checkout-routes.js';
import { sendRefusal } from './form-refusal.js';
import { allParams, type Params } from './form-body.js';
import { markup, sendPage } from './html.js';
import { promptBody, type PromptField } from './prompt-page.js';
import { pageOptions, requestLang } from './checkout-routes.js';
import { switchHref, type Lang } from './pages/lang.js';
import { MESSAGES } from './pages/messages.js';
import { formatMoney } from './pages/people-format.js';
import { parseAmount } from '../core/money.js';

// pull-rest-api-2.1.md §7: GET|POST /order/external/create.action. The rules live in the domain
// (openPullWebForm); this file renders its answer: the checkout on the same response (§7.5), the
// "what is missing" prompt (§7.1, §7.3), or an error page (403 for a bad signature, nothing created).

export const PULL_WEBFORM_PATH = '/order/external/create.action';

function promptMessage(error: PromptError, lang: Lang): string {
  const t = MESSAGES[lang];
  const advice = error.field === 'amount' ? t.checkAmount : error.code === 303 ? t.fixPhone : t.tryOtherPhone;
  return `${t.result(error.code)}: ${advice}`;
}

function prompt(req: Request, res: Response, merchant: PullMerchant, p: Params, error?: PromptError): void {
  const lang = requestLang(req, p);
  const t = MESSAGES[lang];
  const fields: PromptField[] = [];
  if (!present(p.to) || error?.field === 'phone') {
    fields.push({
      name: 'to',
      label: t.phoneLabel,
      type: 'tel',
      inputmode: 'tel',
      required: true,
      hint: t.phoneHint,
    });
  }
  const ccy = p.currency ?? 'RUB';
  if (!present(p.summ) || error?.field === 'amount') {
    fields.push({
      name: 'summ',
      label: t.amountLabel(ccy),
      type: 'text',
      inputmode: 'decimal',
      required: true,
      hint: t.amountHint,
    });
  }
  // §7.3: when both `comm` and `to` are absent the form also offers a comment field.
  if (!present(p.comm) && !present(p.to))
    fields.push({ name: 'comm', label: t.commentLabel, type: 'text', required: false });
  const amount = parseAmount(p.summ);
  const shown = amount.ok && /^[A-Z]{3}$/.test(ccy) ? formatMoney(amount.minor, ccy, lang) : undefined;
  sendPage(
    res,
    error ? 400 : 200,
    `${t.createTitle} — ${merchant.projectName}`,
    promptBody({
      title: merchant.projectName,
      lead: t.createTitle,
      action: PULL_WEBFORM_PATH,
      params: { ...p, lang },
      fields,
      error: error && promptMessage(error, lang),
      submitLabel: t.createSubmit,
      summary: markup`<p>${t.asksToPay(merchant.projectName, shown)}</p>`,
    }),
    pageOptions(lang, switchHref(PULL_WEBFORM_PATH, p, t.otherLanguage.lang)),
  );
}

function handle(ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    const p = allParams(req);
    const outcome = openPullWebForm(
      { ledger: ctx.ledger, config: ctx.config, now: ctx.clock.now() },
      p,
      returnUrls(p),
    );
    if (outcome.kind === 'refused') return sendRefusal(res, outcome.refusal, 'pull', requestLang(req, p));
    if (outcome.kind === 'prompt') return prompt(req, res, outcome.merchant, p, outcome.error);
    ctx.log(`web form → pull bill ${outcome.bill.billId} (${present(p.sign) ? 'signed' : 'unsigned'})`);
    showCheckout(ctx, req, res, outcome.bill, p, PULL_CHECKOUT_PATHS[0] ?? '/form');
  };
}

export function registerPullWebform(app: Express, ctx: SandboxContext): void {
  app.get(PULL_WEBFORM_PATH, handle(ctx));
  app.post(PULL_WEBFORM_PATH, handle(ctx));
}
