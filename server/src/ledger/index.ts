// The ledger: an order's life — types, transitions, the one judgement of QIWI's word, and the
// operations, each one transaction through the repository port. Imports the QIWI core only.
export * from './order.js';
export * from './order-status.js';
export * from './refund.js';
export * from './refunded-amount.js';
export * from './notification-record.js';
export * from './outbox-entry.js';
export * from './lapsed-order.js';
export * from './judge-qiwi-word.js';
export * from './ledger-error.js';
export * from './repository.js';
export {
  createLedger,
  type Ledger,
  type LedgerOptions,
  type NotificationCodes,
  type Outbox,
  type WordOutcome,
} from './ledger.js';
export { askQiwi } from './ask-qiwi.js';
