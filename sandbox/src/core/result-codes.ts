// Result codes of pull-rest-api-2.1.md §11 (bill-payments-rest-api-1.0.0.md §11.1 uses the same table)
// and the two HTTP-status profiles of pull-rest-api-2.1.md §14.

export const RESULT_DESCRIPTIONS: Readonly<Record<number, string>> = {
  0: 'Success',
  5: 'Invalid data in request parameters',
  13: 'Server is busy, please retry later',
  78: 'Operation is not allowed',
  150: 'Authorization failed',
  152: 'Protocol is not enabled or is disabled',
  155: 'This merchant identifier (API ID) is blocked',
  210: 'Bill not found',
  215: 'A bill with this bill_id already exists',
  241: 'Amount is too small',
  242: 'Amount is too large or exceeds the bill amount',
  298: 'No wallet is registered for this number',
  300: 'Technical error',
  303: 'Wrong phone number',
  316: 'Authorization attempt by a blocked merchant',
  319: 'No rights for this operation',
  339: 'Your IP address or address range is blocked',
  341: 'Required parameter is missing or incorrect',
  700: 'Monthly operation limit exceeded',
  774: 'Wallet is temporarily blocked',
  934: 'Region is not supported',
  1001: 'Currency is not allowed for the merchant',
  1003: 'No conversion rate for this currency pair',
  1018: 'Country is not supported',
  1019: 'Mobile operator cannot be determined for mobile-balance payment',
  1419: 'Bill data cannot be changed: payment in progress or bill already paid',
};

export function describeResult(code: number): string {
  return RESULT_DESCRIPTIONS[code] ?? 'Error';
}

export type HttpStatusProfile = 'documented' | 'strict';

const STRICT: ReadonlyArray<[number[], number]> = [
  [[0], 200],
  [[150, 155, 316, 339], 401],
  [[319], 403],
  [[210], 404],
  [[215, 1419], 409],
  [[5, 241, 242, 298, 303, 341, 1001, 1018, 1019, 934, 78, 700, 774], 400],
  [[13, 300, 1003, 152], 503],
];

/**
 * pull-rest-api-2.1.md §4.6 and §14: `documented` sends 401 for code 150 and 200 for everything else;
 * `strict` maps each code to the HTTP status a REST purist would expect.
 */
export function httpStatusFor(code: number, profile: HttpStatusProfile): number {
  if (profile === 'documented') return code === 150 ? 401 : 200;
  for (const [codes, status] of STRICT) if (codes.includes(code)) return status;
  return 400;
}

/** bill-payments-rest-api-1.0.0.md §5.6: profile B groups the numeric codes into string results. */
export function profileBResult(code: number): string {
  if (code === 0) return 'SUCCESS';
  if ([150, 155, 316, 339].includes(code)) return 'AUTH_FAILED';
  if ([5, 341, 303].includes(code)) return 'BAD_REQUEST';
  if ([13, 152, 300, 319, 774, 1003].includes(code)) return 'TEMPORARY_ERROR';
  return 'FATAL_ERROR';
}
