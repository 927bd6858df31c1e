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

  it('leaves absent attributes undefined and reads data-full-width="false" as false', () => {
    const options = readAttributes(element('<div data-order-token="a.b.c" data-full-width="false"></div>'));
    expect(options.orderToken).toBe('a.b.c');
    expect(options.item).toBeUndefined();
    expect(options.fullWidth).toBe(false);
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
      target: { item: 'sku-1', quantity: 2 },
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

  it.each([
    [{ item: 'a' }, /data-backend/],
    [{ backend: 'shop.example/api', item: 'a' }, /http\(s\) URL/],
    [{ backend: 'javascript:alert(1)', item: 'a' }, /http\(s\) URL/],
    [{ backend: 'https://x.example' }, /exactly one of data-order-token and data-item/],
    [
      { backend: 'https://x.example', item: 'a', orderToken: 't' },
      /exactly one of data-order-token and data-item/,
    ],
  ])('refuses %j with a message that says what to set', (options, message) => {
    const result = resolveOptions(options);
    expect(result).toMatchObject({ code: 'invalid_options', retryable: false });
    expect((result as Error).message).toMatch(message);
  });
});
