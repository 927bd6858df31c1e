// Errors the HTTP layer answers with `{ "error": { "code", "message" } }` (DESIGN.md public contracts).
// Anything else becomes a bare 500 with no internals (house style 6).

import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  QiwiApiError,
  QiwiBillConflictError,
  QiwiError,
  QiwiInputError,
  QiwiTransportError,
} from '../qiwi/index.js';

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

function toHttp(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof QiwiInputError) return new HttpError(400, error.code, error.message);
  if (error instanceof QiwiBillConflictError) return new HttpError(409, 'order_conflict', error.message);
  if (error instanceof QiwiTransportError)
    return new HttpError(503, 'qiwi_unavailable', 'QIWI did not answer in time; try again in a moment');
  if (error instanceof QiwiApiError) {
    return error.retryable
      ? new HttpError(
          503,
          'qiwi_unavailable',
          `QIWI is temporarily unable to process the request (result code ${error.resultCode}); try again in a moment`,
        )
      : new HttpError(502, 'qiwi_rejected', `QIWI refused the request: result code ${error.resultCode}`);
  }
  if (error instanceof QiwiError) return new HttpError(400, error.code, error.message);
  // Body parser errors carry their own status (413 too large, 400 malformed JSON).
  const status = (error as { status?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (type === 'entity.too.large') return new HttpError(413, 'body_too_large', 'request body is too large');
    if (type === 'entity.parse.failed')
      return new HttpError(400, 'invalid_json', 'request body is not valid JSON');
    return new HttpError(status, 'bad_request', 'the request could not be read');
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
      res.status(http.status).json({ error: { code: http.code, message: http.message } });
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
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}

export function notFound(): never {
  throw new HttpError(404, 'not_found', 'no such endpoint');
}
