import type { BillRecord } from '../domain/state.js';
import { hidden, markup, type Html } from './html.js';
import type { Lang } from './pages/lang.js';
import { MESSAGES } from './pages/messages.js';
import { formatDeadline, formatMoney } from './pages/people-format.js';

// The checkout of one bill (pull-rest-api-2.1.md §8, bill-payments-rest-api-1.0.0.md §8): the merchant's
// name as the headline, the bill as a shopper reads it, and one button per outcome of §8.3 — wallet
// (paid, success redirect), card (paid, no redirect), payment error (unpaid, fail redirect), decline
// (rejected, fail redirect), leave (no change).

export interface CheckoutView {
  action: string;
  merchantName: string;
  lang: Lang;
  successUrl?: string;
  failUrl?: string;
  paySource?: string;
  notice?: string;
}

export const OUTCOMES = [
  { value: 'wallet', method: 'qw' },
  { value: 'card', method: 'card' },
  { value: 'error', method: '' },
  { value: 'decline', method: '' },
  { value: 'leave', method: '' },
] as const;

export function billDetails(bill: BillRecord, merchantName: string, lang: Lang): Html {
  const t = MESSAGES[lang];
  return markup`<dl>
    <dt>${t.merchant}</dt>
    <dd>${merchantName}</dd>
    <dt>${t.bill}</dt>
    <dd>${bill.billId}</dd>
    <dt>${t.amount}</dt>
    <dd>${formatMoney(bill.amountMinor, bill.ccy, lang)}</dd>
    <dt>${t.comment}</dt>
    <dd>${bill.comment || '—'}</dd>
    <dt>${t.payer}</dt>
    <dd>${bill.user?.replace(/^tel:/, '') ?? bill.email ?? bill.userId ?? '—'}</dd>
    <dt>${t.status}</dt>
    <dd>${t.statusName[bill.status]}</dd>
    <dt>${t.payBefore}</dt>
    <dd>${formatDeadline(bill.expiresAt, lang)}</dd>
  </dl>`;
}

export function checkoutBody(bill: BillRecord, view: CheckoutView): Html {
  const t = MESSAGES[view.lang];
  const preselected = view.paySource ? t.methods[view.paySource] : undefined;
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
        ${t.outcomes[o.value]}
      </button> `,
  );
  return markup`<h1>${view.merchantName}</h1>
    <p class="lead">${t.payBill(bill.billId)}</p>
    ${view.notice ? markup`<p role="status">${view.notice}</p>` : ''} ${billDetails(bill, view.merchantName, view.lang)}
    ${
      bill.status === 'waiting'
        ? markup`${
            view.paySource
              ? markup`<p class="note">
                    ${preselected ? t.preselected(preselected) : t.unavailableMethod(view.paySource)}
                  </p>`
              : ''
          }
            <form method="post" action="${view.action}">
              ${hidden('uid', bill.uid)}${hidden('successUrl', view.successUrl)}${hidden('failUrl', view.failUrl)}${hidden('lang', view.lang)}
              <fieldset>
                <legend>${t.chooseOutcome}</legend>
                ${buttons}
              </fieldset>
            </form>
            <p class="note">${t.walletOnlyReturns}</p>`
        : markup`<p role="status">${t.noLongerPayable(bill.status)}</p>`
    }`;
}
