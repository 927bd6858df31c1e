import { beforeEach, describe, expect, it } from 'vitest';
import { createPendingOrders, type PendingOrder } from './pending-order';

const order: PendingOrder = {
  orderId: 'o-1',
  statusToken: 'st',
  backend: 'https://shop.example/api',
  ref: 'sku*1',
  url: 'https://oplata.qiwi.com/form?shop=21379721&transaction=o-1',
};

describe('pending order in sessionStorage', () => {
  beforeEach(() => sessionStorage.clear());

  it('is found by the button that started it, or by ?order= on the return page, once per page', () => {
    createPendingOrders(() => sessionStorage).save(order);
    // A new page load: a fresh store over the same tab storage.
    const page = createPendingOrders(() => sessionStorage);
    expect(page.take('https://other.example', 'sku*1', null)).toBeUndefined();
    expect(page.take(order.backend, 'another-item', null)).toBeUndefined();
    expect(page.take(order.backend, 'another-item', 'o-1')).toEqual(order);
    // Taken: a second button on the same page does not show it too.
    expect(page.take(order.backend, 'sku*1', null)).toBeUndefined();
    page.release('o-1');
    expect(page.take(order.backend, 'sku*1', null)).toEqual(order);
  });

  it('is forgotten once final', () => {
    const page = createPendingOrders(() => sessionStorage);
    page.save(order);
    page.remove('o-1');
    expect(sessionStorage.getItem('qiwi-pay:pending')).toBeNull();
    expect(createPendingOrders(() => sessionStorage).take(order.backend, 'sku*1', 'o-1')).toBeUndefined();
  });

  it('stores nothing secret: only id, status token, backend, button reference and the QIWI URL the tab saw', () => {
    createPendingOrders(() => sessionStorage).save(order);
    expect(Object.keys(JSON.parse(sessionStorage.getItem('qiwi-pay:pending')!)).sort()).toEqual([
      'backend',
      'orderId',
      'ref',
      'statusToken',
      'url',
    ]);
  });

  it('works without storage (sandboxed frames, privacy modes): it just forgets', () => {
    const broken = createPendingOrders(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(() => broken.save(order)).not.toThrow();
    expect(broken.take(order.backend, 'sku*1', 'o-1')).toBeUndefined();
    expect(() => broken.remove('o-1')).not.toThrow();
  });

  it('ignores garbage in storage', () => {
    sessionStorage.setItem('qiwi-pay:pending', '{not json');
    expect(createPendingOrders(() => sessionStorage).take(order.backend, 'sku*1', null)).toBeUndefined();
  });
});
