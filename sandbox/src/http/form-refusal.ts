import type { Response } from 'express';
import { describeResult } from '../core/result-codes.js';
import type { FormRefusal } from '../domain/form-operations.js';
import { sendMessage } from './html.js';

// The error pages of the web form (pull-rest-api-2.1.md §7) and the pay form (bill-payments-rest-api-1.0.0.md
// §6): each refusal the domain gives becomes a page that says what is wrong and what to do; nothing was
// created. `protocol` picks the spec section the hint points to.

export function sendRefusal(res: Response, refusal: FormRefusal, protocol: 'pull' | 'bill'): void {
  const pull = protocol === 'pull';
  switch (refusal.reason) {
    case 'unknown-merchant':
      return pull
        ? sendMessage(
            res,
            400,
            'Unknown merchant',
            `No project with from=${refusal.value || '(missing)'}.`,
            'Pass your prv_id as `from`.',
          )
        : sendMessage(
            res,
            400,
            'Unknown merchant',
            `No merchant has public_key=${refusal.value || '(missing)'}.`,
            'Pass the public key of your QIWI Kassa account.',
          );
    case 'bad-signature':
      return sendMessage(
        res,
        403,
        'Signature check failed',
        'The sign parameter does not match; no bill was created.',
        pull
          ? 'Sign api_id|currency|from|[lifetime|]summ|txn_id with HMAC-SHA256 and the API password (pull §7.4).'
          : 'Sign amount|bill_id|[lifetime|]public_key with HMAC-SHA256 keyed by secret_key (bill §6.3).',
      );
    case 'incomplete-signed':
      return sendMessage(
        res,
        400,
        'Incomplete signed form',
        `${refusal.needs.replace(', ', ' and ')} are required in signed mode.`,
        'Add them and sign them.',
      );
    case 'unsigned-disabled':
      return sendMessage(
        res,
        403,
        'Unsigned form disabled',
        'This project accepts only signed web forms; no bill was created.',
        'Add api_id and sign (pull §7.4).',
      );
    case 'bad-currency':
      return sendMessage(
        res,
        400,
        'Bad currency',
        `currency=${refusal.value || '(missing)'} is not an ISO 4217 code.`,
        'Use an alpha-3 code such as RUB.',
      );
    case 'currency-not-allowed':
      return sendMessage(
        res,
        400,
        'Currency not allowed',
        `${describeResult(refusal.code)} (${refusal.value}).`,
        'Enable it in the sandbox config.',
      );
    case 'bad-bill-id':
      return sendMessage(
        res,
        400,
        `Bad ${refusal.name}`,
        `${describeResult(refusal.code)}: ${refusal.name} must be 1 to ${refusal.max} characters` +
          (refusal.alphabet ? ` from ${refusal.alphabet}, with no spaces` : '') +
          (pull ? ' (pull §7.3).' : ' (bill §6.2).'),
        refusal.alphabet ? 'Use Latin letters and digits only.' : `Use at most ${refusal.max} characters.`,
      );
    case 'bill-exists':
      return sendMessage(
        res,
        409,
        'Bill already exists',
        `${describeResult(refusal.code)} (${refusal.billId}) with another amount.`,
        `Use a new ${refusal.name} for a new order.`,
      );
    case 'bad-text':
      return sendMessage(
        res,
        400,
        `Bad ${refusal.name}`,
        `${describeResult(refusal.code)}: ${refusal.name} must be at most ${refusal.max} characters, ` +
          'without control characters.',
        'Remove control characters and shorten the text.',
      );
    case 'past-lifetime':
      return sendMessage(
        res,
        400,
        'Deadline in the past',
        `${describeResult(refusal.code)}: lifetime=${refusal.value} is already over.`,
        'Send a future Moscow time as YYYY-MM-DDThhmm, or leave lifetime out for the default.',
      );
    case 'foreign-return-url':
      return sendMessage(
        res,
        400,
        "Return address not on the merchant's site",
        `${refusal.name}=${refusal.url} must be on the merchant's site (pull §8.2).`,
        'Use an address on one of the site origins configured for this account (siteOrigins).',
      );
  }
}
