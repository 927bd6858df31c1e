import { randomUUID } from 'node:crypto';
import { fitsText, xmlSafe } from '../core/text-rules.js';
import { verifyBillFormSign } from '../crypto/bill-form-sign.js';
import type { BillMerchant } from '../config/resolve-config.js';
import {
  EXTRA_NAME,
  formLifetime,
  PHONE,
  refuse,
  type FormContext,
  type FormOutcome,
} from './form-outcome.js';
import { checkReturnUrls, type ReturnUrls } from './return-urls.js';
import { judgeRepeat } from './same-bill.js';
import { checkAmount, present } from './validate-create.js';
import { walletCode } from './wallet-registry.js';

// The Bill pay form as a domain operation (bill-payments-rest-api-1.0.0.md §6): verify, validate, apply
// the "same id, same amount" rule (§4.5), create the bill. The page (http/bill-payform.ts) renders it.

/** bill-payments-rest-api-1.0.0.md §6.2–§6.4. */
export function openBillPayForm(
  ctx: FormContext,
  p: Record<string, string>,
  urls: ReturnUrls,
): FormOutcome<BillMerchant> {
  const merchant = ctx.config.bill.find((m) => m.publicKey === p.public_key);
  if (!merchant) return refuse({ reason: 'unknown-merchant', value: p.public_key ?? '' });
  const signed = present(p.sign);
  if (signed && !verifyBillFormSign(p, merchant.secretKey, p.sign ?? '', merchant.formSignOrder)) {
    return refuse({ reason: 'bad-signature' }, merchant);
  }
  if (signed && (!present(p.bill_id) || !present(p.amount))) {
    return refuse({ reason: 'incomplete-signed', needs: 'bill_id, amount' }, merchant);
  }
  // §6.2 bill_id String(30), counted in characters; §4.4 (via §7.1) well-formed XML.
  if (present(p.bill_id) && !fitsText(p.bill_id, 30)) {
    return refuse({ reason: 'bad-bill-id', code: 5, name: 'bill_id', max: 30 }, merchant);
  }
  const returnCheck = checkReturnUrls(merchant, urls);
  if (!returnCheck.ok) return refuse({ reason: 'foreign-return-url', ...returnCheck }, merchant);
  // §6.2 [J]: a generated id when absent, kept within the 30-character limit.
  const billId = present(p.bill_id) ? p.bill_id : randomUUID().replace(/-/g, '').slice(0, 30);
  p.bill_id = billId;
  const existing = ctx.ledger.find('bill', merchant.prvId, billId);
  if (existing) {
    return judgeRepeat(existing, p.amount, true) === 'same-bill'
      ? { kind: 'checkout', bill: existing, merchant }
      : refuse({ reason: 'bill-exists', code: 215, billId, name: 'bill_id' }, merchant);
  }
  // §6.2: comm [A] / comment [B] String(255) and extra_* String(255), all echoed in answers.
  const comment = p.comment ?? p.comm ?? '';
  if (!fitsText(comment, 255)) {
    return refuse({ reason: 'bad-text', code: 341, name: 'comment', max: 255 }, merchant);
  }
  const extras: Record<string, string> = {};
  for (const [name, value] of Object.entries(p)) {
    if (!name.startsWith('extra_')) continue;
    if (!EXTRA_NAME.test(name.slice(6)) || !fitsText(value, 255)) {
      return refuse({ reason: 'bad-text', code: 5, name, max: 255 }, merchant);
    }
    extras[name.slice(6)] = value;
  }
  for (const name of ['email', 'user_id'] as const) {
    const value = p[name];
    if (value !== undefined && !xmlSafe(value)) {
      return refuse({ reason: 'bad-text', code: 341, name, max: 255 }, merchant);
    }
  }
  const lifetimeAt = formLifetime(p.lifetime, ctx.now, merchant.maxLifetimeDays);
  if (typeof lifetimeAt !== 'number') return refuse(lifetimeAt, merchant);
  if (!present(p.amount) || (!present(p.phone) && !present(p.email) && !present(p.user_id))) {
    return { kind: 'prompt', merchant };
  }
  let user: string | undefined;
  if (present(p.phone)) {
    if (!PHONE.test(p.phone)) return { kind: 'prompt', merchant, error: { field: 'phone', code: 303 } };
    user = `tel:+${p.phone.replace(/^\+/, '')}`;
  }
  const amount = checkAmount(p.amount, merchant);
  if (!amount.ok) return { kind: 'prompt', merchant, error: { field: 'amount', code: amount.code } };
  const ccy = merchant.publicKeyCurrency;
  if (!merchant.currencies.includes(ccy)) {
    return refuse({ reason: 'currency-not-allowed', code: 1001, value: ccy }, merchant);
  }
  if (user) {
    const wallet = walletCode(ctx.config.wallets, user, p.pay_source);
    if (wallet !== 0) return { kind: 'prompt', merchant, error: { field: 'phone', code: wallet } };
  }
  const bill = ctx.ledger.insert(
    merchant,
    billId,
    {
      user,
      email: present(p.email) ? p.email : undefined,
      userId: present(p.user_id) ? p.user_id : undefined,
      amountMinor: amount.value,
      ccy,
      comment,
      lifetimeAt,
      extras,
      paySource: present(p.pay_source) ? p.pay_source : undefined,
    },
    'payform',
    ctx.now,
  );
  return { kind: 'checkout', bill, merchant };
}
