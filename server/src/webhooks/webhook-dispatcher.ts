// Delivers the webhook outbox: events are queued in the ledger in the same transaction as the status
// change that caused them, and this loop sends each until it is acknowledged (at-least-once; the
// merchant deduplicates by the webhook-id header). A 2xx answer acknowledges; anything else, a redirect or
// a timeout schedules a retry with capped, jittered backoff (retry-backoff.ts), forever.

import type { Logger } from 'pino';
import type { Outbox, WebhookEvent, WebhookPayload } from '../ledger/index.js';
import { DEFAULT_BACKOFF, webhookRetryDelayMs, type BackoffPolicy } from './retry-backoff.js';
import { webhookSecretKey } from './webhook-secret.js';
import { signWebhook } from './webhook-signature.js';
import { AppError } from '../errors/app-error.js';

export interface WebhookDispatcherOptions {
  /** The ledger's outbox (ledger-api.ts Outbox); the ledger itself is one. */
  readonly outbox: Outbox;
  readonly logger: Logger;
  /** The merchant's endpoint; requires `secrets`. */
  readonly url?: string;
  /** whsec_ secrets; every delivery carries one signature per secret (rotation). */
  readonly secrets?: readonly string[];
  /** In-process delivery for library use: the event counts as acknowledged when this resolves. */
  readonly onEvent?: (event: WebhookPayload, meta: { readonly id: string }) => void | Promise<void>;
  readonly fetch?: typeof globalThis.fetch;
  readonly clock?: () => Date;
  readonly random?: () => number;
  /** Per request; 10 s by default. */
  readonly timeoutMs?: number;
  /** Events per pass; 50 by default. */
  readonly batchSize?: number;
  readonly backoff?: BackoffPolicy;
  /** Timer used by start(); returns a cancel function. Defaults to an unref'd setTimeout. */
  readonly schedule?: (run: () => void, ms: number) => () => void;
}

export interface WebhookDispatcher {
  start(intervalMs?: number): void;
  stop(): Promise<void>;
  deliverDue(): Promise<{ delivered: number; failed: number }>;
}

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { outbox, logger, url, onEvent } = options;
  const secrets = options.secrets ?? [];
  if (url !== undefined && secrets.length === 0)
    throw new AppError('invalid_config', 'a webhook url needs a secret to sign with; set WEBHOOK_SECRET');
  // Malformed secrets are refused here, at start-up, not at the first delivery.
  for (const s of secrets) webhookSecretKey(s);
  if (url !== undefined && !/^https?:\/\//.test(url))
    throw new AppError('invalid_config', `webhook url "${url}" must start with http:// or https://`);
  const send = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batchSize = options.batchSize ?? 50;
  const schedule = options.schedule ?? defaultSchedule;

  async function post(event: WebhookEvent): Promise<void> {
    if (url === undefined) return;
    const timestamp = Math.floor(clock().getTime() / 1000);
    const response = await send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signWebhook(secrets, event.id, timestamp, event.payload),
        'user-agent': 'qiwi-pay-webhooks/1',
      },
      body: event.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299)
      throw new Error(`merchant endpoint answered HTTP ${response.status}`);
  }

  async function deliver(event: WebhookEvent): Promise<boolean> {
    const attempt = event.attempts + 1;
    const fields = { eventId: event.id, type: event.type, orderId: event.orderId, attempt };
    try {
      if (onEvent) await onEvent(JSON.parse(event.payload) as WebhookPayload, { id: event.id });
      await post(event);
      await outbox.markWebhookDelivered(event.id, clock().toISOString());
      logger.info(fields, 'webhook delivered');
      return true;
    } catch (error) {
      const reason = describe(error, timeoutMs);
      const next = new Date(
        clock().getTime() + webhookRetryDelayMs(attempt, random, options.backoff ?? DEFAULT_BACKOFF),
      );
      await outbox.markWebhookFailed(event.id, reason, next.toISOString());
      logger.warn(
        { ...fields, error: reason, nextAttemptAt: next.toISOString() },
        'webhook not acknowledged; will retry',
      );
      return false;
    }
  }

  let running: Promise<{ delivered: number; failed: number }> | undefined;

  async function pass(): Promise<{ delivered: number; failed: number }> {
    const due = await outbox.dueWebhooks(clock().toISOString(), batchSize);
    let delivered = 0;
    // One at a time: oldest first, and a slow merchant endpoint is never flooded.
    for (const event of due) if (await deliver(event)) delivered++;
    return { delivered, failed: due.length - delivered };
  }

  function deliverDue(): Promise<{ delivered: number; failed: number }> {
    // Never two passes at once: the same event must not be sent twice concurrently.
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  let cancel: (() => void) | undefined;
  let stopped = true;

  return {
    deliverDue,
    start(intervalMs = 1_000) {
      if (!stopped) return;
      stopped = false;
      const tick = () => {
        deliverDue()
          .catch((error: unknown) =>
            logger.error({ error: describe(error, timeoutMs) }, 'webhook pass failed'),
          )
          .finally(() => {
            if (!stopped) cancel = schedule(tick, intervalMs);
          });
      };
      cancel = schedule(tick, 0);
    },
    async stop() {
      stopped = true;
      cancel?.();
      await running?.catch(() => undefined);
    },
  };
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  const text = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return (text + cause).slice(0, 500);
}
