// The demo shop: a cart priced on the server, an order endpoint where its own backend signs a new order
// each time, the script tag as a merchant pastes it, the documented return element, and a strict CSP
// on every page.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartTotal, parseCart } from '../src/demo-shop/catalog.js';
import { createDemoShop } from '../src/demo-shop/demo-shop.js';

const secret = 'demo-shop-test-secret-0123456789abcdef';
let url: string;
let close: () => void;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-shop-'));
  const widgetFile = join(dir, 'qiwi-pay.js');
  writeFileSync(widgetFile, '/* widget */');
  writeFileSync(`${widgetFile}.sri`, 'sha384-test\n');
  const app = createDemoShop({
    backendUrl: 'http://127.0.0.1:8787',
    shopUrl: 'http://127.0.0.1:5173',
    orderTokenSecret: secret,
    widgetFile,
    payerPhone: '+79001234567',
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe('demo shop', () => {
  it('prices the cart in kopecks', () => {
    expect(cartTotal(parseCart('mug:2,stickers:1,unknown:3,tee:0'))).toBe('999.90');
  });

  const newOrder = (cart: string, init: RequestInit = {}) =>
    fetch(`${url}/shop/order?cart=${cart}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{}',
      ...init,
    });
  const claimsOf = async (response: Response) =>
    jwt.verify(((await response.json()) as { orderToken: string }).orderToken, secret, {
      audience: 'qiwi-pay',
      algorithms: ['HS256'],
    }) as Record<string, unknown>;

  it('puts the order endpoint on the cart page and embeds the widget with SRI and a nonce', async () => {
    const response = await fetch(`${url}/cart?cart=tee:1`);
    const html = await response.text();
    expect(html).toContain('<div data-qiwi-pay data-order-endpoint="/shop/order?cart=tee:1"></div>');
    expect(html).not.toContain('data-order-token');
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // The order endpoint is the page's own origin; the qiwi-pay server is the only other one.
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:8787;");
    expect(csp).toContain("require-trusted-types-for 'script'; trusted-types 'none'");
    expect(html).toContain(
      `<script src="/qiwi-pay.js" data-backend="http://127.0.0.1:8787" integrity="sha384-test" crossorigin="anonymous" nonce="${nonce}"`,
    );
  });

  it('signs a new order for the cart on every POST to the order endpoint: price, phone, return URLs', async () => {
    const first = await newOrder('tee:1');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const claims = await claimsOf(first);
    expect(claims).toMatchObject({
      amount: '1290.00',
      currency: 'RUB',
      phone: '+79001234567',
      successUrl: 'http://127.0.0.1:5173/thanks',
      failUrl: 'http://127.0.0.1:5173/cart?cart=tee:1',
    });
    expect(claims.orderId).toMatch(/^demo-[0-9a-f]{12}$/);
    const second = await claimsOf(await newOrder('tee:1'));
    expect(second.orderId).not.toBe(claims.orderId);
  });

  it('refuses an empty cart, or a body that is not JSON, with a message', async () => {
    const empty = await newOrder('');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      error: { code: 'bad_cart', message: 'POST JSON with a non-empty ?cart=, e.g. mug:1' },
    });
    // A plain form post (what another site could send without a CORS preflight) is refused.
    const form = await newOrder('mug:1', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(400);
  });

  it('serves an empty cart and the thank-you page', async () => {
    expect(await (await fetch(`${url}/cart`)).text()).toContain('Your cart is empty');
    const thanks = await (await fetch(`${url}/thanks?order=demo-1`)).text();
    expect(thanks).toContain('<div data-qiwi-pay data-return></div>');
    expect(thanks).not.toContain('status-only');
  });
});
