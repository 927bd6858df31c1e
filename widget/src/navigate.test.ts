import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkoutAnswer } from './contract-fixtures';
import { navigateTop, redirectUrl } from './navigate';

describe('redirectUrl', () => {
  it('uses the ready-made URL of the checkout answer', () => {
    const { redirect } = checkoutAnswer();
    expect(redirectUrl(redirect)).toBe(redirect.url);
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', '//evil.example/x', ''])('refuses "%s"', (url) => {
    expect(() => redirectUrl({ url })).toThrow(expect.objectContaining({ code: 'bad_redirect' }));
  });

  it('refuses a missing redirect', () => {
    expect(() => redirectUrl(undefined)).toThrow(expect.objectContaining({ code: 'bad_redirect' }));
  });
});

describe('navigateTop', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('navigates the top window (no popup, no rel or referrer policy involved)', () => {
    const top = { location: { assign: vi.fn() } };
    const self = { assign: vi.fn() };
    vi.stubGlobal('top', top);
    vi.stubGlobal('location', self);
    navigateTop('https://oplata.qiwi.com/form');
    expect(top.location.assign).toHaveBeenCalledWith('https://oplata.qiwi.com/form');
    expect(self.assign).not.toHaveBeenCalled();
  });

  it('falls back to its own frame when the top window refuses (cross-origin frame)', () => {
    const top = {
      location: {
        assign: () => {
          throw new DOMException('blocked', 'SecurityError');
        },
      },
    };
    const self = { assign: vi.fn() };
    vi.stubGlobal('top', top);
    vi.stubGlobal('location', self);
    navigateTop('https://oplata.qiwi.com/form');
    expect(self.assign).toHaveBeenCalledWith('https://oplata.qiwi.com/form');
  });
});
