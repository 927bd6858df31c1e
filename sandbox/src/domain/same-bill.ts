import { parseAmount } from '../core/money.js';
import type { BillRecord } from './state.js';

// The "same id, same amount" rule, one copy for every way a bill is created: pull-rest-api-2.1.md §4.7
// (REST, A12), §7.5 (web form: the same txn_id and summ shows the existing bill) and
// bill-payments-rest-api-1.0.0.md §4.5 / §6.4 (REST and pay form).

export type RepeatVerdict = 'same-bill' | 'conflict';

/**
 * A repeated request for an existing bill id: the stored bill when the normalised amount is equal
 * (whatever else differs), otherwise 215. A page opened again without an amount (the payer typed it the
 * first time) shows the stored bill too (`absentAmountMatches`).
 */
export function judgeRepeat(
  existing: BillRecord,
  rawAmount: string | undefined,
  absentAmountMatches: boolean,
): RepeatVerdict {
  if (absentAmountMatches && (rawAmount === undefined || rawAmount === '')) return 'same-bill';
  const amount = parseAmount(rawAmount);
  return amount.ok && amount.minor === existing.amountMinor ? 'same-bill' : 'conflict';
}
