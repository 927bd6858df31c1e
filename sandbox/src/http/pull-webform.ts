import type { Express, Request, Response } from 'express';
import { describeResult } from '../core/result-codes.js';
import type { SandboxContext } from '../context.js';
import type { PullMerchant } from '../config/resolve-config.js';
import { openPullWebForm, type PromptError } from '../domain/form-operations.js';
import { present } from '../domain/validate-create.js';
import { PULL_CHECKOUT_PATHS, returnUrls, showCheckout } from './checkout-routes.js';
import { sendRefusal } from './form-refusal.js';
import { allParams, type Params } from './form-body.js';
import { markup, sendPage } from './html.js';
import { promptBody, type PromptField } from './prompt-page.js';

// pull-rest-api-2.1.md §7: GET|POST /order/external/create.action. The rules live in the domain
// (openPullWebForm); this file renders its answer: the checkout on the same response (§7.5), the
// "what is missing" prompt (§7.1, §7.3), or an error page (403 for a bad signature, nothing created).

export const PULL_WEBFORM_PATH = '/order/external/create.action';

function promptMessage(error: PromptError): string {
  return error.field === 'phone' && error.code === 303
    ? `${describeResult(303)}: enter the phone number as +79161234567.`
    : error.field === 'phone'
      ? `${describeResult(error.code)}: try another phone number.`
      : `${describeResult(error.code)}: check the amount.`;
}

function prompt(res: Response, merchant: PullMerchant, p: Params, error?: PromptError): void {
  const fields: PromptField[] = [];
  if (!present(p.to) || error?.field === 'phone') {
    fields.push({
      name: 'to',
      label: 'QIWI Wallet phone number',
      type: 'tel',
      inputmode: 'tel',
      required: true,
      hint: 'International format, e.g. +79161234567',
    });
  }
  if (!present(p.summ) || error?.field === 'amount') {
    fields.push({
      name: 'summ',
      label: `Amount (${p.currency ?? 'RUB'})`,
      type: 'text',
      inputmode: 'decimal',
      required: true,
      hint: 'For example 100.00',
    });
  }
  // §7.3: when both `comm` and `to` are absent the form also offers a comment field.
  if (!present(p.comm) && !present(p.to))
    fields.push({ name: 'comm', label: 'Comment (optional)', type: 'text', required: false });
  sendPage(
    res,
    error ? 400 : 200,
    'Create a QIWI bill — QIWI sandbox',
    promptBody({
      title: 'Create a QIWI bill',
      action: PULL_WEBFORM_PATH,
      params: p,
      fields,
      error: error && promptMessage(error),
      submitLabel: 'Continue to payment',
      summary: markup`<p>
        ${merchant.projectName} asks you to pay${present(p.summ) ? ` ${p.summ} ${p.currency ?? ''}` : ''}.
      </p>`,
    }),
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
    if (outcome.kind === 'refused') return sendRefusal(res, outcome.refusal, 'pull');
    if (outcome.kind === 'prompt') return prompt(res, outcome.merchant, p, outcome.error);
    ctx.log(`web form → pull bill ${outcome.bill.billId} (${present(p.sign) ? 'signed' : 'unsigned'})`);
    showCheckout(ctx, res, outcome.bill, p, PULL_CHECKOUT_PATHS[0] ?? '/form');
  };
}

export function registerPullWebform(app: Express, ctx: SandboxContext): void {
  app.get(PULL_WEBFORM_PATH, handle(ctx));
  app.post(PULL_WEBFORM_PATH, handle(ctx));
}
