import { randomInt } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { DAY_MS, parseFormLifetime } from '../core/moscow-time.js';
import { parseAmount } from '../core/money.js';
import { describeResult } from '../core/result-codes.js';
import { verifyPullWebformSign } from '../crypto/pull-webform-sign.js';
import type { SandboxContext } from '../context.js';
import type { PullMerchant } from '../config/resolve-config.js';
import { checkAmount, present } from '../domain/validate-create.js';
import { walletCode } from '../domain/wallet-registry.js';
import { PULL_CHECKOUT_PATHS, showCheckout } from './checkout-routes.js';
import { allParams, type Params } from './form-body.js';
import { markup, sendMessage, sendPage } from './html.js';
import { promptBody, type PromptField } from './prompt-page.js';

// pull-rest-api-2.1.md §7: GET|POST /order/external/create.action. Unsigned (WF) and signed (WF/auth,
// §7.4) modes; a bad signature shows a 403 page and creates nothing; missing phone/amount are asked for;
// the bill is then created as in §5.1 and the checkout is shown on the same response (§7.5).

export const PULL_WEBFORM_PATH = '/order/external/create.action';

// §13 A11: numeric ISO 4217 codes seen in one example.
const NUMERIC_CURRENCY: Record<string, string> = { '643': 'RUB', '840': 'USD', '978': 'EUR', '398': 'KZT' };
const PHONE = /^\+?[0-9]{1,15}$/;

function fail(res: Response, status: number, title: string, message: string, hint?: string): void {
  sendMessage(res, status, title, message, hint);
}

function prompt(res: Response, merchant: PullMerchant, p: Params, error?: string): void {
  const fields: PromptField[] = [];
  if (!present(p.to) || error?.includes('phone')) {
    fields.push({
      name: 'to',
      label: 'QIWI Wallet phone number',
      type: 'tel',
      inputmode: 'tel',
      required: true,
      hint: 'International format, e.g. +79161234567',
    });
  }
  if (!present(p.summ) || error?.includes('amount')) {
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
      error,
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
    const merchant = ctx.config.pull.find((m) => m.prvId === p.from);
    if (!merchant)
      return fail(
        res,
        400,
        'Unknown merchant',
        `No project with from=${p.from ?? '(missing)'}.`,
        'Pass your prv_id as `from`.',
      );
    const signed = present(p.api_id) || present(p.sign);
    if (signed) {
      const api = merchant.api.find((a) => a.apiId === p.api_id);
      // §7.4 emulator verification: recompute with the password of api_id, which must belong to `from`.
      if (!api || !present(p.sign) || !verifyPullWebformSign(p, api.password, p.sign)) {
        return fail(
          res,
          403,
          'Signature check failed',
          'The sign parameter does not match; no bill was created.',
          'Sign api_id|currency|from|[lifetime|]summ|txn_id with HMAC-SHA256 and the API password (pull §7.4).',
        );
      }
      if (!present(p.summ) || !present(p.txn_id)) {
        return fail(
          res,
          400,
          'Incomplete signed form',
          'summ and txn_id are required in signed mode.',
          'Add them and sign them.',
        );
      }
    } else if (!merchant.allowUnsignedWebForm) {
      return fail(
        res,
        403,
        'Unsigned form disabled',
        'This project accepts only signed web forms; no bill was created.',
        'Add api_id and sign (pull §7.4).',
      );
    }
    const currency = NUMERIC_CURRENCY[p.currency ?? ''] ?? p.currency;
    if (!present(currency) || !/^[A-Z]{3}$/.test(currency)) {
      return fail(
        res,
        400,
        'Bad currency',
        `currency=${p.currency ?? '(missing)'} is not an ISO 4217 code.`,
        'Use an alpha-3 code such as RUB.',
      );
    }
    if (present(p.txn_id) && p.txn_id.length > 30) {
      return fail(
        res,
        400,
        'Bad txn_id',
        'txn_id is longer than 30 characters (pull §7.3).',
        'Use at most 30 Latin letters and digits.',
      );
    }
    const billId = present(p.txn_id) ? p.txn_id : String(randomInt(100_000_000, 999_999_999));
    const existing = ctx.ledger.find('pull', merchant.prvId, billId);
    if (existing) {
      const amount = parseAmount(p.summ);
      if (!present(p.summ) || (amount.ok && amount.minor === existing.amountMinor)) {
        return showCheckout(ctx, res, existing, p, PULL_CHECKOUT_PATHS[0] ?? '/form');
      }
      return fail(
        res,
        409,
        'Bill already exists',
        `${describeResult(215)} (${billId}) with another amount.`,
        'Use a new txn_id for a new order.',
      );
    }
    if (!present(p.to) || !present(p.summ)) return prompt(res, merchant, p);
    if (!PHONE.test(p.to))
      return prompt(res, merchant, p, `${describeResult(303)}: enter the phone number as +79161234567.`);
    const user = `tel:+${p.to.replace(/^\+/, '')}`;
    const amount = checkAmount(p.summ, merchant);
    if (!amount.ok) return prompt(res, merchant, p, `${describeResult(amount.code)}: check the amount.`);
    if (!merchant.currencies.includes(currency)) {
      return fail(
        res,
        400,
        'Currency not allowed',
        `${describeResult(1001)} (${currency}).`,
        'Enable it in the sandbox config.',
      );
    }
    const wallet = walletCode(ctx.config.wallets, user, p.pay_source);
    if (wallet !== 0) return prompt(res, merchant, p, `${describeResult(wallet)}: try another phone number.`);
    const now = ctx.clock.now();
    // §7.3: a missing or malformed lifetime means 28 days; the ledger caps everything at 45 days.
    const lifetimeAt = parseFormLifetime(p.lifetime) ?? now + merchant.webFormDefaultLifetimeDays * DAY_MS;
    const bill = ctx.ledger.insert(
      merchant,
      billId,
      {
        user,
        amountMinor: amount.value,
        ccy: currency,
        comment: p.comm ?? '',
        lifetimeAt,
        extras: {},
        paySource: present(p.pay_source) ? p.pay_source : undefined,
      },
      'webform',
      now,
    );
    ctx.log(`web form created pull bill ${billId} (${signed ? 'signed' : 'unsigned'})`);
    showCheckout(ctx, res, bill, p, PULL_CHECKOUT_PATHS[0] ?? '/form');
  };
}

export function registerPullWebform(app: Express, ctx: SandboxContext): void {
  app.get(PULL_WEBFORM_PATH, handle(ctx));
  app.post(PULL_WEBFORM_PATH, handle(ctx));
}
