// Asks QIWI about an order whose last check is stale, so a page polling its status sees a payment even
// when the notification is late or lost (pull §9.1: the merchant may poll at any time).

import type { Logger } from 'pino';
import { QiwiApiError, type QiwiBill, type QiwiClient } from '../qiwi/index.js';
import type { Order, Store } from '../store/store.js';
import { isLapsedWithoutBill, LAPSED_WITHOUT_BILL } from './lapsed-order.js';
import { isFinal, type OrderStatus } from './order-status.js';

export interface RefreshDeps {
  readonly store: Store;
  readonly qiwi: QiwiClient;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly staleAfterMs: number;
}

export async function refreshIfStale(deps: RefreshDeps, order: Order): Promise<Order> {
  const now = deps.clock();
  const checkedAt = order.lastCheckedAt ? Date.parse(order.lastCheckedAt) : 0;
  if (isFinal(order.status) || now.getTime() - checkedAt < deps.staleAfterMs) return order;
  try {
    await deps.store.markChecked(order.id, now.toISOString());
    const bill = await billOrNone(deps.qiwi, order.id);
    if (bill === undefined) {
      // The payer has not submitted the web form yet, or never will once the deadline has passed.
      if (!isLapsedWithoutBill(order, now)) return (await deps.store.getOrder(order.id)) ?? order;
      const { order: expired } = await deps.store.applyStatus(order.id, {
        to: 'expired',
        source: 'poll',
        at: now.toISOString(),
        detail: LAPSED_WITHOUT_BILL,
      });
      return expired;
    }
    if (bill.amount !== order.amount || bill.currency !== order.currency) {
      deps.logger.warn(
        { orderId: order.id },
        'QIWI reports another amount or currency for this bill; status not applied',
      );
      return order;
    }
    const { order: updated } = await deps.store.applyStatus(order.id, {
      to: bill.status as OrderStatus,
      source: 'poll',
      at: now.toISOString(),
    });
    return updated;
  } catch (error) {
    deps.logger.warn(
      { orderId: order.id, code: (error as { code?: string }).code },
      'status check with QIWI failed; answering from the ledger',
    );
    return (await deps.store.getOrder(order.id)) ?? order;
  }
}

/** The bill QIWI holds, or undefined when it answers 210: it has no bill by that id. */
async function billOrNone(qiwi: QiwiClient, billId: string): Promise<QiwiBill | undefined> {
  try {
    return await qiwi.getBill(billId);
  } catch (error) {
    if (error instanceof QiwiApiError && error.resultCode === 210) return undefined;
    throw error;
  }
}
