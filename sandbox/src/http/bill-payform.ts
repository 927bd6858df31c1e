import { randomUUID } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { DAY_MS, parseFormLifetime } from '../core/moscow-time.js';
import { parseAmount } from '../core/money.js';
import { describeResult } from '../core/result-codes.js';
import { verifyBillFormSign } from '../crypto/bill-form-sign.js';
import type { SandboxContext } from '../context.js';
import type { BillMerchant } from '../config/resolve-config.js';
import { checkAmount, present } from '../domain/validate-create.js';
import { walletCode } from '../domain/wallet-registry.js';
import { BILL_CHECKOUT_PATH, showCheckout } from './checkout-routes.js';
import { allParams, type Params } from './form-body.js';
import { markup, sendMessage, sendPage } from './html.js';
import { promptBody, type PromptField } from './prompt-page.js';

// bill-payments-rest-api-1.0.0.md §6: GET /form/create in simple and signed modes. The signature is
// recomputed per §6.3 (secret_key, lowercase hex, case-insensitive compare); a bad one shows a 403 page
// and creates nothing. The currency is the one bound to the public key (§2.2); the payer may identify on
// the page (§6.4); comm/comment and extra_* are stored.

export const BILL_PAYFORM_PATH = '/form/create';
const PHONE = /^\+?[0-9]{1,15}$/;

function prompt(res: Response, merchant: BillMerchant, p: Params, error?: string): void {
  const fields: PromptField[] = [];
  if (!present(p.amount) || error?.includes('amount')) {
    fields.push({
      name: 'amount',
      label: `Amount (${merchant.publicKeyCurrency})`,
      type: 'text',
      inputmode: 'decimal',
      required: true,
      hint: 'For example 100.00',
    });
  }
  if ((!present(p.phone) && !present(p.email) && !present(p.user_id)) || error?.includes('phone')) {
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
      error,
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
    const merchant = ctx.config.bill.find((m) => m.publicKey === p.public_key);
    if (!merchant) {
      return sendMessage(
        res,
        400,
        'Unknown merchant',
        `No merchant has public_key=${p.public_key ?? '(missing)'}.`,
        'Pass the public key of your QIWI Kassa account.',
      );
    }
    const signed = present(p.sign);
    if (signed && !verifyBillFormSign(p, merchant.secretKey, p.sign ?? '', merchant.formSignOrder)) {
      return sendMessage(
        res,
        403,
        'Signature check failed',
        'The sign parameter does not match; no bill was created.',
        'Sign amount|bill_id|[lifetime|]public_key with HMAC-SHA256 keyed by secret_key (bill §6.3).',
      );
    }
    if (signed && (!present(p.bill_id) || !present(p.amount))) {
      return sendMessage(
        res,
        400,
        'Incomplete signed form',
        'bill_id and amount are required in signed mode.',
        'Add them and sign them.',
      );
    }
    if (present(p.bill_id) && p.bill_id.length > 30) {
      return sendMessage(
        res,
        400,
        'Bad bill_id',
        'bill_id is longer than 30 characters (bill §6.2).',
        'Use at most 30 characters.',
      );
    }
    // §6.2 [J]: a generated id when absent, kept within the 30-character limit.
    if (!present(p.bill_id)) p.bill_id = randomUUID().replace(/-/g, '').slice(0, 30);
    const billId = p.bill_id;
    const existing = ctx.ledger.find('bill', merchant.prvId, billId);
    if (existing) {
      const amount = parseAmount(p.amount);
      if (!present(p.amount) || (amount.ok && amount.minor === existing.amountMinor)) {
        return showCheckout(ctx, res, existing, p, BILL_CHECKOUT_PATH);
      }
      return sendMessage(
        res,
        409,
        'Bill already exists',
        `${describeResult(215)} (${billId}) with another amount.`,
        'Use a new bill_id for a new order.',
      );
    }
    if (!present(p.amount) || (!present(p.phone) && !present(p.email) && !present(p.user_id))) {
      return prompt(res, merchant, p);
    }
    let user: string | undefined;
    if (present(p.phone)) {
      if (!PHONE.test(p.phone))
        return prompt(res, merchant, p, `${describeResult(303)}: enter the phone number as +79161234567.`);
      user = `tel:+${p.phone.replace(/^\+/, '')}`;
    }
    const amount = checkAmount(p.amount, merchant);
    if (!amount.ok) return prompt(res, merchant, p, `${describeResult(amount.code)}: check the amount.`);
    const ccy = merchant.publicKeyCurrency;
    if (!merchant.currencies.includes(ccy)) {
      return sendMessage(
        res,
        400,
        'Currency not allowed',
        `${describeResult(1001)} (${ccy}).`,
        'Enable it in the sandbox config.',
      );
    }
    if (user) {
      const wallet = walletCode(ctx.config.wallets, user, p.pay_source);
      if (wallet !== 0)
        return prompt(res, merchant, p, `${describeResult(wallet)}: try another phone number.`);
    }
    const extras: Record<string, string> = {};
    for (const [name, value] of Object.entries(p))
      if (name.startsWith('extra_')) extras[name.slice(6)] = value;
    const now = ctx.clock.now();
    const lifetimeAt = parseFormLifetime(p.lifetime) ?? now + merchant.maxLifetimeDays * DAY_MS;
    const bill = ctx.ledger.insert(
      merchant,
      billId,
      {
        user,
        email: present(p.email) ? p.email : undefined,
        userId: present(p.user_id) ? p.user_id : undefined,
        amountMinor: amount.value,
        ccy,
        // §6.2: `comm` [A] and `comment` [B] are both accepted; `comment` wins.
        comment: p.comment ?? p.comm ?? '',
        lifetimeAt,
        extras,
        paySource: present(p.pay_source) ? p.pay_source : undefined,
      },
      'payform',
      now,
    );
    ctx.log(`pay form created bill ${billId} (${signed ? 'signed' : 'simple'})`);
    showCheckout(ctx, res, bill, p, BILL_CHECKOUT_PATH);
  };
}

export function registerBillPayform(app: Express, ctx: SandboxContext): void {
  app.get(BILL_PAYFORM_PATH, handle(ctx));
  app.post(BILL_PAYFORM_PATH, handle(ctx));
}
