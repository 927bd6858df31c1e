import { formatAmount } from '../core/money.js';
import { formatMoscow } from '../core/moscow-time.js';
import type { BillRecord } from '../domain/state.js';
import { hidden, markup, type Html } from './html.js';

// The checkout of one bill (pull-rest-api-2.1.md §8, bill-payments-rest-api-1.0.0.md §8): the bill and
// one button per outcome of §8.3 — wallet (paid, success redirect), card (paid, no redirect), payment
// error (unpaid, fail redirect), decline (rejected, fail redirect), leave (no change).

export interface CheckoutView {
  action: string;
  merchantName: string;
  successUrl?: string;
  failUrl?: string;
  paySource?: string;
  notice?: string;
}

const METHOD_NAMES: Record<string, string> = {
  qw: 'QIWI Wallet balance',
  card: 'bank card',
  mobile: 'mobile phone balance',
  wm: 'WebMoney',
  ssk: 'cash at a QIWI kiosk',
};

export const OUTCOMES = [
  { value: 'wallet', label: 'Pay from QIWI Wallet balance', method: 'qw' },
  { value: 'card', label: 'Pay by card', method: 'card' },
  { value: 'error', label: 'Simulate payment error', method: '' },
  { value: 'decline', label: 'Decline', method: '' },
  { value: 'leave', label: 'Leave without paying', method: '' },
] as const;

export function billDetails(bill: BillRecord, merchantName: string): Html {
  return markup`<dl>
    <dt>Merchant</dt>
    <dd>${merchantName}</dd>
    <dt>Bill</dt>
    <dd>${bill.billId}</dd>
    <dt>Amount</dt>
    <dd>${formatAmount(bill.amountMinor)} ${bill.ccy}</dd>
    <dt>Comment</dt>
    <dd>${bill.comment || '—'}</dd>
    <dt>Payer</dt>
    <dd>${bill.user?.replace(/^tel:/, '') ?? bill.email ?? bill.userId ?? '—'}</dd>
    <dt>Status</dt>
    <dd>${bill.status}</dd>
    <dt>Pay before</dt>
    <dd>${formatMoscow(bill.expiresAt)} (Moscow time)</dd>
  </dl>`;
}

export function checkoutBody(bill: BillRecord, view: CheckoutView): Html {
  const preselected = view.paySource ? METHOD_NAMES[view.paySource] : undefined;
  const buttons = OUTCOMES.map(
    (o) =>
      markup`<button
        type="submit"
        name="outcome"
        value="${o.value}"
        ${
          o.value === 'wallet' ? markup` class="primary"` : ''
        }${preselected && o.method === view.paySource ? markup` autofocus` : ''}
      >
        ${o.label}
      </button> `,
  );
  return markup`<h1>Pay bill ${bill.billId}</h1>
    ${view.notice ? markup`<p role="status">${view.notice}</p>` : ''} ${billDetails(bill, view.merchantName)}
    ${
      bill.status === 'waiting'
        ? markup`${
            view.paySource
              ? markup`<p class="note">
                    ${
                      preselected
                        ? `Pre-selected payment method: ${preselected}.`
                        : `Payment method "${view.paySource}" is not available here; choose another.`
                    }
                  </p>`
              : ''
          }
            <form method="post" action="${view.action}">
              ${hidden('uid', bill.uid)}${hidden('successUrl', view.successUrl)}${hidden('failUrl', view.failUrl)}
              <fieldset>
                <legend>Choose how this payment ends</legend>
                ${buttons}
              </fieldset>
            </form>
            <p class="note">
              Only a payment from the wallet balance returns you to the shop (the redirect is not proof of
              payment).
            </p>`
        : markup`<p role="status">This bill is ${bill.status}; it can no longer be paid.</p>`
    }`;
}
