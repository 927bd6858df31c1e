import { formatAmount } from '../core/money.js';
import { formatMoscow } from '../core/moscow-time.js';
import { basicAuthHeader } from '../crypto/basic-auth.js';
import { signBillNotification } from '../crypto/bill-notification-signature.js';
import { signPullNotification } from '../crypto/pull-notification-signature.js';
import type { BillMerchant, PullMerchant } from '../config/resolve-config.js';
import type { BillRecord } from '../domain/state.js';

// The exact request QIWI sends for a bill that reached a final status.

export interface NotificationRequest {
  pairs: Array<[string, string]>;
  headers: Record<string, string>;
}

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

/**
 * pull-rest-api-2.1.md §9.2: `command=bill` then the bill fields in the documented order, `error=0`,
 * a 2-decimal amount; §9.3: Basic OR X-Api-Signature, never both.
 */
export function buildPullNotification(
  bill: BillRecord,
  merchant: PullMerchant,
  options: { includePayDate: boolean; tamper: boolean },
): NotificationRequest {
  const pairs: Array<[string, string]> = [
    ['command', 'bill'],
    ['bill_id', bill.billId],
    ['status', bill.status],
    ['error', '0'],
    ['amount', formatAmount(bill.amountMinor)],
    ['user', bill.user ?? ''],
    // §13 A15: the project name from the cabinet, not the prv_name sent at creation.
    ['prv_name', merchant.projectName],
    ['ccy', bill.ccy],
    ['comment', bill.comment],
  ];
  if (options.includePayDate && bill.status === 'paid' && bill.paidAt !== undefined) {
    pairs.push(['pay_date', formatMoscow(bill.paidAt)]);
  }
  const headers: Record<string, string> = { 'Content-Type': FORM, Accept: 'text/xml' };
  const password = options.tamper
    ? `${merchant.notification.password}-tampered`
    : merchant.notification.password;
  if (merchant.notification.auth === 'basic')
    headers.Authorization = basicAuthHeader(merchant.prvId, password);
  else headers['X-Api-Signature'] = signPullNotification(pairs, password);
  return { pairs, headers };
}

/**
 * bill-payments-rest-api-1.0.0.md §9.1: prv_id, bill_id, status, error (profile A only), amount, payer
 * identifiers (`phone=+…`, §13 B12), payment_date for paid bills, currency, comment, extra_*, version=1.
 * §9.2: X-Api-Signature (A) or X-Api-Signature-SHA256 (B), keyed with secret_key.
 */
export function buildBillNotification(
  bill: BillRecord,
  merchant: BillMerchant,
  options: { tamper: boolean },
): NotificationRequest {
  const pairs: Array<[string, string]> = [
    ['prv_id', bill.prvId],
    ['bill_id', bill.billId],
    ['status', bill.status],
  ];
  if (merchant.profile === 'A') pairs.push(['error', '0']);
  pairs.push(['amount', formatAmount(bill.amountMinor)]);
  if (bill.user) pairs.push(['phone', bill.user.replace(/^tel:/, '')]);
  if (bill.email) pairs.push(['email', bill.email]);
  if (bill.userId) pairs.push(['user_id', bill.userId]);
  if (bill.status === 'paid' && bill.paidAt !== undefined)
    pairs.push(['payment_date', formatMoscow(bill.paidAt)]);
  pairs.push(['currency', bill.ccy], ['comment', bill.comment]);
  for (const [name, value] of Object.entries(bill.extras)) pairs.push([`extra_${name}`, value]);
  pairs.push(['version', '1']);
  const key = options.tamper ? `${merchant.secretKey}-tampered` : merchant.secretKey;
  const header = merchant.profile === 'A' ? 'X-Api-Signature' : 'X-Api-Signature-SHA256';
  return {
    pairs,
    headers: { 'Content-Type': FORM, Accept: 'application/json', [header]: signBillNotification(pairs, key) },
  };
}
