import { describe, expect, it } from 'vitest';
import { mergeOptions, readAttributes, resolveOptions } from './options';

const element = (html: string) => {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host.firstElementChild!;
};

describe('readAttributes', () => {
  it('reads every documented data attribute', () => {
    const options = readAttributes(
      element(
        '<div data-backend="https://shop.example/api" data-item="sku-1" data-quantity="2" data-flow="webform" ' +
          'data-pay-source="card" data-locale="ru" data-theme="dark" data-size="large" data-full-width data-label="Buy"></div>',
      ),
    );
    expect(options).toMatchObject({
      backend: 'https://shop.example/api',
      item: 'sku-1',
      quantity: 2,
      flow: 'webform',
      paySource: 'card',
      locale: 'ru',
      theme: 'dark',
      size: 'large',
      fullWidth: true,
      label: 'Buy',
    });
  });

  it('reads data-order-endpoint and data-return', () => {
    const options = readAttributes(element('<div data-order-endpoint="/shop/order" data-return></div>'));
    expect(options).toEqual({ orderEndpoint: '/shop/order', return: true });
    expect(readAttributes(element('<div data-return="false"></div>')).return).toBe(false);
  });

  it('leaves absent attributes undefined and reads data-full-width="false" as false', () => {
    const options = readAttributes(element('<div data-order-token="a.b.c" data-full-width="false"></div>'));
    expect(options.orderToken).toBe('a.b.c');
    expect(options.item).toBeUndefined();
    expect(options.fullWidth).toBe(false);
    expect(options.return).toBeUndefined();
  });
});

describe('mergeOptions', () => {
  it('lets later sources win only with values they set', () => {
    expect(mergeOptions({ backend: 'a', label: 'x' }, { backend: undefined, label: 'y' })).toEqual({
      backend: 'a',
      label: 'y',
    });
  });
});

describe('resolveOptions', () => {
  it('builds a catalog or a token target, with defaults for look and feel', () => {
    expect(resolveOptions({ backend: 'https://shop.example/api/', item: 'sku-1', quantity: 2 })).toEqual({
      backend: 'https://shop.example/api',
      return: false,
      target: { item: 'sku-1', quantity: 2 },
      endpoint: undefined,
      createOrder: undefined,
      ref: 'sku-1*2',
      flow: undefined,
      paySource: undefined,
      theme: 'light',
      size: 'medium',
      fullWidth: undefined,
      label: undefined,
    });
    const token = 'header.payload.' + 'S'.repeat(40);
    expect(resolveOptions({ backend: 'http://127.0.0.1:3000', orderToken: token })).toMatchObject({
      target: { orderToken: token },
      ref: 'S'.repeat(32),
    });
  });

  it('passes theme and size names to the stylesheet, which makes unknown ones look like the defaults', () => {
    expect(
      resolveOptions({
        backend: 'https://x.example',
        item: 'a',
        theme: 'pink' as never,
        size: 'xl' as never,
      }),
    ).toMatchObject({ theme: 'pink', size: 'xl' });
  });

  it('takes a same-origin order endpoint, alone or next to an order token, resolved against the page', () => {
    expect(resolveOptions({ backend: 'https://x.example', orderEndpoint: '/shop/order' })).toMatchObject({
      target: undefined,
      endpoint: location.origin + '/shop/order',
      ref: location.origin + '/shop/order',
    });
    const createOrder = async () => 't';
    expect(resolveOptions({ backend: 'https://x.example', orderToken: 'a.b.c', createOrder })).toMatchObject({
      target: { orderToken: 'a.b.c' },
      createOrder,
      ref: 'a.b.c',
    });
  });

  it('refuses an order endpoint on another origin, saying what to change', () => {
    const result = resolveOptions({
      backend: 'https://x.example',
      orderEndpoint: 'https://elsewhere.example/order',
    });
    expect(result).toMatchObject({ code: 'invalid_options', retryable: false });
    expect((result as Error).message).toBe(
      `data-order-endpoint "https://elsewhere.example/order" must be on this page's origin (${location.origin}): serve it from your shop's own backend, or pass createOrder`,
    );
  });

  it('makes a return element from data-return alone: it pays nothing', () => {
    expect(resolveOptions({ backend: 'https://x.example', return: true })).toMatchObject({
      return: true,
      target: undefined,
      ref: '',
    });
  });

  it.each([
    [{ item: 'a' }, /data-backend/],
    [{ backend: 'shop.example/api', item: 'a' }, /http\(s\) URL/],
    [{ backend: 'javascript:alert(1)', item: 'a' }, /http\(s\) URL/],
    [
      { backend: 'https://x.example' },
      /set data-order-token and\/or data-order-endpoint .* a return page sets data-return/,
    ],
    [{ backend: 'https://x.example', item: 'a', orderToken: 't' }, /or else data-item/],
    [{ backend: 'https://x.example', item: 'a', orderEndpoint: '/o' }, /or else data-item/],
  ])('refuses %j with a message that says what to set', (options, message) => {
    const result = resolveOptions(options);
    expect(result).toMatchObject({ code: 'invalid_options', retryable: false });
    expect((result as Error).message).toMatch(message);
  });
});
