// What the ledger refuses because its caller broke the contract (an order or refund that is not there).
// A branch of the one error hierarchy; the error middleware maps the codes.

import { CodedError } from '../qiwi/index.js';

export type LedgerErrorCode = 'order_not_found' | 'refund_not_found' | 'refund_exceeds_amount';

export class LedgerError extends CodedError<LedgerErrorCode> {}
