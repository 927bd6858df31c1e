import type { Express, Request, Response } from 'express';
import type { SandboxContext } from '../context.js';
import type { BillMerchant } from '../config/resolve-config.js';
import type { PromptError } from '../domain/form-outcome.js';
import { openBillPayForm } from '../domain/bill-pay-form.js';
import { present } from '../domain/validate-create.js';
import { BILL_CHECKOUT_PATH, returnUrls, showCheckout } from './checkout-routes.js';
import { sendRefusal } from './form-refusal.js';
import { allParams, type Params } from './form-body.js';
import { markup, sendPage } from './html.js';
import { promptBody, type PromptField } from './prompt-page.js';
import { pageOptions, requestLang } from './checkout-routes.js';
import { switchHref, type Lang } from './pages/lang.js';
import { MESSAGES } from './pages/messages.js';
import { formatMoney } from './pages/people-format.js';
import { parseAmount } from '../core/money.js';

// bill-payments-rest-api-1.0.0.md §6: GET|POST /form/create in simple and signed modes. The rules live
// in the domain (openBillPayForm); this file renders its answer: the checkout, the identification prompt
// (§6.4: confirming stands in for the SMS code), or an error page (403 for a bad signature).

export const BILL_PAYFORM_PATH = '/form/create';

function promptMessage(error: PromptError, lang: Lang): string {
  const t = MESSAGES[lang];
  const advice = error.field === 'amount' ? t.checkAmount : error.code === 303 ? t.fixPhone : t.tryOtherPhone;
  return `${t.result(error.code)}: ${advice}`;
}

function prompt(req: Request, res: Response, merchant: BillMerchant, p: Params, error?: PromptError): void {
  const lang = requestLang(req, p);
  const t = MESSAGES[lang];
  const ccy = merchant.publicKeyCurrency;
  const name = merchant.projectName ?? `Merchant ${merchant.prvId}`;
  const fields: PromptField[] = [];
  if (!present(p.amount) || error?.field === 'amount') {
    fields.push({
      name: 'amount',
      label: t.amountLabel(ccy),
      type: 'text',
      inputmode: 'decimal',
      required: true,
      hint: t.amountHint,
    });
  }
  if ((!present(p.phone) && !present(p.email) && !present(p.user_id)) || error?.field === 'phone') {
    fields.push({
      name: 'phone',
      label: t.phoneLabel,
      type: 'tel',
      inputmode: 'tel',
      required: true,
      hint: t.phoneHintSms,
    });
  }
  const amount = parseAmount(p.amount);
  sendPage(
    res,
    error ? 400 : 200,
    `${t.confirmTitle} — ${name}`,
    promptBody({
      title: name,
      lead: t.confirmTitle,
      action: BILL_PAYFORM_PATH,
      params: { ...p, lang },
      fields,
      error: error && promptMessage(error, lang),
      submitLabel: t.confirmSubmit,
      summary: markup`<p>${t.asksToPay(name, amount.ok ? formatMoney(amount.minor, ccy, lang) : undefined)}</p>`,
    }),
    pageOptions(lang, switchHref(BILL_PAYFORM_PATH, p, t.otherLanguage.lang)),
  );
}

function handle(ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    const p = allParams(req);
    const outcome = openBillPayForm(
      { ledger: ctx.ledger, config: ctx.config, now: ctx.clock.now() },
      p,
      returnUrls(p),
    );
    if (outcome.kind === 'refused') return sendRefusal(res, outcome.refusal, 'bill', requestLang(req, p));
    if (outcome.kind === 'prompt') return prompt(req, res, outcome.merchant, p, outcome.error);
    ctx.log(`pay form → bill ${outcome.bill.billId} (${present(p.sign) ? 'signed' : 'simple'})`);
    showCheckout(ctx, req, res, outcome.bill, p, BILL_CHECKOUT_PATH);
  };
}

export function registerBillPayform(app: Express, ctx: SandboxContext): void {
  app.get(BILL_PAYFORM_PATH, handle(ctx));
  app.post(BILL_PAYFORM_PATH, handle(ctx));
}
