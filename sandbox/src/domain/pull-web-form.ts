import { randomInt } from 'node:crypto';
import { fitsText } from '../core/text-rules.js';
import { verifyPullWebformSign } from '../crypto/pull-webform-sign.js';
import type { PullMerchant } from '../config/resolve-config.js';
import {
  formLifetime,
  NUMERIC_CURRENCY,
  PHONE,
  refuse,
  TXN_ID,
  type FormContext,
  type FormOutcome,
} from './form-outcome.js';
import { checkReturnUrls, type ReturnUrls } from './return-urls.js';
import { judgeRepeat } from './same-bill.js';
import { checkAmount, present } from './validate-create.js';
import { walletCode } from './wallet-registry.js';

// The Pull web form as a domain operation (pull-rest-api-2.1.md §7): verify, validate, apply the
// "same id, same amount" rule, create the bill as §5.1 would. The page (http/pull-webform.ts) renders it.

/** pull-rest-api-2.1.md §7.2–§7.5. */
export function openPullWebForm(
  ctx: FormContext,
  p: Record<string, string>,
  urls: ReturnUrls,
): FormOutcome<PullMerchant> {
  const merchant = ctx.config.pull.find((m) => m.prvId === p.from);
  if (!merchant) return refuse({ reason: 'unknown-merchant', value: p.from ?? '' });
  const signed = present(p.api_id) || present(p.sign);
  if (signed) {
    const api = merchant.api.find((a) => a.apiId === p.api_id);
    // §7.4 emulator verification: recompute with the password of api_id, which must belong to `from`.
    if (!api || !present(p.sign) || !verifyPullWebformSign(p, api.password, p.sign)) {
      return refuse({ reason: 'bad-signature' }, merchant);
    }
    if (!present(p.summ) || !present(p.txn_id)) {
      return refuse({ reason: 'incomplete-signed', needs: 'summ, txn_id' }, merchant);
    }
  } else if (!merchant.allowUnsignedWebForm) {
    return refuse({ reason: 'unsigned-disabled' }, merchant);
  }
  const currency = NUMERIC_CURRENCY[p.currency ?? ''] ?? p.currency;
  if (!present(currency) || !/^[A-Z]{3}$/.test(currency)) {
    return refuse({ reason: 'bad-currency', value: p.currency ?? '' }, merchant);
  }
  if (present(p.txn_id) && !TXN_ID.test(p.txn_id)) {
    return refuse(
      { reason: 'bad-bill-id', code: 5, name: 'txn_id', max: 30, alphabet: 'A-Z a-z 0-9 - _' },
      merchant,
    );
  }
  const returnCheck = checkReturnUrls(merchant, urls);
  if (!returnCheck.ok) return refuse({ reason: 'foreign-return-url', ...returnCheck }, merchant);
  const billId = present(p.txn_id) ? p.txn_id : String(randomInt(100_000_000, 999_999_999));
  const existing = ctx.ledger.find('pull', merchant.prvId, billId);
  if (existing) {
    return judgeRepeat(existing, p.summ, true) === 'same-bill'
      ? { kind: 'checkout', bill: existing, merchant }
      : refuse({ reason: 'bill-exists', code: 215, billId, name: 'txn_id' }, merchant);
  }
  // §7.3 comm String(255); §4.4 well-formed XML once the bill is read over REST.
  if (p.comm !== undefined && !fitsText(p.comm, 255)) {
    return refuse({ reason: 'bad-text', code: 341, name: 'comm', max: 255 }, merchant);
  }
  const lifetimeAt = formLifetime(p.lifetime, ctx.now, merchant.webFormDefaultLifetimeDays);
  if (typeof lifetimeAt !== 'number') return refuse(lifetimeAt, merchant);
  if (!present(p.to) || !present(p.summ)) return { kind: 'prompt', merchant };
  if (!PHONE.test(p.to)) return { kind: 'prompt', merchant, error: { field: 'phone', code: 303 } };
  const user = `tel:+${p.to.replace(/^\+/, '')}`;
  const amount = checkAmount(p.summ, merchant);
  if (!amount.ok) return { kind: 'prompt', merchant, error: { field: 'amount', code: amount.code } };
  if (!merchant.currencies.includes(currency)) {
    return refuse({ reason: 'currency-not-allowed', code: 1001, value: currency }, merchant);
  }
  const wallet = walletCode(ctx.config.wallets, user, p.pay_source);
  if (wallet !== 0) return { kind: 'prompt', merchant, error: { field: 'phone', code: wallet } };
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
    ctx.now,
  );
  return { kind: 'checkout', bill, merchant };
}
