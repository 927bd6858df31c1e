// The order token: a JWT the merchant's own backend signs, so the browser can carry an order without
// being able to change it (DESIGN.md security model). Verified with jsonwebtoken against an allowlist
// of algorithms (never `none`), a fixed audience, a required expiry and a maximum age.

import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { TokenAlgorithm } from '../config/config.js';
import { AppError } from '../errors/app-error.js';

export const ORDER_TOKEN_AUDIENCE = 'qiwi-pay';

/** Claims an order token carries. Amounts are decimal strings, never numbers. */
export const orderClaimsSchema = z
  .object({
    orderId: z.string().min(1).max(200),
    amount: z.string({ error: 'amount must be a decimal string such as "10.50"' }),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as RUB'),
    comment: z.string().max(255).default(''),
    phone: z.string().optional(),
    /** Seconds the bill stays payable from checkout. */
    lifetime: z.number().int().positive().optional(),
    successUrl: z.string().optional(),
    failUrl: z.string().optional(),
    paySource: z.string().optional(),
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
      let payload: unknown;
      try {
        payload = jwt.verify(token, opts.key, {
          algorithms: opts.algorithms,
          audience: ORDER_TOKEN_AUDIENCE,
          maxAge: opts.maxAgeSeconds,
          clockTimestamp: Math.floor((opts.now?.() ?? new Date()).getTime() / 1000),
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
        throw new AppError(
          'invalid_order',
          claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
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

/**
 * Mints an order token, for merchants' Node backends and scripts (and the CLI). Any JWT library in any
 * language can do the same: HS256 (or RS256/ES256) over these claims with `aud: "qiwi-pay"`, `iat`, `exp`.
 */
export function mintOrderToken(
  input: MintOrderTokenInput,
  key: string,
  options: { algorithm?: TokenAlgorithm; expiresInSeconds?: number } = {},
): string {
  if (typeof input.amount !== 'string')
    throw new TypeError('amount must be a decimal string such as "10.50"');
  return jwt.sign({ ...input }, key, {
    algorithm: options.algorithm ?? 'HS256',
    audience: ORDER_TOKEN_AUDIENCE,
    expiresIn: options.expiresInSeconds ?? 15 * 60,
  });
}
