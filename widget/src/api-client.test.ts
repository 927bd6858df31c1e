import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { BACKEND, checkoutAnswer, errorAnswer, json, orderAnswer } from './contract-fixtures';

describe('POST /v1/checkout', () => {
  it('sends the order token as JSON, without cookies, and returns the answer', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(checkoutAnswer(), 201));
    const answer = await createApiClient(fetch).checkout(BACKEND, {
      target: { orderToken: 'h.p.s' },
      flow: 'webform',
      paySource: 'qw',
    });
    expect(answer).toEqual(checkoutAnswer());
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://shop.example/api/v1/checkout');
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit' });
    expect(init!.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(init!.body as string)).toEqual({
      orderToken: 'h.p.s',
      flow: 'webform',
      paySource: 'qw',
    });
    expect(init!.signal).toBeInstanceOf(AbortSignal);
  });

  it('sends a catalog item with its Idempotency-Key, and leaves out what is not set', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(checkoutAnswer()));
    await createApiClient(fetch).checkout(BACKEND, {
      target: { item: 'sku-1', quantity: 2 },
      idempotencyKey: 'k_12345678',
    });
    const init = fetch.mock.calls[0]![1]!;
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'idempotency-key': 'k_12345678' });
    expect(init.body).toBe('{"item":"sku-1","quantity":2}');
  });

  it.each([
    [400, 'invalid_order_token', false],
    [409, 'order_conflict', false],
    [429, 'rate_limited', true],
    [503, 'qiwi_unavailable', true],
  ])('turns %i %s into an error with the server code (retryable: %s)', async (status, code, retryable) => {
    const fetch = async () => json(errorAnswer(code, 'what to do next'), status);
    await expect(createApiClient(fetch).checkout(BACKEND, { target: { item: 'a' } })).rejects.toMatchObject({
      code,
      retryable,
      message: expect.stringContaining('what to do next'),
    });
  });

  it('names a non-JSON answer (wrong backend URL) and a bare 502', async () => {
    const html = async () => new Response('<html>shop</html>', { status: 200 });
    await expect(createApiClient(html).checkout(BACKEND, { target: { item: 'a' } })).rejects.toMatchObject({
      code: 'http_200',
      retryable: false,
      message: expect.stringContaining('check the backend URL'),
    });
    const bare = async () => new Response('Bad gateway', { status: 502 });
    await expect(createApiClient(bare).checkout(BACKEND, { target: { item: 'a' } })).rejects.toMatchObject({
      code: 'http_502',
      retryable: true,
    });
  });

  it('reports an unreachable server or a CORS refusal as a retryable network error', async () => {
    const fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(createApiClient(fetch).checkout(BACKEND, { target: { item: 'a' } })).rejects.toMatchObject({
      code: 'network',
      retryable: true,
      message: expect.stringContaining('CORS'),
    });
  });

  it('gives up after the timeout', async () => {
    const hang = (_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init!.signal!.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    await expect(
      createApiClient(hang, 20).checkout(BACKEND, { target: { item: 'a' } }),
    ).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
    });
  });
});

describe('GET /v1/orders/{id}', () => {
  it('sends the status token as a bearer token and returns the status', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      json(orderAnswer('paid', true)),
    );
    const answer = await createApiClient(fetch).order(BACKEND, 'order/1001', 'st.ok.en');
    expect(answer).toMatchObject({ status: 'paid', final: true });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://shop.example/api/v1/orders/order%2F1001');
    expect(init).toMatchObject({ credentials: 'omit', headers: { authorization: 'Bearer st.ok.en' } });
    expect(init!.method).toBeUndefined();
  });

  it('reports an invalid status token as not retryable', async () => {
    const fetch = async () => json(errorAnswer('invalid_status_token', 'the status token is not valid'), 401);
    await expect(createApiClient(fetch).order(BACKEND, 'o', 't')).rejects.toMatchObject({
      code: 'invalid_status_token',
      retryable: false,
    });
  });
});

describe("POST to the shop's order endpoint", () => {
  const ENDPOINT = 'https://shop.example/shop/order';

  it('sends {} with the shop’s own cookies and returns the order token', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      json({ orderToken: 'h.p.s' }),
    );
    expect(await createApiClient(fetch).newOrder(ENDPOINT)).toBe('h.p.s');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(ENDPOINT);
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(init!.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    [
      json({ orderToken: 42 }),
      'http_200',
      /answered 200: not the expected \{ "orderToken": "…" \}: check data-order-endpoint/,
    ],
    [
      json(errorAnswer('cart_empty', 'the cart is empty'), 409),
      'cart_empty',
      /answered 409: the cart is empty/,
    ],
    [new Response('', { status: 404 }), 'http_404', /answered 404: not the expected/],
  ])(
    'turns a bad answer into a retryable error that says what was expected',
    async (answer, code, message) => {
      const fetch = vi.fn(async () => answer);
      const error = await createApiClient(fetch)
        .newOrder(ENDPOINT)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code, retryable: true });
      expect((error as Error).message).toMatch(message);
    },
  );

  it('does not blame CORS for an endpoint on the page’s own origin', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await createApiClient(fetch)
      .newOrder(ENDPOINT)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect((error as Error).message).toBe(`no answer from ${ENDPOINT}: is the server up?`);
  });
});
