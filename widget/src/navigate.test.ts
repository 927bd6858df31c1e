import { describe, expect, it, vi } from 'vitest';
import { navigateTop, redirectUrl } from './navigate';

describe('redirectUrl', () => {
  it('uses the ready-made URL of the checkout answer', () => {
    const url = 'https://oplata.qiwi.com/form?shop=1&transaction=o-1';
    expect(redirectUrl({ url, action: 'https://ignored.example', params: {} })).toBe(url);
  });

  it('builds a GET URL from the action and its parameters', () => {
    expect(
      redirectUrl({
        action: 'https://bill.qiwi.com/order/external/create.action',
        params: { from: '1', summ: '10.00', comm: 'a b&c' },
      }),
    ).toBe('https://bill.qiwi.com/order/external/create.action?from=1&summ=10.00&comm=a+b%26c');
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', '//evil.example/x'])('refuses %s', (url) => {
    expect(() => redirectUrl({ url })).toThrow(expect.objectContaining({ code: 'bad_redirect' }));
  });

  it('refuses a missing redirect', () => {
    expect(() => redirectUrl(undefined)).toThrow(expect.objectContaining({ code: 'bad_redirect' }));
  });
});

describe('navigateTop', () => {
  it('navigates the top window (no popup, no rel or referrer policy involved)', () => {
    const top = { location: { assign: vi.fn() } };
    const self = { top, location: { assign: vi.fn() } } as unknown as Window;
    navigateTop(self, 'https://oplata.qiwi.com/form');
    expect(top.location.assign).toHaveBeenCalledWith('https://oplata.qiwi.com/form');
    expect(self.location.assign).not.toHaveBeenCalled();
  });

  it('falls back to its own frame when the top window refuses (cross-origin frame)', () => {
    const top = {
      location: {
        assign: () => {
          throw new DOMException('blocked', 'SecurityError');
        },
      },
    };
    const self = { top, location: { assign: vi.fn() } } as unknown as Window;
    navigateTop(self, 'https://oplata.qiwi.com/form');
    expect(self.location.assign).toHaveBeenCalledWith('https://oplata.qiwi.com/form');
  });
});
