// Rules on an order token that this server enforces itself, before and besides jsonwebtoken: the
// header's algorithm against our allowlist (a library default must never decide which algorithms
// pass), no `crit` header (RFC 7515 §4.1.11: a recipient that does not understand a listed
// extension must refuse the token; we understand none), and the time claims: `iat` not in the
// future beyond a small skew, `exp − iat` within the maximum age.

import { AppError } from '../errors/app-error.js';

/** Clock difference tolerated between the merchant's backend and this server. */
export const ORDER_TOKEN_CLOCK_SKEW_SECONDS = 60;

function refuse(reason: string): never {
  throw new AppError('invalid_order_token', `the order token is not valid (${reason})`);
}

/** Reads the JOSE header of a compact JWT and refuses any algorithm not listed, and any `crit`. */
export function checkTokenHeader(token: string, algorithms: readonly string[]): void {
  const encoded = token.split('.')[0] ?? '';
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    refuse('its header is not base64url JSON');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header))
    refuse('its header is not a JSON object');
  const { alg } = header as { alg?: unknown };
  if (typeof alg !== 'string' || !algorithms.includes(alg))
    refuse(
      `algorithm ${JSON.stringify(alg)} is not in ORDER_TOKEN_ALGORITHMS (${algorithms.join(', ')}); sign with one of those`,
    );
  if ('crit' in header)
    refuse('it carries a "crit" header (RFC 7515 §4.1.11); this server understands no JWS extension');
}

/** `iat` not in the future (beyond the skew) and `exp − iat` at most `maxAgeSeconds`. */
export function checkTokenTimes(
  claims: { readonly iat: number; readonly exp: number },
  nowSeconds: number,
  maxAgeSeconds: number,
): void {
  if (claims.iat > nowSeconds + ORDER_TOKEN_CLOCK_SKEW_SECONDS)
    refuse(
      `iat is ${claims.iat - nowSeconds} s in the future; check the clock of the backend that mints tokens`,
    );
  if (claims.exp - claims.iat > maxAgeSeconds)
    refuse(
      `it is valid for ${claims.exp - claims.iat} s (exp − iat), more than ORDER_TOKEN_MAX_AGE_SECONDS = ${maxAgeSeconds}; mint tokens with a shorter expiry`,
    );
}
