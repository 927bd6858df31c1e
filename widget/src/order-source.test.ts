import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { json } from './contract-fixtures';
import { hasOrderSource, newOrderToken, renewable } from './order-source';
import { resolveOptions, type Config, type QiwiPayOptions } from './options';

const config = (o: QiwiPayOptions) => resolveOptions({ backend: 'https://x.example', ...o }) as Config;
const api = (fetch = vi.fn(async () => json({ orderToken: 'h.p.endpoint' }))) => createApiClient(fetch);

describe('order source', () => {
  it('knows which buttons can make new orders', () => {
    expect(hasOrderSource(config({ orderToken: 't' }))).toBe(false);
    expect(hasOrderSource(config({ orderEndpoint: '/o' }))).toBe(true);
    expect(hasOrderSource(config({ createOrder: async () => 't' }))).toBe(true);
    // A catalog item has no source, but pressing after a failure still buys it anew.
    expect(hasOrderSource(config({ item: 'mug' }))).toBe(false);
    expect(renewable(config({ item: 'mug' }))).toBe(true);
    expect(renewable(config({ orderToken: 't' }))).toBe(false);
    expect(renewable(config({ orderToken: 't', orderEndpoint: '/o' }))).toBe(true);
  });

  it('asks the endpoint before createOrder', async () => {
    const createOrder = vi.fn(async () => 'h.p.code');
    expect(await newOrderToken(api(), config({ orderEndpoint: '/o', createOrder }))).toBe('h.p.endpoint');
    expect(createOrder).not.toHaveBeenCalled();
    expect(await newOrderToken(api(), config({ createOrder }))).toBe('h.p.code');
  });

  it.each([
    ['throws', () => Promise.reject('no cart'), 'it no cart'],
    ['resolves an empty string', async () => '', 'it resolved '],
    ['resolves a number', async () => 42 as unknown as string, 'it resolved 42'],
  ])('explains a createOrder that %s, as a retryable error', async (_, createOrder, end) => {
    const error = await newOrderToken(api(), config({ createOrder })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'create_order', retryable: true });
    expect((error as Error).message).toBe('createOrder must resolve to a new order token; ' + end);
  });
});
