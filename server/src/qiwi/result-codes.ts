// Result codes of both REST protocols with their "fatal" flag: pull-rest-api-2.1.md §11 and
// bill-payments-rest-api-1.0.0.md §11.1 (the 1.0.0 table is the Pull table without 934 and 1018).
// Not fatal = the same request may succeed later, so the client may retry it.

interface ResultCodeInfo {
  readonly meaning: string;
  readonly retryable: boolean;
}

const RESULT_CODES: Readonly<Record<number, ResultCodeInfo>> = {
  5: { meaning: 'invalid data in request parameters', retryable: false },
  13: { meaning: 'server busy, retry later', retryable: true },
  78: { meaning: 'operation not allowed', retryable: false },
  150: { meaning: 'authorization error: check the API id and password (or secret key)', retryable: false },
  152: { meaning: 'protocol not enabled for this project', retryable: true },
  155: { meaning: 'this API id is blocked', retryable: false },
  210: { meaning: 'bill not found', retryable: false },
  215: { meaning: 'a bill with this bill_id already exists', retryable: false },
  241: { meaning: 'amount too small', retryable: false },
  242: { meaning: 'amount too large, or refunds would exceed the bill amount', retryable: false },
  298: { meaning: 'no wallet registered for this phone number', retryable: false },
  300: { meaning: 'technical error at QIWI', retryable: true },
  303: { meaning: 'wrong phone number', retryable: false },
  316: { meaning: 'authorization attempt by a blocked merchant', retryable: true },
  319: { meaning: 'no rights for this operation', retryable: true },
  339: { meaning: 'your IP address or range is blocked', retryable: false },
  341: { meaning: 'required parameter missing or incorrect', retryable: false },
  700: { meaning: 'monthly operation limit exceeded', retryable: false },
  // §13 A26: the Russian text (authoritative) says "not fatal".
  774: { meaning: 'wallet temporarily blocked', retryable: true },
  934: { meaning: 'region not supported', retryable: false },
  1001: { meaning: 'currency not allowed for this merchant', retryable: false },
  1003: { meaning: 'no conversion rate for this currency pair', retryable: true },
  1018: { meaning: 'country not supported', retryable: false },
  1019: { meaning: 'mobile operator cannot be determined', retryable: false },
  1419: { meaning: 'bill cannot be changed: payment in progress or already paid', retryable: false },
};

export function describeResultCode(code: number): ResultCodeInfo {
  return RESULT_CODES[code] ?? { meaning: 'undocumented result code', retryable: false };
}

/** Codes whose only sensible client reaction is to try the same request again shortly. */
export function isTransientResultCode(code: number): boolean {
  return code === 13 || code === 300;
}

/**
 * Profile B of Bill Payments 1.0.0 sends string result classes (bill-payments §5.6) and, on errors,
 * `error_code: "CORE__<n>"`. The class alone maps to a representative numeric code.
 */
const PROFILE_B_CLASSES: Readonly<Record<string, number>> = {
  SUCCESS: 0,
  AUTH_FAILED: 150,
  BAD_REQUEST: 341,
  FATAL_ERROR: 78,
  GENERAL_ERROR: 78,
  TEMPORARY_ERROR: 300,
  TEMPORAL_ERROR: 300,
  RETRYABLE_ERROR: 300,
};

export function resultCodeFromProfileB(resultClass: string, errorCode: unknown): number | undefined {
  if (typeof errorCode === 'string') {
    const match = /^CORE__(\d+)$/.exec(errorCode);
    if (match) return Number(match[1]);
  }
  return PROFILE_B_CLASSES[resultClass.toUpperCase()];
}
