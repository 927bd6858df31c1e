import { fc, test } from '@fast-check/vitest';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { createOrderTokenVerifier, mintOrderToken } from './order-token.js';
import { ORDER_TOKEN_CLOCK_SKEW_SECONDS, checkTokenHeader, checkTokenTimes } from './order-token-rules.js';

const secret = 'a-shop-secret-that-is-long-enough-000';
const order = { orderId: 'order-1', amount: '250.00', currency: 'RUB' };
const NOW = 1_900_000_000;
const verifier = createOrderTokenVerifier({
  algorithms: ['HS256'],
  key: secret,
  maxAgeSeconds: 900,
  now: () => new Date(NOW * 1000),
});
const signed = (claims: object, header: object = {}, algorithm: jwt.Algorithm = 'HS256') =>
  jwt.sign({ ...order, aud: 'qiwi-pay', ...claims }, secret, {
    algorithm,
    header: { alg: algorithm, ...header },
  });

function refusalOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_order_token');
    return (error as AppError).message;
  }
  return expect.fail('the token was accepted');
}

describe('order-token rules enforced by this server', () => {
  it('refuses HS384/HS512 tokens signed with the right secret when only HS256 is allowed', () => {
    for (const alg of ['HS384', 'HS512'] as const)
      expect(refusalOf(() => verifier.verify(signed({ iat: NOW, exp: NOW + 60 }, {}, alg)))).toMatch(
        /not in ORDER_TOKEN_ALGORITHMS/,
      );
    expect(verifier.verify(signed({ iat: NOW, exp: NOW + 60 })).orderId).toBe('order-1');
  });

  it('refuses a token with a crit header (RFC 7515 §4.1.11)', () => {
    expect(refusalOf(() => verifier.verify(signed({ iat: NOW, exp: NOW + 60 }, { crit: ['b64'] })))).toMatch(
      /"crit" header/,
    );
  });

  it('refuses an iat in the future beyond the skew and an exp − iat above the maximum age', () => {
    const future = NOW + ORDER_TOKEN_CLOCK_SKEW_SECONDS + 1;
    expect(refusalOf(() => verifier.verify(signed({ iat: future, exp: future + 60 })))).toMatch(
      /iat is 61 s in the future/,
    );
    expect(refusalOf(() => verifier.verify(signed({ iat: NOW, exp: NOW + 901 })))).toMatch(
      /valid for 901 s \(exp − iat\), more than ORDER_TOKEN_MAX_AGE_SECONDS = 900/,
    );
    expect(verifier.verify(signed({ iat: NOW + 30, exp: NOW + 900 })).orderId).toBe('order-1');
  });

  it('accepts what mintOrderToken makes within the maximum age', () => {
    const real = createOrderTokenVerifier({ algorithms: ['HS256'], key: secret, maxAgeSeconds: 900 });
    expect(real.verify(mintOrderToken(order, secret)).amount).toBe('250.00');
  });
});

describe('order-token rules, properties', () => {
  const algs = ['HS256', 'HS384', 'HS512', 'RS256', 'ES256', 'PS256', 'none', 'EdDSA'];

  test.prop([fc.constantFrom(...algs), fc.subarray(algs, { minLength: 1 })])(
    'a header passes only when its alg is in the allowlist',
    (alg, allowed) => {
      const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
      const token = `${header}.e30.sig`;
      if (allowed.includes(alg)) expect(() => checkTokenHeader(token, allowed)).not.toThrow();
      else expect(() => checkTokenHeader(token, allowed)).toThrow(/not in ORDER_TOKEN_ALGORITHMS/);
    },
  );

  test.prop([fc.jsonValue()])('any crit value is refused', (crit) => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', crit })).toString('base64url');
    expect(() => checkTokenHeader(`${header}.e30.sig`, ['HS256'])).toThrow(/crit/);
  });

  test.prop([fc.string()])('a header that is not a JSON object is refused, never crashes', (text) => {
    const header = Buffer.from(text).toString('base64url');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const isHs256Object =
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      (parsed as { alg?: unknown }).alg === 'HS256' &&
      !('crit' in parsed);
    if (isHs256Object) expect(() => checkTokenHeader(`${header}.e30.s`, ['HS256'])).not.toThrow();
    else expect(() => checkTokenHeader(`${header}.e30.s`, ['HS256'])).toThrow(AppError);
  });

  test.prop([
    fc.integer({ min: -100_000, max: 100_000 }),
    fc.integer({ min: 0, max: 200_000 }),
    fc.integer({ min: 1, max: 100_000 }),
  ])('times pass exactly when iat ≤ now + skew and exp − iat ≤ max age', (iatOffset, lifetime, maxAge) => {
    const claims = { iat: NOW + iatOffset, exp: NOW + iatOffset + lifetime };
    const ok = iatOffset <= ORDER_TOKEN_CLOCK_SKEW_SECONDS && lifetime <= maxAge;
    if (ok) expect(() => checkTokenTimes(claims, NOW, maxAge)).not.toThrow();
    else expect(() => checkTokenTimes(claims, NOW, maxAge)).toThrow(AppError);
  });
});
