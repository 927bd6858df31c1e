// One small error hierarchy for the QIWI core. Every error carries a stable `code` that the HTTP layer
// maps to a response, and a message that says what to do next.

export class QiwiError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Input that our own side must fix before anything is sent to QIWI (bad amount, bill id, phone…). */
export class QiwiInputError extends QiwiError {
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid_' + field, `${field}: ${message}`);
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
    super('qiwi_' + opts.resultCode, `QIWI result_code ${opts.resultCode}: ${opts.meaning}${said}`);
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
    super('qiwi_' + kind, message, options);
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
