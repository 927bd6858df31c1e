// Bill and refund statuses of both protocols (pull-rest-api-2.1.md §10, bill-payments §10). Later
// drafts write them in capitals, so they are compared case-insensitively (bill-payments B26).

export const BILL_STATUSES = ['waiting', 'paid', 'rejected', 'unpaid', 'expired'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

export const REFUND_STATUSES = ['processing', 'success', 'fail'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export function parseBillStatus(value: unknown): BillStatus | undefined {
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  return (BILL_STATUSES as readonly string[]).includes(lower ?? '') ? (lower as BillStatus) : undefined;
}

export function parseRefundStatus(value: unknown): RefundStatus | undefined {
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  return (REFUND_STATUSES as readonly string[]).includes(lower ?? '') ? (lower as RefundStatus) : undefined;
}
