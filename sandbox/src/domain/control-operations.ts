import { BILL_STATUSES, eventForStatus, type BillStatus } from '../core/bill-state.js';
import type { Ledger } from './ledger.js';
import type { BillRecord } from './state.js';

// The control API's "trigger": move a bill as the payer or QIWI would (through the state machine of
// pull-rest-api-2.1.md §10.1), mark a payment as started (the "being paid" sub-state of §5.3), or force
// any status. Shared by the JSON route, the CLI and the bills page.

export interface TriggerInput {
  status?: unknown;
  force?: unknown;
  method?: unknown;
}

export type TriggerResult = { ok: true } | { ok: false; kind: 'bad-status' | 'not-allowed'; message: string };

export const TRIGGER_STATUSES = [...BILL_STATUSES, 'in_progress'] as const;

export function triggerBill(ledger: Ledger, bill: BillRecord, input: TriggerInput): TriggerResult {
  const { status, force, method } = input;
  if (status === 'in_progress') {
    ledger.startPayment(bill);
    return { ok: true };
  }
  if (typeof status !== 'string' || !(BILL_STATUSES as readonly string[]).includes(status)) {
    return {
      ok: false,
      kind: 'bad-status',
      message: `status must be one of ${TRIGGER_STATUSES.join(', ')}.`,
    };
  }
  const target = status as BillStatus;
  const event = eventForStatus(target);
  const paidWith = typeof method === 'string' && method !== '' ? method : undefined;
  if (force === true || !event) {
    if (force !== true)
      return {
        ok: false,
        kind: 'not-allowed',
        message: 'Moving a bill back to waiting needs "force": true.',
      };
    ledger.force(bill, target, 'control: forced', paidWith);
    return { ok: true };
  }
  const result = ledger.transition(bill, event, 'control', paidWith);
  if (!result.ok) {
    return {
      ok: false,
      kind: 'not-allowed',
      message: `A ${bill.status} bill cannot become ${target} (result code ${result.code}); pass "force": true to override.`,
    };
  }
  return { ok: true };
}
