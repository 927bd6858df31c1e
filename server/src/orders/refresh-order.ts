// Asks QIWI about an order whose last check is stale, so a page polling its status sees a payment even
// when the notification is late or lost (pull §9.1: the merchant may poll at any time). What QIWI says
// is judged by the ledger, exactly as for a notification or the reconciler.

import type { Logger } from 'pino';
import { askQiwi, isFinal, type Ledger, type Order } from '../ledger/index.js';
import type { QiwiClient } from '../qiwi/index.js';

export interface RefreshDeps {
  readonly ledger: Ledger;
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
    await deps.ledger.markChecked(order.id, now.toISOString());
    const word = await askQiwi(deps.qiwi, order.id);
    const outcome = await deps.ledger.applyQiwiWord(word, { source: 'poll', at: now.toISOString() });
    if (outcome.kind === 'refused') {
      deps.logger.warn(
        { orderId: order.id, reason: outcome.reason },
        'status poll: QIWI differs from the ledger; status not applied',
      );
      return order;
    }
    return outcome.order;
  } catch (error) {
    deps.logger.warn(
      { orderId: order.id, code: (error as { code?: string }).code },
      'status check with QIWI failed; answering from the ledger',
    );
    return (await deps.ledger.getOrder(order.id)) ?? order;
  }
}
