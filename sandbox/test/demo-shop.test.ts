// The demo shop: a cart priced on the server, an order token its own backend signs, the script tag as
// a merchant pastes it, and a strict CSP on every page.
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

  it('signs the cart as an order token for qiwi-pay and embeds the widget with SRI and a nonce', async () => {
    const response = await fetch(`${url}/cart?cart=tee:1`);
    const html = await response.text();
    const token = /data-order-token="([^"]+)"/.exec(html)?.[1] as string;
    const claims = jwt.verify(token, secret, { audience: 'qiwi-pay', algorithms: ['HS256'] }) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      amount: '1290.00',
      currency: 'RUB',
      phone: '+79001234567',
      successUrl: 'http://127.0.0.1:5173/thanks',
    });
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("require-trusted-types-for 'script'; trusted-types 'none'");
    expect(html).toContain(
      `<script src="/qiwi-pay.js" data-backend="http://127.0.0.1:8787" integrity="sha384-test" crossorigin="anonymous" nonce="${nonce}"`,
    );
  });

  it('keeps one order per cart: the same cart shows the same token, another cart a new one', async () => {
    const first = await fetch(`${url}/cart?cart=mug:1`);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const token = /data-order-token="([^"]+)"/.exec(await first.text())?.[1];
    const again = await (await fetch(`${url}/cart?cart=mug:1`, { headers: { cookie } })).text();
    expect(/data-order-token="([^"]+)"/.exec(again)?.[1]).toBe(token);
    const other = await (await fetch(`${url}/cart?cart=mug:2`, { headers: { cookie } })).text();
    expect(/data-order-token="([^"]+)"/.exec(other)?.[1]).not.toBe(token);
  });

  it('serves an empty cart and the thank-you page', async () => {
    expect(await (await fetch(`${url}/cart`)).text()).toContain('Your cart is empty');
    expect(await (await fetch(`${url}/thanks?order=demo-1`)).text()).toContain('data-qiwi-pay');
  });
});
