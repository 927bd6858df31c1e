// The one place that turns an error into HTTP: `{ "error": { "code", "message" } }` with the status
// its code stands for (DESIGN.md public contracts). Anything unknown becomes a bare 500 with no
// internals (house style 6).

import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, type AppErrorCode } from '../errors/app-error.js';
import { sendJson } from './json-answer.js';
import { LedgerError } from '../ledger/index.js';
import { QiwiApiError, QiwiBillConflictError, QiwiError, QiwiTransportError } from '../qiwi/index.js';

/** Every code has a status: adding a code without one is a compile error. */
const HTTP_STATUS: Readonly<Record<AppErrorCode, number>> = {
  invalid_request: 400,
  invalid_json: 400,
  body_too_large: 413,
  bad_request: 400,
  not_found: 404,
  rate_limited: 429,
  source_not_allowed: 403,
  unauthorized: 401,
  csrf_failed: 403,
  invalid_order_token: 401,
  invalid_order: 400,
  missing_status_token: 401,
  invalid_status_token: 401,
  catalog_disabled: 400,
  unknown_item: 404,
  invalid_quantity: 400,
  invalid_idempotency_key: 400,
  idempotency_key_required: 400,
  invalid_return_url: 400,
  return_url_not_allowed: 400,
  phone_required: 400,
  webform_unavailable: 400,
  order_conflict: 409,
  order_not_found: 404,
  not_refundable: 409,
  refund_conflict: 409,
  refund_exceeds_amount: 409,
  refund_not_found: 404,
  webhook_not_found: 404,
  webhook_pending: 409,
  invalid_state: 400,
  invalid_limit: 400,
  invalid_status: 400,
  invalid_verdict: 400,
  reconciler_disabled: 501,
  qiwi_rejected: 502,
  qiwi_unavailable: 503,
  invalid_config: 500,
  no_ledger: 500,
  invalid_webhook_signature: 400,
  internal: 500,
};

interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const refusal = (error: AppError, status = HTTP_STATUS[error.code]): Refusal => ({
  status,
  code: error.code,
  message: error.message,
});

/** What our callers are told when QIWI is the reason: they cannot fix QIWI, only retry or give up. */
function fromQiwi(error: QiwiError): Refusal {
  if (error instanceof QiwiBillConflictError)
    return refusal(new AppError('order_conflict', error.message, { cause: error }));
  if (error instanceof QiwiTransportError)
    return refusal(
      new AppError('qiwi_unavailable', 'QIWI did not answer in time; try again in a moment', {
        cause: error,
      }),
    );
  if (error instanceof QiwiApiError) {
    return refusal(
      error.retryable
        ? new AppError(
            'qiwi_unavailable',
            `QIWI is temporarily unable to process the request (result code ${error.resultCode}); try again in a moment`,
            { cause: error },
          )
        : new AppError('qiwi_rejected', `QIWI refused the request: result code ${error.resultCode}`, {
            cause: error,
          }),
    );
  }
  // Input the caller can correct (QiwiInputError and the like) keeps its own code.
  return { status: 400, code: error.code, message: error.message };
}

function toHttp(error: unknown): Refusal | undefined {
  if (error instanceof AppError) return refusal(error);
  if (error instanceof LedgerError)
    return { status: HTTP_STATUS[error.code], code: error.code, message: error.message };
  if (error instanceof QiwiError) return fromQiwi(error);
  // Body parser errors carry their own status (413 too large, 400 malformed JSON).
  const status = (error as { status?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (type === 'entity.too.large')
      return refusal(new AppError('body_too_large', 'request body is too large', { cause: error }));
    if (type === 'entity.parse.failed')
      return refusal(new AppError('invalid_json', 'request body is not valid JSON', { cause: error }));
    // Other parser refusals (415 charset, 400 …) keep the parser's status.
    return refusal(new AppError('bad_request', 'the request could not be read', { cause: error }), status);
  }
  return undefined;
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const http = toHttp(error);
    if (http) {
      // The reason the client was given, so an operator sees it too. Messages never carry a token,
      // signature or secret (they are written for the browser, which must not see those either).
      logger.info(
        {
          requestId: (req as { id?: string }).id,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: http.status,
          code: http.code,
          reason: http.message,
        },
        `request refused: ${http.code}: ${http.message}`,
      );
      sendJson(res, http.status, { error: { code: http.code, message: http.message } });
      return;
    }
    logger.error(
      {
        requestId: (req as { id?: string }).id,
        err: {
          name: (error as Error)?.name,
          message: (error as Error)?.message,
          stack: (error as Error)?.stack,
        },
      },
      'unhandled error',
    );
    sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
  };
}

export function notFound(): never {
  throw new AppError('not_found', 'no such endpoint');
}
