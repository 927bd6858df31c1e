// The filters of an order listing, read the same way by GET /v1/admin/orders and `qiwi-pay orders`,
// so both refuse a bad value with the same code and message.
import { AppError } from '../errors/app-error.js';
import { ORDER_STATUSES, type OrderStatus } from '../ledger/index.js';

/** `status=paid,waiting` → the statuses; undefined when absent. */
export function statusFilter(value: unknown): OrderStatus[] | undefined {
  if (value === undefined) return undefined;
  const statuses = typeof value === 'string' ? value.split(',') : [String(value)];
  for (const s of statuses)
    if (!(ORDER_STATUSES as readonly string[]).includes(s))
      throw new AppError('invalid_status', `status must be among ${ORDER_STATUSES.join(', ')}`);
  return statuses as OrderStatus[];
}

/** `limit`: 1–500, 50 when absent. */
export function limitFilter(value: unknown): number {
  const n = value === undefined ? 50 : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500)
    throw new AppError('invalid_limit', 'limit must be a whole number from 1 to 500');
  return n;
}
