// What the event loop and the ledger's writer thread (ledger-writer-thread.ts) say to each other: a
// ledger write operation by name with its arguments, and its value or its error. Everything crosses the
// thread boundary by structured clone, so only plain data travels: the time the caller asked at (the
// ledger's clock is the caller's), and errors as their class name, code and message.

import { LedgerError, type Ledger, type LedgerErrorCode } from '../../ledger/index.js';
import { AppError, type AppErrorCode } from '../../errors/app-error.js';

/** The ledger operations that write: each runs in the writer thread, in a group commit. */
export const WRITE_OPERATIONS = [
  'placeOrder',
  'applyStatus',
  'applyQiwiWord',
  'recordNotification',
  'recordRejectedNotification',
  'recordRefund',
  'updateRefund',
  'markChecked',
  'claimOpenOrders',
  'claimWebhooks',
  'settleWebhook',
  'requeueWebhook',
  'requeueDeadWebhooks',
] as const satisfies readonly (keyof Ledger)[];

export type WriteOperation = (typeof WRITE_OPERATIONS)[number];

export interface WriteRequest {
  readonly id: number;
  readonly op: WriteOperation;
  readonly args: readonly unknown[];
  /** The caller's clock when it asked (ISO 8601): the ledger stamps outbox entries with it. */
  readonly now: string;
}

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  /** The thread's stack, so a 500's log line points at where it failed, not at reviveError. */
  readonly stack?: string;
}

export type WriteOutcome =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

// The outcomes of one group commit come back as one message: a message per write cost the event loop
// an event of its own for each. Writes go one per message, sent at once: the writer thread groups
// those that arrive together.
export type WriterMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: SerializedError }
  | { readonly kind: 'outcomes'; readonly outcomes: readonly WriteOutcome[] };

export type ToWriter =
  { readonly kind: 'write'; readonly request: WriteRequest } | { readonly kind: 'close' };

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

/** The same class on this side of the boundary, so callers and the HTTP error table see no difference. */
export function reviveError(e: SerializedError): Error {
  if (e.name === 'LedgerError' && e.code) return new LedgerError(e.code as LedgerErrorCode, e.message);
  if (e.name === 'AppError' && e.code) return new AppError(e.code as AppErrorCode, e.message);
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack) error.stack = e.stack;
  if (e.code) Object.assign(error, { code: e.code });
  return error;
}
