// The order this tab went to pay, kept in sessionStorage so the button on the return page — or on
// the same page after a card payment, which does not redirect back (pull-rest-api-2.1.md §8.3) —
// can poll its status, or send the shopper back to QIWI to finish it. It holds the order id, the
// status token scoped to that one order, the backend, which button started it and the QIWI URL the
// tab went to (the browser saw it anyway); nothing else. Storage may be missing or throw (sandboxed
// frames, privacy modes): then the widget simply forgets, and paying still works.

export interface PendingOrder {
  readonly orderId: string;
  readonly statusToken: string;
  readonly backend: string;
  /** Config.ref of the button that started it. */
  readonly ref: string;
  /** QIWI's page for this order, to continue an unfinished payment. */
  readonly url: string;
}

export interface PendingOrders {
  /** Remembers the order this button now owns (one per tab: the latest wins). */
  save(order: PendingOrder): void;
  /**
   * The remembered order if it belongs to this backend and either `?order=` on the return page
   * names it or this button started it — unless another button on the page took it already: one
   * order, one button showing its status.
   */
  take(backend: string, ref: string, returnedOrderId: string | null): PendingOrder | undefined;
  /** Lets another button take the order (this one unmounted or moved on). */
  release(orderId: string): void;
  /** Forgets the order: its status is final. */
  remove(orderId: string): void;
}

const KEY = 'qiwi-pay:pending';

export function createPendingOrders(storage: () => Storage): PendingOrders {
  let taken: string | undefined;
  const read = (): PendingOrder | undefined => {
    try {
      return JSON.parse(storage().getItem(KEY)!) ?? undefined;
    } catch {
      return undefined;
    }
  };
  const write = (order?: PendingOrder) => {
    try {
      if (order) storage().setItem(KEY, JSON.stringify(order));
      else storage().removeItem(KEY);
    } catch {
      // Full or forbidden storage: the return page shows the idle button instead of the status.
    }
  };
  return {
    save(order) {
      taken = order.orderId;
      write(order);
    },
    take(backend, ref, returnedOrderId) {
      const order = read();
      if (order?.backend !== backend || order.orderId === taken) return;
      if (order.orderId !== returnedOrderId && order.ref !== ref) return;
      taken = order.orderId;
      return order;
    },
    release: (orderId) => taken === orderId && (taken = undefined),
    remove(orderId) {
      if (read()?.orderId === orderId) write();
      this.release(orderId);
    },
  };
}
