// Wires one running backend from a configuration: logger, ledger, QIWI client, notification intake,
// merchant webhooks, reconciler and the app. main.ts and the CLI use it; tests and merchants who
// embed the server can too.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { loadCatalog } from './checkout/catalog.js';
import { secretsOf, type Config } from './config/config.js';
import { createLogger } from './http/logger.js';
import {
  assertNever,
  billProtocol,
  createQiwiClient,
  pullProtocol,
  type QiwiClient,
  type QiwiProtocol,
} from './qiwi/index.js';
import { createReconciler } from './reconciler/index.js';
import type { Ledger } from './ledger/index.js';
import { openLedger } from './store/open-repository.js';
import { createWebhookDispatcher, type WebhookEventPayload } from './webhooks/index.js';

export interface RuntimeOptions {
  readonly clock?: () => Date;
  /** Where log lines go (tests collect them to prove no secret is printed). */
  readonly logDestination?: { write(line: string): void };
  /** In-process callback for merchant events, when the server is used as a library. */
  readonly onEvent?: (event: WebhookEventPayload, meta: { readonly id: string }) => void | Promise<void>;
  /** The SQLite ledger's writer-thread module (tests give one that crashes). */
  readonly ledgerWriterUrl?: URL;
}

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly ledger: Ledger;
  readonly qiwi: QiwiClient;
  readonly app: ReturnType<typeof createApp>;
  /** Listens on config.host:config.port (0 = any free port) and starts the background workers. */
  listen(): Promise<{ url: string; server: Server }>;
  /** Stops taking requests, lets those in flight finish, stops the workers, closes the ledger. */
  close(): Promise<void>;
}

/** The one place a protocol object is chosen: everything protocol-specific goes through it. */
export function protocolFor(config: Config): QiwiProtocol {
  const q = config.qiwi;
  const pages = {
    webformUrl: config.urls.webform,
    checkoutUrl: config.urls.checkout,
    webformSigned: config.webformSigned,
  };
  switch (q.protocol) {
    case 'pull':
      return pullProtocol({
        ...pages,
        prvId: q.prvId,
        apiId: q.apiId,
        apiPassword: q.apiPassword,
        prvName: q.prvName,
        notificationPassword: q.notificationPassword,
        notificationAuth: q.notificationAuth,
        checkoutVariant: config.urls.checkoutVariant,
      });
    case 'bill':
      return billProtocol({
        ...pages,
        prvId: q.prvId,
        apiId: q.apiId,
        apiSecret: q.apiSecret,
        publicKey: q.publicKey,
      });
    default:
      return assertNever(q, 'protocol');
  }
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const clock = options.clock ?? (() => new Date());
  const logger = createLogger({
    level: config.logLevel,
    secrets: secretsOf(config),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const catalog = config.catalogFile ? loadCatalog(config.catalogFile) : undefined;
  // The composition root picks the adapter; everything else sees the ledger.
  let ledgerStopped = false;
  const ledger = await openLedger(config.databaseUrl ?? config.databasePath, {
    poolSize: config.databasePoolSize,
    clock,
    rejectedRetention: config.traffic.rejectedRetention,
    ...(options.ledgerWriterUrl ? { writerUrl: options.ledgerWriterUrl } : {}),
    // Every write is refused from then on (notifications answered 13, so QIWI retries): say so once,
    // and /readyz turns 503 so a load balancer or supervisor takes this instance out and restarts it.
    onWriterStopped: (error) => {
      ledgerStopped = true;
      logger.fatal({ err: error.message }, 'the ledger can no longer write; restart the server');
    },
  });
  const protocol = protocolFor(config);
  const qiwi = createQiwiClient({
    rest: protocol.rest,
    baseUrl: config.urls.api,
    timeoutMs: config.qiwiTimeoutMs,
    now: clock,
    onAttempt: (e: object) => logger.debug(e, 'qiwi request'),
  });
  const webhooks =
    config.webhook || options.onEvent
      ? createWebhookDispatcher({
          outbox: ledger,
          logger,
          clock,
          ...(config.webhook ? { urls: config.webhook.urls, secrets: config.webhook.secrets } : {}),
          timeoutMs: config.webhookDelivery.timeoutMs,
          concurrencyPerEndpoint: config.webhookDelivery.concurrencyPerEndpoint,
          maxAttempts: config.webhookDelivery.maxAttempts,
          backoff: { baseMs: config.webhookDelivery.retryBaseMs, capMs: config.webhookDelivery.retryCapMs },
          ...(config.instanceId ? { instance: config.instanceId } : {}),
          ...(config.webhookDelivery.leaseMs ? { leaseMs: config.webhookDelivery.leaseMs } : {}),
          ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        })
      : undefined;
  const reconciler = createReconciler({
    ledger,
    qiwi,
    logger,
    clock,
    intervalMs: config.reconcileIntervalSeconds * 1000,
    staleAfterMs: config.reconcileStaleSeconds * 1000,
  });
  let closing = false;
  const app = createApp({
    config,
    ledger,
    qiwi,
    logger,
    clock,
    ...(catalog ? { catalog } : {}),
    protocol,
    reconcile: () => reconciler.runOnce(),
    ready: async () => !closing && !ledgerStopped,
  });
  let server: Server | undefined;

  return {
    config,
    logger,
    ledger,
    qiwi,
    app,
    async listen() {
      server = createServer(app);
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(config.port, config.host, () => resolve());
      });
      if (config.reconcileIntervalSeconds > 0) reconciler.start();
      webhooks?.start();
      const { port } = server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      return { url: `http://${host}:${port}`, server };
    },
    async close() {
      closing = true;
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeIdleConnections();
          // Requests still running after 10 s are cut: a stuck client must not hold a deploy forever.
          setTimeout(() => s.closeAllConnections(), 10_000).unref();
        });
      }
      await reconciler.stop();
      await webhooks?.stop();
      await ledger.close();
    },
  };
}
