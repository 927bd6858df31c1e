// Answers exactly as the server's public contracts give them (DESIGN.md; server/src/checkout/
// checkout-routes.ts and orders/order-view.ts): the widget's tests run against this shape.

export const BACKEND = 'https://shop.example/api';

export const checkoutAnswer = (over: Record<string, unknown> = {}) => ({
  orderId: 'order-1001',
  status: 'created',
  final: false,
  amount: '10.00',
  currency: 'RUB',
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
  redirect: {
    url: 'https://oplata.qiwi.com/form?shop=21379721&transaction=order-1001',
    method: 'GET',
    action: 'https://oplata.qiwi.com/form',
    params: { shop: '21379721', transaction: 'order-1001' },
  },
  statusToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlci0xMDAxIn0.c2lnbmF0dXJl',
  ...over,
});

export const orderAnswer = (status: string, final: boolean) => ({
  orderId: 'order-1001',
  status,
  final,
  amount: '10.00',
  currency: 'RUB',
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:01:00.000Z',
});

export const errorAnswer = (code: string, message: string) => ({ error: { code, message } });

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
