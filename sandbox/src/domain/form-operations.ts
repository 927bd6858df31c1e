import { randomInt, randomUUID } from 'node:crypto';
import { DAY_MS, parseFormLifetime } from '../core/moscow-time.js';
import { fitsText, xmlSafe } from '../core/text-rules.js';
import { verifyBillFormSign } from '../crypto/bill-form-sign.js';
import { verifyPullWebformSign } from '../crypto/pull-webform-sign.js';
import type { BillMerchant, PullMerchant, ResolvedConfig } from '../config/resolve-config.js';
import type { Ledger } from './ledger.js';
import { checkReturnUrls, type ReturnUrls } from './return-urls.js';
import { judgeRepeat } from './same-bill.js';
import type { BillRecord } from './state.js';
import { checkAmount, present } from './validate-create.js';
import { walletCode } from './wallet-registry.js';

// The browser-side ways to create a bill, beside the REST operations: the Pull web form
// (pull-rest-api-2.1.md §7) and the Bill pay form (bill-payments-rest-api-1.0.0.md §6). Each returns what
// the page must do — show the checkout, ask for what is missing, or refuse — and never renders HTML.

export interface FormContext {
  ledger: Ledger;
  config: ResolvedConfig;
  now: number;
}

/** Why a form is refused; the pages turn each into words. `code` is the §11 result code it stands for. */
export type FormRefusal =
  | { reason: 'unknown-merchant'; value: string }
  | { reason: 'bad-signature' }
  | { reason: 'incomplete-signed'; needs: string }
  | { reason: 'unsigned-disabled' }
  | { reason: 'bad-currency'; value: string }
  | { reason: 'currency-not-allowed'; code: 1001; value: string }
  | { reason: 'bad-bill-id'; code: 5; name: 'txn_id' | 'bill_id'; max: number; alphabet?: string }
  | { reason: 'bill-exists'; code: 215; billId: string; name: 'txn_id' | 'bill_id' }
  | { reason: 'bad-text'; code: 341 | 5; name: string; max: number }
  | { reason: 'past-lifetime'; code: 341; value: string }
  | { reason: 'foreign-return-url'; name: 'successUrl' | 'failUrl'; url: string };

/** The field the payer must type again, with the §11 code that says why. */
export interface PromptError {
  field: 'phone' | 'amount';
  code: number;
}

export type FormOutcome<M> =
  | { kind: 'checkout'; bill: BillRecord; merchant: M }
  | { kind: 'prompt'; merchant: M; error?: PromptError }
  | { kind: 'refused'; refusal: FormRefusal; merchant?: M };

const PHONE = /^\+?[0-9]{1,15}$/;
// §13 A11: numeric ISO 4217 codes seen in one example.
const NUMERIC_CURRENCY: Record<string, string> = { '643': 'RUB', '840': 'USD', '978': 'EUR', '398': 'KZT' };
// §7.3: txn_id String(30), "Latin letters and digits, no spaces" [DOC-EN]; "-" and "_" are kept because
// §4.2 names [A-Za-z0-9_-] as the alphabet clients generate ids from (reading [J], see README).
const TXN_ID = /^[A-Za-z0-9_-]{1,30}$/;
// Extras become XML element names in profile B answers (bill §5.6).
const EXTRA_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;

const refuse = <M>(refusal: FormRefusal, merchant?: M): FormOutcome<M> => ({
  kind: 'refused',
  refusal,
  merchant,
});

/** §7.3 / bill §6.2: a lifetime in the past is refused as REST refuses it (row 16, A10: 341). */
function formLifetime(raw: string | undefined, now: number, fallbackDays: number): number | FormRefusal {
  const parsed = parseFormLifetime(raw);
  if (parsed === null) return now + fallbackDays * DAY_MS; // §7.3: missing or malformed → default
  if (parsed <= now) return { reason: 'past-lifetime', code: 341, value: raw ?? '' };
  return parsed;
}

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
