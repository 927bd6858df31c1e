// createApp(deps) builds the Express application and never listens (house style 4): main.ts listens,
// tests boot it on port 0, merchants may mount it inside their own server.

import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { adminRoutes } from './admin/admin-routes.js';
import type { Catalog } from './checkout/catalog.js';
import { checkoutRoutes } from './checkout/checkout-routes.js';
import { createOrderTokenVerifier } from './checkout/order-token.js';
import { createStatusTokens } from './checkout/status-token.js';
import type { Config } from './config/config.js';
import { errorMiddleware, notFound } from './http/http-error.js';
import { accessLog, corsFor, publicRateLimit, requestId, securityHeaders } from './http/security.js';
import { orderRoutes } from './orders/order-routes.js';
import type { QiwiClient } from './qiwi/index.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  readonly config: Config;
  readonly store: Store;
  readonly qiwi: QiwiClient;
  readonly logger: Logger;
  /** The handler for POST /v1/notifications/qiwi; it receives the raw body as a Buffer. */
  readonly notifications: RequestHandler;
  readonly catalog?: Catalog;
  readonly clock?: () => Date;
  /** Runs one reconciliation pass now (admin "reconcile now"). */
  readonly reconcile?: () => Promise<unknown>;
  /** Whether the app is ready to take traffic (GET /readyz). */
  readonly ready?: () => Promise<boolean>;
}

export function createApp(deps: AppDeps): express.Express {
  const { config, store, qiwi, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const statusTokens = createStatusTokens(config.statusTokenSecret);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestId(), accessLog(logger), securityHeaders());
  // Every route lives under BASE_PATH (config/base-path.ts), health checks included.
  const api = express.Router();
  app.use(config.basePath || '/', api);

  api.get('/healthz', (_req, res) => void res.json({ ok: true }));
  api.get('/readyz', async (_req, res) => {
    const ready = deps.ready ? await deps.ready() : true;
    res.status(ready ? 200 : 503).json({ ready });
  });

  // QIWI posts form bodies whose signature covers the exact bytes: keep them raw (pull §9.3).
  api.post('/v1/notifications/qiwi', express.raw({ type: () => true, limit: '64kb' }), deps.notifications);

  const widgetFacing = [
    corsFor(config.allowedOrigins, logger),
    publicRateLimit(config.rateLimitPerMinute),
    express.json({ limit: '16kb' }),
  ];
  api.use('/v1/checkout', ...widgetFacing);
  api.use('/v1/orders', ...widgetFacing);
  api.use(
    checkoutRoutes({
      config,
      store,
      qiwi,
      clock,
      statusTokens,
      catalog: deps.catalog,
      orderTokens: createOrderTokenVerifier({ ...config.orderToken, now: clock }),
    }),
  );
  api.use(
    orderRoutes({ store, qiwi, logger, clock, statusTokens, staleAfterMs: config.statusStaleSeconds * 1000 }),
  );

  api.use('/v1/admin', express.json({ limit: '16kb' }));
  api.use(
    adminRoutes({
      store,
      qiwi,
      logger,
      clock,
      adminToken: config.adminToken,
      ...(deps.reconcile ? { reconcile: deps.reconcile } : {}),
    }),
  );

  app.use(() => notFound());
  app.use(errorMiddleware(logger));
  return app;
}
