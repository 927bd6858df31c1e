import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { QiwiInputError } from './errors.js';
import { validateReturnUrl } from './params.js';

describe('return URLs are forwarded as the parsed href', () => {
  it('refuses a backslash-and-user-info URL that parsers read as different hosts', () => {
    expect(() => validateReturnUrl('successUrl', 'https://shop.example\\@evil.example/')).toThrow(
      /must not contain user info, backslashes or whitespace/,
    );
    expect(() => validateReturnUrl('successUrl', 'https://user:pw@shop.example/')).toThrow(/user info/);
  });

  it('forwards the normalised href, not the raw text', () => {
    expect(validateReturnUrl('successUrl', 'HTTPS://Shop.Example:443/a/../ok?x=1')).toBe(
      'https://shop.example/ok?x=1',
    );
  });
});

describe('return URLs, properties', () => {
  const path = fc.array(fc.constantFrom('a', 'b', '..', '.', '%41', '@', ':', 'é', ' '), { maxLength: 6 });

  test.prop([fc.constantFrom('shop.example', 'pay.shop.example'), path, fc.string({ maxLength: 20 })])(
    'whatever is accepted is its own href, on the host that was checked, with no user info',
    (host, segments, tail) => {
      const raw = `https://${host}/${segments.join('/')}${tail}`;
      let forwarded: string;
      try {
        forwarded = validateReturnUrl('successUrl', raw);
      } catch (error) {
        expect(error).toBeInstanceOf(QiwiInputError);
        return;
      }
      const url = new URL(forwarded);
      expect(url.href).toBe(forwarded);
      expect(url.host).toBe(host);
      expect(url.username + url.password).toBe('');
      expect(validateReturnUrl('successUrl', forwarded)).toBe(forwarded);
    },
  );

  test.prop([fc.string()])('any text either fails with a QiwiInputError or yields an http(s) href', (raw) => {
    try {
      const href = validateReturnUrl('failUrl', raw);
      expect(['https:', 'http:']).toContain(new URL(href).protocol);
    } catch (error) {
      expect(error).toBeInstanceOf(QiwiInputError);
    }
  });
});
