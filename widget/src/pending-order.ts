// The orders this browser went to pay, kept in localStorage so the page the shopper comes back to —
// the return page in the same tab, after a reload, in a new tab, or the shop's page after a card
// payment, which does not redirect back (pull-rest-api-2.1.md §8.3) — can show their true status,
// or send the shopper back to QIWI to finish. Each holds the order id, the status token scoped to
// that one order, the backend, which button started it, the QIWI URL the tab went to (the browser
// saw it anyway) and when; nothing else. At most MAX orders and MAX_AGE_MS old: a status token is
// worth nothing beyond its order, and an old order's status is the shop's to tell. Storage may be
// missing or throw (sandboxed frames, privacy modes): then the widget simply forgets, and paying
// still works.

export interface PendingOrder {
  readonly orderId: string;
  readonly statusToken: string;
  readonly backend: string;
  /** Config.ref of the button that started it. */
  readonly ref: string;
  /** QIWI's page for this order, to continue an unfinished payment. */
  readonly url: string;
  /** When it was saved (ms since the epoch). */
  readonly at?: number;
  /** Its status is final: a return page still shows it, the button that started it starts afresh. */
  readonly done?: boolean;
}

export interface PendingOrders {
  /** Remembers the order this button now owns. */
  save(order: PendingOrder): void;
  /**
   * The newest remembered order of this backend that `?order=` on the return page names, or else
   * that this button started and is not final (a return element, `ref` empty, takes the newest) —
   * unless another button on the page took it already: one order, one button showing its status.
   */
  take(backend: string, ref: string, returnedOrderId: string | null): PendingOrder | undefined;
  /** Lets another button take the order (this one unmounted or moved on). */
  release(orderId: string): void;
  /** The order's status is final: kept for return pages, no longer resumed by its button. */
  finish(orderId: string): void;
  /** Forgets the order: the server cannot tell about it any more. */
  remove(orderId: string): void;
}

const KEY = 'qiwi-pay:orders';
const MAX = 5;
const MAX_AGE_MS = 48 * 3600_000;

export function createPendingOrders(storage: () => Storage): PendingOrders {
  const taken = new Set<string>();
  const read = (): PendingOrder[] => {
    try {
      const list: PendingOrder[] = JSON.parse(storage().getItem(KEY)!);
      return list.filter((o) => Date.now() - o.at! < MAX_AGE_MS);
    } catch {
      return [];
    }
  };
  /** Writes `first` (if any) and the others but `id`, newest first. */
  const write = (id: string, first?: PendingOrder) => {
    try {
      const list = read().filter((o) => o.orderId !== id);
      storage().setItem(KEY, JSON.stringify((first ? [first, ...list] : list).slice(0, MAX)));
    } catch {
      // Full or forbidden storage: the return page says it cannot find the order.
    }
  };
  return {
    save(order) {
      taken.add(order.orderId);
      write(order.orderId, { ...order, at: Date.now() });
    },
    take(backend, ref, returned) {
      const order = read().find(
        (o) =>
          o.backend === backend &&
          !taken.has(o.orderId) &&
          (o.orderId === returned || (ref ? !o.done && o.ref === ref : !returned)),
      );
      if (order) taken.add(order.orderId);
      return order;
    },
    release: (orderId) => taken.delete(orderId),
    finish(orderId) {
      const order = read().find((o) => o.orderId === orderId);
      if (order) write(orderId, { ...order, done: true });
    },
    remove: (orderId) => write(orderId),
  };
}
