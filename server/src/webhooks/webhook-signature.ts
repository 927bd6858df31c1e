// Standard Webhooks 1.0 signatures (standard-webhooks spec, "Signature scheme"):
//   webhook-id:        the event id, the same on every retry (the receiver deduplicates by it)
//   webhook-timestamp: unix seconds of this attempt
//   webhook-signature: "v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>", several
//                      space-separated while secrets rotate
// The key is the base64-decoded part of a "whsec_" secret (webhook-secret.ts).
//
// verifyWebhook is implemented here with node:crypto rather than by depending on the `standardwebhooks`
// package at run time: the scheme is a few lines, the server gains no runtime dependency, and the
// tests prove both directions against that package (webhook-standard.test.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { webhookSecretKey } from './webhook-secret.js';
import { AppError } from '../errors/app-error.js';

export const ID_HEADER = 'webhook-id';
export const TIMESTAMP_HEADER = 'webhook-timestamp';
export const SIGNATURE_HEADER = 'webhook-signature';

export class WebhookSignatureError extends AppError {
  constructor(message: string) {
    super('invalid_webhook_signature', message);
  }
}

type RawBody = string | Uint8Array;

function mac(key: Buffer, id: string, timestamp: number, body: RawBody): Buffer {
  return createHmac('sha256', key)
    .update(`${id}.${timestamp}.`)
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest();
}

/** The three Standard Webhooks headers for `body`, signed with every secret in `secrets`. */
export function signWebhook(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: RawBody,
): Record<typeof ID_HEADER | typeof TIMESTAMP_HEADER | typeof SIGNATURE_HEADER, string> {
  if (secrets.length === 0) throw new WebhookSignatureError('no webhook secret; set WEBHOOK_SECRET');
  const t = Math.trunc(timestamp);
  const signatures = secrets.map((s) => `v1,${mac(webhookSecretKey(s), id, t, body).toString('base64')}`);
  return { [ID_HEADER]: id, [TIMESTAMP_HEADER]: String(t), [SIGNATURE_HEADER]: signatures.join(' ') };
}

type HeaderBag =
  { get(name: string): string | null | undefined } | Readonly<Record<string, string | string[] | undefined>>;

export interface VerifyWebhookInput {
  /** The whsec_ secret your shop was given (WEBHOOK_SECRET; one of them while rotating). */
  readonly secret: string;
  /** The request headers: Node's req.headers, or a fetch Headers object. */
  readonly headers: HeaderBag;
  /** The raw request body, exactly as received. */
  readonly body: unknown;
  /** Largest accepted age (and clock skew) of the timestamp, in seconds; 300 by default. */
  readonly toleranceSeconds?: number;
  readonly now?: Date;
}

function header(headers: HeaderBag, name: string): string | undefined {
  const value =
    typeof headers.get === 'function'
      ? (headers as { get(n: string): string | null | undefined }).get(name)
      : (headers as Record<string, string | string[] | undefined>)[name];
  return (Array.isArray(value) ? value[0] : value) ?? undefined;
}

/**
 * Checks a delivery and returns its id, timestamp and parsed payload; throws WebhookSignatureError
 * saying what is wrong otherwise. Deduplicate on `id`: delivery is at least once.
 */
export function verifyWebhook(input: VerifyWebhookInput): {
  id: string;
  timestamp: number;
  payload: unknown;
} {
  const { body } = input;
  let key: Buffer;
  try {
    key = webhookSecretKey(input.secret ?? '');
  } catch (error) {
    throw new WebhookSignatureError((error as Error).message);
  }
  if (typeof body !== 'string' && !(body instanceof Uint8Array))
    throw new WebhookSignatureError(
      'pass the raw request body (a string or Buffer, e.g. from express.raw()), not parsed JSON',
    );
  const id = header(input.headers, ID_HEADER);
  const stamp = header(input.headers, TIMESTAMP_HEADER);
  const signature = header(input.headers, SIGNATURE_HEADER);
  for (const [name, value] of [
    [ID_HEADER, id],
    [TIMESTAMP_HEADER, stamp],
    [SIGNATURE_HEADER, signature],
  ] as const)
    if (!value) throw new WebhookSignatureError(`the ${name} header is missing`);
  if (!/^\d+$/.test(stamp as string))
    throw new WebhookSignatureError(`the ${TIMESTAMP_HEADER} header must be unix seconds`);
  const timestamp = Number(stamp);
  const tolerance = input.toleranceSeconds ?? 300;
  const age = Math.floor((input.now ?? new Date()).getTime() / 1000) - timestamp;
  if (age > tolerance)
    throw new WebhookSignatureError(
      `${TIMESTAMP_HEADER} is ${age} s old (tolerance ${tolerance} s); possible replay`,
    );
  if (-age > tolerance)
    throw new WebhookSignatureError(
      `${TIMESTAMP_HEADER} is ${-age} s in the future; check this server's clock`,
    );
  const expected = mac(key, id as string, timestamp, body);
  // Several signatures are allowed so a secret can be rotated; each is compared in constant time.
  const matches = (signature as string).split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const received = Buffer.from(value, 'base64');
    return received.length === expected.length && timingSafeEqual(received, expected);
  });
  if (!matches)
    throw new WebhookSignatureError(
      'no v1 signature matches the body; check the secret and pass the raw request body, not parsed JSON',
    );
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new WebhookSignatureError('the signed body is not JSON');
  }
  return { id: id as string, timestamp, payload };
}
