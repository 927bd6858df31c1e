// The order token: a JWT the merchant's own backend signs, so the browser can carry an order without
// being able to change it (DESIGN.md security model). Verified with jsonwebtoken against an allowlist
// of algorithms (never `none`), a fixed audience, a required expiry and a maximum age.

import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { TokenAlgorithm } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { OrderFieldsError, checkOrderFields, issuesMessage, orderFieldsShape } from './order-fields.js';
import { checkTokenHeader, checkTokenTimes } from './order-token-rules.js';

export const ORDER_TOKEN_AUDIENCE = 'qiwi-pay';

/** Claims an order token carries: the order's fields (order-fields.ts) and the JWT's own. */
export const orderClaimsSchema = z
  .object({
    ...orderFieldsShape,
    exp: z.number({ error: 'exp is required: order tokens must expire' }),
    iat: z.number({
      error: 'iat is required: the server refuses tokens older than ORDER_TOKEN_MAX_AGE_SECONDS',
    }),
    aud: z.union([z.string(), z.array(z.string())]),
  })
  .loose();

export type OrderClaims = z.infer<typeof orderClaimsSchema>;

export interface OrderTokenVerifier {
  verify(token: unknown): OrderClaims;
}

export function createOrderTokenVerifier(opts: {
  algorithms: TokenAlgorithm[];
  key: string;
  maxAgeSeconds: number;
  now?: () => Date;
}): OrderTokenVerifier {
  return {
    verify(token) {
      if (typeof token !== 'string' || token.split('.').length !== 3) {
        throw new AppError('invalid_order_token', 'orderToken is missing or is not a JWT');
      }
      // Our own allowlist and crit check first: jsonwebtoken's defaults never decide (order-token-rules.ts).
      checkTokenHeader(token, opts.algorithms);
      const nowSeconds = Math.floor((opts.now?.() ?? new Date()).getTime() / 1000);
      let payload: unknown;
      try {
        payload = jwt.verify(token, opts.key, {
          algorithms: opts.algorithms,
          audience: ORDER_TOKEN_AUDIENCE,
          maxAge: opts.maxAgeSeconds,
          clockTimestamp: nowSeconds,
          clockTolerance: 5,
        });
      } catch (error) {
        const reason =
          error instanceof jwt.TokenExpiredError
            ? 'the order token has expired; mint a new one'
            : `the order token is not valid (${(error as Error).message})`;
        throw new AppError('invalid_order_token', reason);
      }
      const claims = orderClaimsSchema.safeParse(payload);
      if (!claims.success) {
        throw new AppError('invalid_order', issuesMessage(claims.error.issues));
      }
      checkTokenTimes(claims.data, nowSeconds, opts.maxAgeSeconds);
      return claims.data;
    },
  };
}

export interface MintOrderTokenInput {
  readonly orderId: string;
  readonly amount: string;
  readonly currency: string;
  readonly comment?: string;
  readonly phone?: string;
  readonly lifetime?: number;
  readonly successUrl?: string;
  readonly failUrl?: string;
  readonly paySource?: string;
}

export interface MintOrderTokenOptions {
  /** HS256 by default; RS256/ES256 etc. with a private key. */
  readonly algorithm?: TokenAlgorithm;
  /** Seconds until the token expires (its `exp`); 900 (15 minutes) by default. */
  readonly expiresInSeconds?: number;
}

export const DEFAULT_ORDER_TOKEN_EXPIRY_SECONDS = 15 * 60;

// Claims mintOrderToken sets itself; passing them in the order is a mistake worth naming.
const RESERVED_CLAIMS: Record<string, string> = {
  exp: 'do not put exp in the order; pass { expiresInSeconds } as the third argument of mintOrderToken (--expires-in on the CLI)',
  iat: 'do not put iat in the order; mintOrderToken sets it to now',
  nbf: 'do not put nbf in the order; order tokens are valid from when they are minted',
  aud: 'do not put aud in the order; mintOrderToken sets it to "qiwi-pay"',
};

/**
 * Mints an order token, for merchants' Node backends and scripts (and the CLI). Refuses, with the
 * checkout's own messages, an order the checkout would refuse (order-fields.ts). Any JWT library in
 * any language can do the same: HS256 (or RS256/ES256) over these claims with `aud: "qiwi-pay"`,
 * `iat`, `exp`.
 */
export function mintOrderToken(
  input: MintOrderTokenInput,
  key: string,
  options: MintOrderTokenOptions = {},
): string {
  for (const [claim, why] of Object.entries(RESERVED_CLAIMS))
    if (input !== null && typeof input === 'object' && claim in input)
      throw new OrderFieldsError(`${claim}: ${why}`);
  const expiresIn = options.expiresInSeconds ?? DEFAULT_ORDER_TOKEN_EXPIRY_SECONDS;
  if (!Number.isInteger(expiresIn) || expiresIn < 1)
    throw new AppError(
      'invalid_request',
      `expiresInSeconds must be a whole number of seconds of at least 1 (got ${String(expiresIn)}); the default is ${DEFAULT_ORDER_TOKEN_EXPIRY_SECONDS}`,
    );
  if (typeof key !== 'string' || key.length === 0)
    throw new AppError(
      'invalid_config',
      'the signing key is empty; pass ORDER_TOKEN_SECRET (or a PEM private key for RS/ES)',
    );
  checkOrderFields(input);
  return jwt.sign({ ...input }, key, {
    algorithm: options.algorithm ?? 'HS256',
    audience: ORDER_TOKEN_AUDIENCE,
    expiresIn,
  });
}
