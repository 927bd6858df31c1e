import { DAY_MS, parseFormLifetime } from '../core/moscow-time.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Ledger } from './ledger.js';
import type { BillRecord } from './state.js';

// What the browser-side ways to create a bill answer (pull-web-form.ts: pull-rest-api-2.1.md §7;
// bill-pay-form.ts: bill-payments-rest-api-1.0.0.md §6), beside the REST operations: show the checkout,
// ask for what is missing, or refuse — never HTML. Plus the rules both forms share.

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

export const PHONE = /^\+?[0-9]{1,15}$/;
// §13 A11: numeric ISO 4217 codes seen in one example.
export const NUMERIC_CURRENCY: Record<string, string> = {
  '643': 'RUB',
  '840': 'USD',
  '978': 'EUR',
  '398': 'KZT',
};
// §7.3: txn_id String(30), "Latin letters and digits, no spaces" [DOC-EN]; "-" and "_" are kept because
// §4.2 names [A-Za-z0-9_-] as the alphabet clients generate ids from (reading [J], see README).
export const TXN_ID = /^[A-Za-z0-9_-]{1,30}$/;
// Extras become XML element names in profile B answers (bill §5.6).
export const EXTRA_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;

export const refuse = <M>(refusal: FormRefusal, merchant?: M): FormOutcome<M> => ({
  kind: 'refused',
  refusal,
  merchant,
});

/** §7.3 / bill §6.2: a lifetime in the past is refused as REST refuses it (row 16, A10: 341). */
export function formLifetime(
  raw: string | undefined,
  now: number,
  fallbackDays: number,
): number | FormRefusal {
  const parsed = parseFormLifetime(raw);
  if (parsed === null) return now + fallbackDays * DAY_MS; // §7.3: missing or malformed → default
  if (parsed <= now) return { reason: 'past-lifetime', code: 341, value: raw ?? '' };
  return parsed;
}
