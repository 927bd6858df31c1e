import type { Express, Request, Response } from 'express';
import { describeResult } from '../core/result-codes.js';
import type { SandboxContext } from '../context.js';
import type { BillMerchant } from '../config/resolve-config.js';
import { openBillPayForm, type PromptError } from '../domain/form-operations.js';
import { present } from '../domain/validate-create.js';
import { BILL_CHECKOUT_PATH, returnUrls, showCheckout } from './checkout-routes.js';
import { sendRefusal } from './form-refusal.js';
import { allParams, type Params } from './form-body.js';
import { markup, sendPage } from './html.js';
import { promptBody, type PromptField } from './prompt-page.js';

// bill-payments-rest-api-1.0.0.md §6: GET|POST /form/create in simple and signed modes. The rules live
// in the domain (openBillPayForm); this file renders its answer: the checkout, the identification prompt
// (§6.4: confirming stands in for the SMS code), or an error page (403 for a bad signature).

export const BILL_PAYFORM_PATH = '/form/create';

function promptMessage(error: PromptError): string {
  return error.field === 'phone' && error.code === 303
    ? `${describeResult(303)}: enter the phone number as +79161234567.`
    : error.field === 'phone'
      ? `${describeResult(error.code)}: try another phone number.`
      : `${describeResult(error.code)}: check the amount.`;
}

function prompt(res: Response, merchant: BillMerchant, p: Params, error?: PromptError): void {
  const fields: PromptField[] = [];
  if (!present(p.amount) || error?.field === 'amount') {
    fields.push({
      name: 'amount',
      label: `Amount (${merchant.publicKeyCurrency})`,
      type: 'text',
      inputmode: 'decimal',
      required: true,
      hint: 'For example 100.00',
    });
  }
  if ((!present(p.phone) && !present(p.email) && !present(p.user_id)) || error?.field === 'phone') {
    fields.push({
      name: 'phone',
      label: 'QIWI Wallet phone number',
      type: 'tel',
      inputmode: 'tel',
      required: true,
      hint: 'International format, e.g. +79161234567. Confirming stands in for the SMS code.',
    });
  }
  sendPage(
    res,
    error ? 400 : 200,
    'Confirm payment — QIWI sandbox',
    promptBody({
      title: 'Confirm payment',
      action: BILL_PAYFORM_PATH,
      params: p,
      fields,
      error: error && promptMessage(error),
      submitLabel: 'Confirm',
      summary: markup`<p>
        Merchant ${merchant.prvId} asks you to
        pay${present(p.amount) ? ` ${p.amount} ${merchant.publicKeyCurrency}` : ''}.
      </p>`,
    }),
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
    if (outcome.kind === 'refused') return sendRefusal(res, outcome.refusal, 'bill');
    if (outcome.kind === 'prompt') return prompt(res, outcome.merchant, p, outcome.error);
    ctx.log(`pay form → bill ${outcome.bill.billId} (${present(p.sign) ? 'signed' : 'simple'})`);
    showCheckout(ctx, res, outcome.bill, p, BILL_CHECKOUT_PATH);
  };
}

export function registerBillPayform(app: Express, ctx: SandboxContext): void {
  app.get(BILL_PAYFORM_PATH, handle(ctx));
  app.post(BILL_PAYFORM_PATH, handle(ctx));
}
