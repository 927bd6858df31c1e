// Signing and verifying merchant webhooks. Header:
//   QiwiPay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// The timestamp is inside the MAC so a captured request cannot be replayed later than the tolerance;
// the body is the raw bytes, because any re-serialisation of parsed JSON changes them.
//
// verifyWebhook is exported for merchants: it depends on nothing but node:crypto.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'QiwiPay-Signature';
export const EVENT_ID_HEADER = 'QiwiPay-Event-Id';

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

type RawBody = string | Uint8Array;

function mac(secret: string, timestamp: number, body: RawBody): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('hex');
}

/** The QiwiPay-Signature header value for `body` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: RawBody): string {
  if (!secret) throw new WebhookSignatureError('the webhook secret is empty; set WEBHOOK_SECRET');
  const t = Math.trunc(timestamp);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

export interface VerifyWebhookInput {
  readonly secret: string;
  /** The QiwiPay-Signature header as received. */
  readonly header: string | string[] | undefined | null;
  /** The raw request body, exactly as received. */
  readonly body: unknown;
  /** Largest accepted age (and clock skew) of the signature, in seconds; 300 by default. */
  readonly toleranceSeconds?: number;
  readonly now?: Date;
}

/** Returns the signed timestamp when the header is valid for the body; throws WebhookSignatureError otherwise. */
export function verifyWebhook(input: VerifyWebhookInput): { timestamp: number } {
  const { secret, body } = input;
  if (!secret)
    throw new WebhookSignatureError('the webhook secret is empty; pass the WEBHOOK_SECRET you configured');
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new WebhookSignatureError(
      'pass the raw request body (a string or Buffer, e.g. from express.raw()), not parsed JSON',
    );
  }
  const header = Array.isArray(input.header) ? input.header[0] : input.header;
  if (!header) throw new WebhookSignatureError(`the ${SIGNATURE_HEADER} header is missing`);
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2) as [string, string | undefined];
    if (key === 't' && value !== undefined && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value !== undefined) signatures.push(value.toLowerCase());
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new WebhookSignatureError(
      `the ${SIGNATURE_HEADER} header must look like t=<unix seconds>,v1=<hex>`,
    );
  }
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const tolerance = input.toleranceSeconds ?? 300;
  const age = nowSeconds - timestamp;
  if (age > tolerance)
    throw new WebhookSignatureError(
      `signature timestamp is ${age} s old (tolerance ${tolerance} s); possible replay`,
    );
  if (-age > tolerance)
    throw new WebhookSignatureError(
      `signature timestamp is ${-age} s in the future; check this server's clock`,
    );
  const expected = Buffer.from(mac(secret, timestamp, body), 'hex');
  // Several v1 values are allowed so a secret can be rotated; each is compared in constant time.
  const matches = signatures.some((candidate) => {
    const received = Buffer.from(candidate, 'hex');
    return received.length === expected.length && timingSafeEqual(received, expected);
  });
  if (!matches) {
    throw new WebhookSignatureError(
      'signature does not match the body; check the secret and pass the raw request body, not parsed JSON',
    );
  }
  return { timestamp };
}
