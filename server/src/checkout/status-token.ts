// The status token: a JWT this server signs, good for reading one order's status and nothing else.

import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppError } from '../errors/app-error.js';

const AUDIENCE = 'qiwi-pay-status';
const LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export interface StatusTokens {
  issue(orderId: string): string;
  /** Throws 401 unless the token is ours, unexpired and scoped to this order. */
  check(authorization: string | undefined, orderId: string): void;
}

export function createStatusTokens(secret: string): StatusTokens {
  // One key object for every sign and verify: built from the string on each call, it costs more than
  // the HMAC itself (DESIGN.md toolchain facts).
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return {
    issue: (orderId) =>
      jwt.sign({}, key, {
        algorithm: 'HS256',
        audience: AUDIENCE,
        subject: orderId,
        expiresIn: LIFETIME_SECONDS,
      }),
    check(authorization, orderId) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token)
        throw new AppError(
          'missing_status_token',
          'send the statusToken from the checkout answer as "Authorization: Bearer <token>"',
        );
      try {
        jwt.verify(token, key, { algorithms: ['HS256'], audience: AUDIENCE, subject: orderId });
      } catch {
        throw new AppError('invalid_status_token', 'the status token is not valid for this order');
      }
    },
  };
}
