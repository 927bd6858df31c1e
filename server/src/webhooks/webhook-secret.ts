// Standard Webhooks 1.0 secrets: "whsec_" followed by the base64 of the key bytes. The HMAC is keyed
// with the decoded bytes, not the text (standard-webhooks spec, "Signature scheme").

import { AppError } from '../errors/app-error.js';

export const SECRET_PREFIX = 'whsec_';

/** 24 to 64 random bytes, as the specification recommends. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

export const GENERATE_SECRET_HINT =
  "generate one with: node -e \"console.log('whsec_'+require('crypto').randomBytes(32).toString('base64'))\"";

/** Why `secret` is not a usable whsec_ secret, or undefined when it is. Never includes the value. */
export function webhookSecretProblem(secret: string): string | undefined {
  if (!secret.startsWith(SECRET_PREFIX))
    return `must start with "${SECRET_PREFIX}" (Standard Webhooks format); ${GENERATE_SECRET_HINT}`;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0)
    return `the part after "${SECRET_PREFIX}" must be standard base64 (A-Z, a-z, 0-9, +, /, = padding); ${GENERATE_SECRET_HINT}`;
  const bytes = Buffer.from(encoded, 'base64').length;
  if (bytes < MIN_KEY_BYTES || bytes > MAX_KEY_BYTES)
    return `decodes to ${bytes} bytes; use ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} random bytes; ${GENERATE_SECRET_HINT}`;
  return undefined;
}

/** The HMAC key of a whsec_ secret; throws with the reason when the secret is malformed. */
export function webhookSecretKey(secret: string): Buffer {
  const problem = webhookSecretProblem(secret);
  if (problem) throw new AppError('invalid_config', `webhook secret ${problem}`);
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/** WEBHOOK_SECRET holds one secret, or several separated by whitespace while rotating. */
export function splitWebhookSecrets(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}
