// The root of every error qiwi-pay raises, and the QIWI core's branch of it. Every error carries a
// stable `code` from a literal union and the `cause` it wraps; the server's error middleware is the one
// place that maps a code to HTTP (house style 6). The root lives here because the core imports nothing
// of the server, while the server's own errors (src/errors/app-error.ts) extend it.

export abstract class CodedError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Every parameter the core validates; an input error's code is `invalid_<field>`. */
export type QiwiInputField =
  | 'amount'
  | 'originAmount'
  | 'refund_amount'
  | 'bill_id'
  | 'refund_id'
  | 'phone'
  | 'currency'
  | 'comment'
  | 'prv_name'
  | 'pay_source'
  | 'prv_id'
  | 'api_id'
  | 'lifetime'
  | 'public_key'
  | 'extras'
  | 'successUrl'
  | 'failUrl'
  | 'success_url'
  | 'fail_url';

export type QiwiErrorCode =
  | `invalid_${QiwiInputField}`
  /** A non-zero `result_code` (pull §11, bill §11.1). */
  | `qiwi_${number}`
  | 'qiwi_timeout'
  | 'qiwi_network'
  | 'qiwi_unreadable_response'
  | 'bill_conflict'
  | 'notification_malformed'
  | 'notification_unauthenticated';

export class QiwiError extends CodedError<QiwiErrorCode> {}

/** Input that our own side must fix before anything is sent to QIWI (bad amount, bill id, phone…). */
export class QiwiInputError extends QiwiError {
  readonly field: QiwiInputField;

  constructor(field: QiwiInputField, message: string) {
    super(`invalid_${field}`, `${field}: ${message}`);
    this.field = field;
  }
}

/** QIWI answered with a non-zero `result_code` (pull-rest-api-2.1.md §11, bill-payments §11). */
export class QiwiApiError extends QiwiError {
  readonly resultCode: number;
  readonly httpStatus: number;
  /** The spec's "fatal: no": the same request may succeed later. */
  readonly retryable: boolean;
  readonly description: string | undefined;

  constructor(opts: {
    resultCode: number;
    httpStatus: number;
    retryable: boolean;
    description?: string | undefined;
    meaning: string;
  }) {
    const said = opts.description ? ` (QIWI said: "${opts.description}")` : '';
    super(`qiwi_${opts.resultCode}`, `QIWI result_code ${opts.resultCode}: ${opts.meaning}${said}`);
    this.resultCode = opts.resultCode;
    this.httpStatus = opts.httpStatus;
    this.retryable = opts.retryable;
    this.description = opts.description;
  }
}

/** The request did not produce a readable answer: timeout, reset connection, unparsable body. */
export class QiwiTransportError extends QiwiError {
  readonly retryable = true;

  constructor(
    kind: 'timeout' | 'network' | 'unreadable_response',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`qiwi_${kind}`, message, options);
  }
}

/**
 * A bill with this id already exists at QIWI with different data (result code 215 confirmed by reading
 * the bill back). Never retried: the merchant must use a new bill id or the original amount.
 */
export class QiwiBillConflictError extends QiwiError {
  constructor(billId: string, detail: string) {
    super(
      'bill_conflict',
      `bill ${billId} already exists at QIWI with ${detail}; use a new bill id or the original amount`,
    );
  }
}
