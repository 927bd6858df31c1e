// A small merchant site standing in for the merchant's own: a few products, a cart whose order token
// the shop's own backend signs (HS256, the secret it shares with the qiwi-pay server), and the widget's
// script tag exactly as a merchant would paste it. Pages carry a strict CSP: no inline script or style.

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
      // Trusted Types enforced for every DOM sink; the widget needs nothing more.
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; connect-src ${backendOrigin}; img-src 'self'; form-action 'self'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'`,
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
    const total = cartTotal(cart);
    const cartText = formatCart(cart);
    // One order per cart, as a shop keeps it: coming back to the same cart (say, after paying by card,
    // which does not redirect) shows the same order, so the button finds the payment it started.
    const kept = keptOrder(req.headers.cookie, cartText);
    if (kept) return cartPage(res, cart, total, kept);
    // The shop's own backend decides the order: the browser carries it but cannot change it.
    const orderId = `demo-${randomBytes(6).toString('hex')}`;
    const orderToken = jwt.sign(
      {
        orderId,
        amount: total,
        currency: 'RUB',
        comment: `Demo Shop order ${orderId}`,
        ...(options.payerPhone ? { phone: options.payerPhone } : {}),
        successUrl: `${options.shopUrl}/thanks`,
        failUrl: `${options.shopUrl}/cart?cart=${cartText}`,
        cart: cartText,
      },
      options.orderTokenSecret,
      { algorithm: 'HS256', audience: 'qiwi-pay', expiresIn: 30 * 60 },
    );
    res.cookie('demo_order', orderToken, { httpOnly: true, sameSite: 'lax', maxAge: 30 * 60 * 1000 });
    cartPage(res, cart, total, orderToken);
  });

  function keptOrder(cookieHeader: string | undefined, cartText: string): string | undefined {
    const raw = /(?:^|;\s*)demo_order=([^;]+)/.exec(cookieHeader ?? '')?.[1];
    if (!raw) return undefined;
    const token = decodeURIComponent(raw);
    try {
      const claims = jwt.verify(token, options.orderTokenSecret, {
        audience: 'qiwi-pay',
        algorithms: ['HS256'],
      }) as { cart?: string };
      return claims.cart === cartText ? token : undefined;
    } catch {
      return undefined;
    }
  }

  function cartPage(res: Response, cart: Cart, total: string, orderToken: string): void {
    const lines = [...cart].map(
      ([id, n]) => markup`<li><span>${PRODUCTS.find((p) => p.id === id)?.name} × ${n}</span></li>`,
    );
    page(
      res,
      'Cart',
      markup`<h1>Your cart</h1><ul>${lines}</ul><p class="total">Total: ${total} ₽</p>
<div data-qiwi-pay data-order-token="${orderToken}"></div>`,
    );
  }

  // QIWI sends wallet payers back here with ?order=<id>; the widget finds the order it remembered and
  // shows its status. Card payers come back on their own and see the same.
  app.get('/thanks', (_req, res) => {
    page(
      res,
      'Thank you',
      markup`<h1>Thank you!</h1><p>Your payment status:</p><div data-qiwi-pay data-item="status-only"></div><p><a href="/">Back to the shop</a></p>`,
    );
  });

  return app;
}
