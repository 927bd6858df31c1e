// The server's branch of the one error hierarchy (root: CodedError in the QIWI core). A service says
// WHAT went wrong with a code from this union; only the error middleware (http/http-error.ts) decides
// which HTTP status that is, so no service ever names a status.

import { CodedError } from '../qiwi/index.js';

export type AppErrorCode =
  // The request itself
  | 'invalid_request'
  | 'invalid_json'
  | 'body_too_large'
  | 'bad_request'
  | 'not_found'
  | 'rate_limited'
  | 'source_not_allowed'
  // Credentials and tokens
  | 'unauthorized'
  | 'csrf_failed'
  | 'invalid_order_token'
  | 'invalid_order'
  | 'missing_status_token'
  | 'invalid_status_token'
  // Checkout
  | 'catalog_disabled'
  | 'unknown_item'
  | 'invalid_quantity'
  | 'invalid_idempotency_key'
  | 'idempotency_key_required'
  | 'invalid_return_url'
  | 'return_url_not_allowed'
  | 'phone_required'
  | 'webform_unavailable'
  | 'order_conflict'
  // The ledger and the back office
  | 'order_not_found'
  | 'not_refundable'
  | 'refund_conflict'
  | 'refund_exceeds_amount'
  | 'refund_not_found'
  | 'webhook_not_found'
  | 'webhook_pending'
  | 'invalid_state'
  | 'invalid_limit'
  | 'invalid_status'
  | 'invalid_verdict'
  | 'reconciler_disabled'
  // QIWI as seen by our callers
  | 'qiwi_rejected'
  | 'qiwi_unavailable'
  // The program's own setup
  | 'invalid_config'
  | 'no_ledger'
  | 'invalid_webhook_signature'
  | 'internal';

export class AppError extends CodedError<AppErrorCode> {}
