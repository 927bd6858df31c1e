// What a browser may read about an order: status and amounts, nothing secret (DESIGN.md).
import { isFinal, type Order } from '../ledger/index.js';
import { formatAmount } from '../qiwi/index.js';

export interface PublicOrder {
  readonly orderId: string;
  readonly status: Order['status'];
  readonly final: boolean;
  readonly amount: string;
  readonly currency: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function publicOrder(order: Order): PublicOrder {
  return {
    orderId: order.id,
    status: order.status,
    final: isFinal(order.status),
    amount: formatAmount(order.amount),
    currency: order.currency,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
