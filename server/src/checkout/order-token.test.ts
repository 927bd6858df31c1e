import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { createOrderTokenVerifier, mintOrderToken } from './order-token.js';

const secret = 'a-shop-secret-that-is-long-enough-000';
const order = { orderId: 'order-1', amount: '250.00', currency: 'RUB', comment: 'Order 1' };
const verifier = createOrderTokenVerifier({ algorithms: ['HS256'], key: secret, maxAgeSeconds: 900 });

function refusal(token: unknown, v = verifier): AppError {
  try {
    v.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  return expect.fail('token was accepted');
}

describe('order tokens', () => {
  it('round-trips a minted token', () => {
    expect(verifier.verify(mintOrderToken(order, secret))).toMatchObject(order);
  });

  it('refuses alg none, another secret, another audience, expired and too old tokens', () => {
    const none = jwt.sign({ ...order }, '', { algorithm: 'none', audience: 'qiwi-pay', expiresIn: 60 });
    expect(refusal(none).code).toBe('invalid_order_token');
    expect(refusal(mintOrderToken(order, 'another-secret-that-is-long-enough-0')).code).toBe(
      'invalid_order_token',
    );
    expect(refusal(jwt.sign({ ...order }, secret, { audience: 'someone-else', expiresIn: 60 })).code).toBe(
      'invalid_order_token',
    );
    const expired = jwt.sign({ ...order, exp: Math.floor(Date.now() / 1000) - 10 }, secret, {
      audience: 'qiwi-pay',
    });
    expect(refusal(expired).message).toMatch(/expired/);
    const old = jwt.sign({ ...order, iat: Math.floor(Date.now() / 1000) - 3600 }, secret, {
      audience: 'qiwi-pay',
      expiresIn: 7200,
    });
    expect(refusal(old).code).toBe('invalid_order_token');
  });

  it('refuses a token without exp', () => {
    const noExp = jwt.sign({ ...order }, secret, { audience: 'qiwi-pay' });
    expect(refusal(noExp).message).toMatch(/exp is required/);
  });

  it('refuses a changed claim (the signature no longer matches)', () => {
    const [h, p, s] = mintOrderToken(order, secret).split('.');
    const payload = JSON.parse(Buffer.from(p as string, 'base64url').toString());
    const forged = [
      h,
      Buffer.from(JSON.stringify({ ...payload, amount: '1.00' })).toString('base64url'),
      s,
    ].join('.');
    expect(refusal(forged).code).toBe('invalid_order_token');
  });

  it('refuses an amount sent as a number', () => {
    const numeric = jwt.sign({ ...order, amount: 250 }, secret, { audience: 'qiwi-pay', expiresIn: 60 });
    expect(refusal(numeric)).toMatchObject({
      code: 'invalid_order',
      message: expect.stringMatching(/decimal string/),
    });
  });

  it('accepts RS256 with a public key and refuses HS256 signed with that public key (algorithm confusion)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const rs = createOrderTokenVerifier({ algorithms: ['RS256'], key: publicKey, maxAgeSeconds: 900 });
    expect(rs.verify(mintOrderToken(order, privateKey, { algorithm: 'RS256' })).orderId).toBe('order-1');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        ...order,
        aud: 'qiwi-pay',
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 60,
      }),
    ).toString('base64url');
    const sig = createHmac('sha256', publicKey).update(`${header}.${body}`).digest('base64url');
    expect(refusal(`${header}.${body}.${sig}`, rs).code).toBe('invalid_order_token');
  });
});

describe('mintOrderToken options', () => {
  const claimsOf = (token: string) => jwt.decode(token) as { iat: number; exp: number };

  it('expires after 15 minutes by default, or after expiresInSeconds', () => {
    const byDefault = claimsOf(mintOrderToken(order, secret));
    expect(byDefault.exp - byDefault.iat).toBe(900);
    const hour = claimsOf(mintOrderToken(order, secret, { expiresInSeconds: 3600 }));
    expect(hour.exp - hour.iat).toBe(3600);
  });

  it('refuses an expiry that is not a positive whole number of seconds', () => {
    for (const bad of [0, -10, 1.5, Number.NaN])
      expect(() => mintOrderToken(order, secret, { expiresInSeconds: bad })).toThrow(
        /expiresInSeconds must be a whole number of seconds of at least 1/,
      );
  });

  it('names exp, iat and aud passed in the order instead of failing inside jsonwebtoken', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(() => mintOrderToken({ ...order, exp: now + 60 } as never, secret)).toThrow(
      'exp: do not put exp in the order; pass { expiresInSeconds } as the third argument of mintOrderToken',
    );
    expect(() => mintOrderToken({ ...order, aud: 'x' } as never, secret)).toThrow(/aud: do not put aud/);
    expect(() => mintOrderToken({ ...order, iat: now } as never, secret)).toThrow(/iat: do not put iat/);
  });

  it('refuses an empty key', () => {
    expect(() => mintOrderToken(order, '')).toThrow(/signing key is empty; pass ORDER_TOKEN_SECRET/);
  });
});
