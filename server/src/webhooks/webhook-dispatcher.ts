// Delivers the webhook outbox: events are queued in the ledger in the same transaction as the status
// change that caused them, and this loop sends each to every merchant endpoint until each acknowledges
// (at-least-once; the merchant deduplicates by the webhook-id header). A 2xx answer acknowledges;
// anything else, a redirect or a timeout schedules a retry with capped, jittered backoff
// (retry-backoff.ts) — to the endpoints that have not acknowledged — until `maxAttempts`, when the
// event becomes `dead` (an admin may queue it again).
//
// Several instances share the outbox: an instance claims due events for a lease (the ledger hands a
// claimed event to no one else until it lapses), so one instance at a time delivers an event, and a
// killed instance's events are retried by another after the lease. Events are delivered concurrently,
// at most `concurrencyPerEndpoint` requests per endpoint: a hanging endpoint stalls only itself.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Outbox, WebhookAttempt, WebhookEvent, WebhookPayload } from '../ledger/index.js';
import { createEndpointLimiter } from './endpoint-limiter.js';
import { DEFAULT_BACKOFF, webhookRetryDelayMs, type BackoffPolicy } from './retry-backoff.js';
import { webhookSecretKey } from './webhook-secret.js';
import { signWebhook } from './webhook-signature.js';
import { AppError } from '../errors/app-error.js';

/** The endpoint name of in-process delivery (onEvent) in attempt records. */
export const IN_PROCESS_ENDPOINT = 'in-process';

export interface WebhookDispatcherOptions {
  /** The ledger's outbox (ledger-api.ts Outbox); the ledger itself is one. */
  readonly outbox: Outbox;
  readonly logger: Logger;
  /** The merchant's endpoint; requires `secrets`. */
  readonly url?: string;
  /** Several endpoints, each receiving every event; requires `secrets`. */
  readonly urls?: readonly string[];
  /** whsec_ secrets; every delivery carries one signature per secret (rotation). */
  readonly secrets?: readonly string[];
  /** In-process delivery for library use: the event counts as acknowledged when this resolves. */
  readonly onEvent?: (event: WebhookPayload, meta: { readonly id: string }) => void | Promise<void>;
  readonly fetch?: typeof globalThis.fetch;
  readonly clock?: () => Date;
  readonly random?: () => number;
  /** Per request; 10 s by default. */
  readonly timeoutMs?: number;
  /** Events in flight at once (per pass, and in the background loop); 50 by default. */
  readonly batchSize?: number;
  /** Requests in flight per endpoint; 4 by default. */
  readonly concurrencyPerEndpoint?: number;
  /** Attempts before an event is dead; 12 by default. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  /** How long a claim holds; by default long enough for every claimed event to wait for its slot. */
  readonly leaseMs?: number;
  /** Names this instance in claims and attempt records; hostname:pid by default. */
  readonly instance?: string;
  /** Timer used by start(); returns a cancel function. Defaults to an unref'd setTimeout. */
  readonly schedule?: (run: () => void, ms: number) => () => void;
}

export interface WebhookDispatcher {
  /** Claims due events every `intervalMs` and delivers them without waiting for earlier ones. */
  start(intervalMs?: number): void;
  /** Stops claiming and waits for the deliveries in flight. */
  stop(): Promise<void>;
  /** Claims the due events and delivers them all (tests, "deliver now"). */
  deliverDue(): Promise<{ delivered: number; failed: number }>;
}

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { outbox, logger, onEvent } = options;
  const urls = [...(options.urls ?? []), ...(options.url !== undefined ? [options.url] : [])];
  const secrets = options.secrets ?? [];
  if (urls.length > 0 && secrets.length === 0)
    throw new AppError('invalid_config', 'a webhook url needs a secret to sign with; set WEBHOOK_SECRET');
  // Malformed secrets are refused here, at start-up, not at the first delivery.
  for (const s of secrets) webhookSecretKey(s);
  for (const url of urls)
    if (!/^https?:\/\//.test(url))
      throw new AppError('invalid_config', `webhook url "${url}" must start with http:// or https://`);
  const endpoints = [...(onEvent ? [IN_PROCESS_ENDPOINT] : []), ...urls];
  const send = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batchSize = options.batchSize ?? 50;
  const perEndpoint = options.concurrencyPerEndpoint ?? 4;
  const maxAttempts = options.maxAttempts ?? 12;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  // A claimed event may queue behind every other claimed event for its endpoint's slots.
  const leaseMs = options.leaseMs ?? (Math.ceil(batchSize / perEndpoint) + 1) * timeoutMs + 5_000;
  const instance = options.instance ?? `${hostname()}:${process.pid}`;
  const schedule = options.schedule ?? defaultSchedule;
  const limiter = createEndpointLimiter(perEndpoint);

  async function post(url: string, event: WebhookEvent): Promise<number> {
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
      throw Object.assign(new Error(`merchant endpoint answered HTTP ${response.status}`), {
        httpStatus: response.status,
      });
    return response.status;
  }

  async function attempt(endpoint: string, event: WebhookEvent): Promise<WebhookAttempt> {
    return limiter.run(endpoint, async () => {
      const started = Date.now();
      const at = clock().toISOString();
      const record = { eventId: event.id, endpoint, at, instance };
      try {
        let status: number | undefined;
        if (endpoint === IN_PROCESS_ENDPOINT && onEvent)
          await onEvent(JSON.parse(event.payload) as WebhookPayload, { id: event.id });
        else status = await post(endpoint, event);
        return { ...record, status, durationMs: Date.now() - started, error: undefined };
      } catch (error) {
        const status = (error as { httpStatus?: number }).httpStatus;
        return { ...record, status, durationMs: Date.now() - started, error: describe(error, timeoutMs) };
      }
    });
  }

  async function deliver(event: WebhookEvent): Promise<boolean> {
    const attemptNo = event.attempts + 1;
    const fields = { eventId: event.id, type: event.type, orderId: event.orderId, attempt: attemptNo };
    const targets = endpoints.filter((e) => !event.deliveredTo.includes(e));
    const attempts = await Promise.all(targets.map((endpoint) => attempt(endpoint, event)));
    const failure = attempts.find((a) => a.error !== undefined);
    if (!failure) {
      await outbox.settleWebhook(event.id, { kind: 'delivered', at: clock().toISOString() }, attempts);
      logger.info(fields, 'webhook delivered');
      return true;
    }
    const deliveredTo = [
      ...event.deliveredTo,
      ...attempts.filter((a) => a.error === undefined).map((a) => a.endpoint),
    ];
    const dead = attemptNo >= maxAttempts;
    const next = dead
      ? clock()
      : new Date(clock().getTime() + webhookRetryDelayMs(attemptNo, random, backoff));
    const error = failure.error ?? 'not acknowledged';
    await outbox.settleWebhook(
      event.id,
      {
        kind: dead ? 'dead' : 'retry',
        error,
        endpoint: failure.endpoint,
        nextAttemptAt: next.toISOString(),
        deliveredTo,
      },
      attempts,
    );
    if (dead)
      logger.error(
        { ...fields, error, endpoint: failure.endpoint },
        'webhook not acknowledged after the last attempt; it is dead until redelivered',
      );
    else
      logger.warn(
        { ...fields, error, endpoint: failure.endpoint, nextAttemptAt: next.toISOString() },
        'webhook not acknowledged; will retry',
      );
    return false;
  }

  const inFlight = new Set<Promise<boolean>>();
  function launch(event: WebhookEvent): Promise<boolean> {
    const run = deliver(event).catch((error: unknown) => {
      // The claim lapses and the event is tried again; nothing is lost.
      logger.error({ eventId: event.id, error: describe(error, timeoutMs) }, 'webhook delivery failed');
      return false;
    });
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  }

  async function claim(limit: number): Promise<WebhookEvent[]> {
    if (limit <= 0 || endpoints.length === 0) return [];
    const now = clock();
    return outbox.claimWebhooks(
      now.toISOString(),
      limit,
      new Date(now.getTime() + leaseMs).toISOString(),
      instance,
    );
  }

  let running: Promise<{ delivered: number; failed: number }> | undefined;
  async function pass(): Promise<{ delivered: number; failed: number }> {
    const due = await claim(batchSize);
    const results = await Promise.all(due.map(launch));
    const delivered = results.filter(Boolean).length;
    return { delivered, failed: due.length - delivered };
  }

  function deliverDue(): Promise<{ delivered: number; failed: number }> {
    // Concurrent callers join one pass.
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
        // New events are claimed while earlier ones are still in flight (a hanging endpoint among them).
        claim(batchSize - inFlight.size)
          .then((due) => due.forEach(launch))
          .catch((error: unknown) =>
            logger.error({ error: describe(error, timeoutMs) }, 'webhook claim failed'),
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
      await Promise.all([...inFlight]);
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
