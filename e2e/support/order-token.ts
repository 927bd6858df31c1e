// Order tokens as a merchant's backend signs them (HS256 with the e2e ORDER_TOKEN_SECRET, audience
// qiwi-pay), for specs that need a token the demo shop would not give: one already expired, or one
// tampered with. Built with node:crypto, so e2e needs no JWT library.
import { createHmac, randomBytes } from 'node:crypto';
import { ORDER_TOKEN_SECRET, URLS } from './ports.js';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `claims`, valid from `issuedAt` (seconds since the epoch) for `lifetimeSeconds`. */
export function signOrderToken(
  claims: Record<string, unknown>,
  { issuedAt = Math.floor(Date.now() / 1000), lifetimeSeconds = 1800 } = {},
): string {
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, aud: 'qiwi-pay', iat: issuedAt, exp: issuedAt + lifetimeSeconds })}`;
  return `${body}.${createHmac('sha256', ORDER_TOKEN_SECRET).update(body).digest('base64url')}`;
}

/** An order of the demo shop's, as its backend would sign it (a new id each time). */
export function demoOrderClaims(amount: string, shop = URLS.shop): Record<string, unknown> {
  const orderId = `demo-${randomBytes(6).toString('hex')}`;
  return {
    orderId,
    amount,
    currency: 'RUB',
    phone: '+79001234567',
    successUrl: `${shop}/thanks`,
    failUrl: `${shop}/cart`,
  };
}
