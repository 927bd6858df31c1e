// A small merchant site standing in for the merchant's own: a few products, a cart, an order endpoint
// where the shop's own backend signs a new order token (HS256, the secret it shares with the
// qiwi-pay server) each time the button asks, the return page with the widget's documented return
// element, and the widget's script tag exactly as a merchant would paste it. Pages carry a strict
// CSP: no inline script or style.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { type Express, type Response } from 'express';
import jwt from 'jsonwebtoken';
import { markup, type Html } from '../http/html.js';
import { PRODUCTS, addToCart, cartTotal, formatCart, parseCart, type Cart } from './catalog.js';

export interface DemoShopOptions {
  /** Where the qiwi-pay server listens, e.g. http://127.0.0.1:8787. */
  readonly backendUrl: string;
  /** The origin this shop is served from (for return URLs). */
  readonly shopUrl: string;
  /** The secret shared with the qiwi-pay server's ORDER_TOKEN_SECRET. */
  readonly orderTokenSecret: string;
  /** The built widget (widget/dist/qiwi-pay.js) and its SRI hash file. */
  readonly widgetFile: string;
  /** The payer's wallet number put in the order (the checkout flow needs one). */
  readonly payerPhone?: string;
}

const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#faf7f2;color:#1d1d1f}
header{background:#1d1d1f;color:#fff;padding:1rem 2rem}header a{color:#ffb347}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}ul{list-style:none;padding:0}
li{display:flex;justify-content:space-between;align-items:center;background:#fff;margin:.5rem 0;padding:.75rem 1rem;border-radius:8px}
a.button{background:#1d1d1f;color:#fff;padding:.5rem 1rem;border-radius:6px;text-decoration:none}
.total{font-size:1.25rem;font-weight:600}`;

export function createDemoShop(options: DemoShopOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const widget = () => readFileSync(options.widgetFile);
  const integrity = () => readFileSync(`${options.widgetFile}.sri`, 'utf8').trim();
  const backendOrigin = new URL(options.backendUrl).origin;

  function page(res: Response, title: string, body: Html): void {
    const nonce = randomBytes(16).toString('base64');
    res.set(
      'content-security-policy',
      // As strict as a merchant's page can be: scripts by nonce only, no inline styles, and
      // Trusted Types enforced for every DOM sink; the widget needs nothing more. connect-src names
      // the qiwi-pay server and 'self', for the shop's own order endpoint.
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; connect-src 'self' ${backendOrigin}; img-src 'self'; form-action 'self'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'`,
    );
    res.type('html').send(
      markup`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} — Demo Shop</title><link rel="stylesheet" href="/shop.css">
<script src="/qiwi-pay.js" data-backend="${options.backendUrl}" integrity="${integrity()}" crossorigin="anonymous" nonce="${nonce}" defer></script>
</head><body><header><a href="/">Demo Shop</a> · a merchant page paying through qiwi-pay</header><main>${body}</main></body></html>`.toString(),
    );
  }

  app.get('/shop.css', (_req, res) => void res.type('css').send(CSS));
  app.get(
    '/qiwi-pay.js',
    (_req, res) => void res.set('access-control-allow-origin', '*').type('js').send(widget()),
  );

  app.get('/', (req, res) => {
    const cart = parseCart(req.query.cart);
    const items = PRODUCTS.map(
      (p) =>
        markup`<li><span>${p.name} — ${p.price} ₽</span><a class="button" href="/?cart=${formatCart(addToCart(cart, p.id))}">Add to cart</a></li>`,
    );
    const count = [...cart.values()].reduce((a, b) => a + b, 0);
    page(
      res,
      'Products',
      markup`<h1>Products</h1><ul>${items}</ul><p><a href="/cart?cart=${formatCart(cart)}">Cart (${count})</a></p>`,
    );
  });

  app.get('/cart', (req, res) => {
    const cart = parseCart(req.query.cart);
    if (cart.size === 0)
      return page(res, 'Cart', markup`<h1>Your cart is empty</h1><p><a href="/">Choose something</a></p>`);
    const lines = [...cart].map(
      ([id, n]) => markup`<li><span>${PRODUCTS.find((p) => p.id === id)?.name} × ${n}</span></li>`,
    );
    // The button asks /shop/order for each new order: the first press, and "Try again" after a
    // decline or a payment error (QIWI sends the shopper back here, the failUrl, with ?order=).
    // Coming back to the same cart after a card payment, which does not redirect, the button finds
    // the order it started (remembered under this endpoint) and shows its status.
    page(
      res,
      'Cart',
      markup`<h1>Your cart</h1><ul>${lines}</ul><p class="total">Total: ${cartTotal(cart)} ₽</p>
<div data-qiwi-pay data-order-endpoint="/shop/order?cart=${formatCart(cart)}"></div>`,
    );
  });

  // The order endpoint the widget POSTs to (same origin, `{}` in, `{ "orderToken" }` out): the
  // shop's own backend decides the order — a new order id every time, the price from its catalog,
  // the payer's phone and the return URLs — so the browser carries the order but cannot change it.
  // A shop would take the cart from its session; the demo keeps it in the URL. The request is JSON,
  // so another site's page cannot send it without a CORS preflight, which this shop never allows.
  app.post('/shop/order', (req, res) => {
    res.set('cache-control', 'no-store');
    const cart = parseCart(req.query.cart);
    if (cart.size === 0 || !req.is('application/json')) {
      return void res
        .status(400)
        .json({ error: { code: 'bad_cart', message: 'POST JSON with a non-empty ?cart=, e.g. mug:1' } });
    }
    res.json({ orderToken: signOrder(cart, `demo-${randomBytes(6).toString('hex')}`) });
  });

  function signOrder(cart: Cart, orderId: string, expiresIn = 30 * 60): string {
    const cartText = formatCart(cart);
    return jwt.sign(
      {
        orderId,
        amount: cartTotal(cart),
        currency: 'RUB',
        comment: `Demo Shop order ${orderId}`,
        ...(options.payerPhone ? { phone: options.payerPhone } : {}),
        successUrl: `${options.shopUrl}/thanks`,
        failUrl: `${options.shopUrl}/cart?cart=${cartText}`,
      },
      options.orderTokenSecret,
      { algorithm: 'HS256', audience: 'qiwi-pay', expiresIn },
    );
  }

  // The successUrl. QIWI sends wallet payers back here with ?order=<id> (pull-rest-api-2.1.md §8.3);
  // the return element shows that order's true status — in this tab, after a reload, or in a new
  // tab — and says neutrally when it knows no order.
  app.get('/thanks', (_req, res) => {
    page(
      res,
      'Thank you',
      markup`<h1>Thank you!</h1><p>Your payment status:</p><div data-qiwi-pay data-return></div><p><a href="/">Back to the shop</a></p>`,
    );
  });

  return app;
}
