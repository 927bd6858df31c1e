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
export { createLedger, type LedgerOptions } from './ledger.js';
export type { Ledger, NotificationCodes, Outbox, WordOutcome } from './ledger-api.js';
export { askQiwi } from './ask-qiwi.js';
