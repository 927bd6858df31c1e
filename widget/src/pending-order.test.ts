import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPendingOrders, type PendingOrder } from './pending-order';

const KEY = 'qiwi-pay:orders';
const BACKEND = 'https://shop.example/api';
const order = (n: number, more: Partial<PendingOrder> = {}): PendingOrder => ({
  orderId: 'o-' + n,
  statusToken: 'st-' + n,
  backend: BACKEND,
  ref: 'sku*1',
  url: 'https://oplata.qiwi.com/form?shop=21379721&transaction=o-' + n,
  ...more,
});
const store = () => createPendingOrders(() => localStorage);
const saved = () => JSON.parse(localStorage.getItem(KEY)!) as PendingOrder[];

describe('pending orders in localStorage', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers({ now: new Date('2026-12-01T04:00:00Z') });
  });
  afterEach(() => vi.useRealTimers());

  it('is found by the button that started it, or by ?order= on the return page, once per page', () => {
    store().save(order(1));
    // A new page load, or another tab: a fresh store over the same storage.
    const page = store();
    expect(page.take('https://other.example', 'sku*1', null)).toBeUndefined();
    expect(page.take(BACKEND, 'another-item', null)).toBeUndefined();
    expect(page.take(BACKEND, 'another-item', 'o-1')).toMatchObject(order(1));
    // Taken: a second button on the same page does not show it too.
    expect(page.take(BACKEND, 'sku*1', null)).toBeUndefined();
    page.release('o-1');
    expect(page.take(BACKEND, 'sku*1', null)).toMatchObject(order(1));
  });

  it('keeps a final order for return pages, but its button no longer resumes it', () => {
    store().save(order(1));
    store().finish('o-1');
    expect(store().take(BACKEND, 'sku*1', null)).toBeUndefined();
    expect(store().take(BACKEND, 'sku*1', 'o-1')).toMatchObject({ orderId: 'o-1', done: true });
    // A return element (no ref) without ?order= shows the newest order of its backend, final or not.
    expect(store().take(BACKEND, '', null)).toMatchObject({ orderId: 'o-1' });
    expect(store().take(BACKEND, '', 'o-unknown')).toBeUndefined();
  });

  it('remembers several orders, newest first, at most five and at most 48 hours old', () => {
    for (let n = 1; n <= 7; n++) {
      store().save(order(n));
      vi.advanceTimersByTime(3600_000);
    }
    expect(saved().map((o) => o.orderId)).toEqual(['o-7', 'o-6', 'o-5', 'o-4', 'o-3']);
    // An earlier order of another button is still found by its ?order=.
    expect(store().take(BACKEND, 'x', 'o-4')).toMatchObject({ orderId: 'o-4', statusToken: 'st-4' });
    vi.advanceTimersByTime(48 * 3600_000 - 4 * 3600_000);
    // o-3 (saved 5 h before the last) and o-4 are now older than 48 h; o-5 is not.
    expect(store().take(BACKEND, 'x', 'o-4')).toBeUndefined();
    expect(store().take(BACKEND, 'x', 'o-5')).toMatchObject({ orderId: 'o-5' });
  });

  it('forgets an order the server can no longer tell about', () => {
    const page = store();
    page.save(order(1));
    page.save(order(2));
    page.remove('o-1');
    expect(saved().map((o) => o.orderId)).toEqual(['o-2']);
    expect(store().take(BACKEND, 'x', 'o-1')).toBeUndefined();
  });

  it('stores nothing secret: only id, status token, backend, button reference, the QIWI URL the tab saw and when', () => {
    store().save(order(1));
    expect(Object.keys(saved()[0]!).sort()).toEqual([
      'at',
      'backend',
      'orderId',
      'ref',
      'statusToken',
      'url',
    ]);
    expect(saved()[0]!.at).toBe(Date.parse('2026-12-01T04:00:00Z'));
  });

  it('works without storage (sandboxed frames, privacy modes): it just forgets', () => {
    const broken = createPendingOrders(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(() => broken.save(order(1))).not.toThrow();
    expect(broken.take(BACKEND, 'sku*1', 'o-1')).toBeUndefined();
    expect(() => broken.finish('o-1')).not.toThrow();
    expect(() => broken.remove('o-1')).not.toThrow();
  });

  it.each(['{not json', '{"orderId":"o-1"}', 'null', '[1,null]'])(
    'ignores garbage in storage: %s',
    (text) => {
      localStorage.setItem(KEY, text);
      expect(store().take(BACKEND, 'sku*1', 'o-1')).toBeUndefined();
      expect(() => store().save(order(2))).not.toThrow();
    },
  );
});
