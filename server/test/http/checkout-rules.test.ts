// Money rules of the checkout on the running backend: the catalog's price × quantity, its quantity
// limit and the order id derived from the Idempotency-Key; and QIWI timing out answered as a
// retryable 503, so the widget tries again instead of giving up.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../stack.js';

describe('catalog checkout', () => {
  let stack: Stack;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qiwi-pay-catalog-'));
    const catalog = join(dir, 'catalog.json');
    writeFileSync(
      catalog,
      JSON.stringify({ items: { mug: { name: 'Mug', amount: '199.99', currency: 'RUB', maxQuantity: 3 } } }),
    );
    stack = await startStack({ env: { CATALOG_FILE: catalog } });
  });
  afterAll(async () => {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const buy = (quantity: unknown, key?: string) =>
    stack.call('POST', '/v1/checkout', {
      body: { item: 'mug', quantity, flow: 'webform' },
      headers: key ? { 'idempotency-key': key } : {},
    });

  it('charges price × quantity from the catalog, in exact kopecks', async () => {
    const answer = await buy(3, 'key-price-3x');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ amount: '599.97', currency: 'RUB', status: 'created' });
    const order = await stack.runtime.ledger.getOrder(answer.body.orderId);
    expect(order?.amount).toBe(59_997);
    expect(order?.origin).toBe('catalog');
  });

  it('derives the order id from the Idempotency-Key: a retry is the same order, another key another', async () => {
    const first = await buy(2, 'key-retry-0001');
    const retry = await buy(2, 'key-retry-0001');
    const other = await buy(2, 'key-retry-0002');
    expect(retry.body.orderId).toBe(first.body.orderId);
    expect(other.body.orderId).not.toBe(first.body.orderId);
    expect(first.body.orderId).toMatch(/^c[A-Za-z0-9_-]{20}$/);
    const ids = (await stack.runtime.ledger.listOrders({ limit: 100 })).map((o) => o.id);
    expect(ids.filter((id) => id === first.body.orderId)).toHaveLength(1);
  });

  it('refuses a catalog checkout without an Idempotency-Key, so retries cannot multiply orders', async () => {
    const before = (await stack.runtime.ledger.listOrders({ limit: 500 })).length;
    const answer = await buy(1);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('idempotency_key_required');
    expect((await stack.runtime.ledger.listOrders({ limit: 500 })).length).toBe(before);
  });

  it('refuses a quantity above the item maximum, below 1 or not whole', async () => {
    for (const quantity of [4, 1000, 0, -1, 1.5])
      expect(
        (await buy(quantity, `key-qty-${String(quantity).replace(/\W/g, '_')}-x`)).body.error,
        String(quantity),
      ).toEqual({
        code: 'invalid_quantity',
        message: 'quantity must be a whole number from 1 to 3',
      });
  });
});

describe('QIWI timing out at checkout', () => {
  let hanging: Server;
  let stack: Stack;
  beforeAll(async () => {
    // Accepts the connection and never answers.
    hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    stack = await startStack({ env: { QIWI_API_URL: `http://127.0.0.1:${port}`, QIWI_TIMEOUT_MS: '150' } });
  });
  afterAll(async () => {
    await stack.close();
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  });

  it('answers 503 qiwi_unavailable (retryable), never a 4xx the widget would give up on', async () => {
    const answer = await stack.call('POST', '/v1/checkout', {
      body: { orderToken: stack.mint({ orderId: 'slow-1', phone: '+79001234567' }), flow: 'checkout' },
    });
    expect(answer.status).toBe(503);
    expect(answer.body.error).toEqual({
      code: 'qiwi_unavailable',
      message: 'QIWI did not answer in time; try again in a moment',
    });
  });
});
