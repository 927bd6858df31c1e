// createApp(deps) builds the Express application and never listens (house style 4): main.ts listens,
// tests boot it on port 0, merchants may mount it inside their own server.

import express from 'express';
import type { Logger } from 'pino';
import { adminRoutes } from './admin/admin-routes.js';
import type { Catalog } from './checkout/catalog.js';
import { checkoutRoutes } from './checkout/checkout-routes.js';
import { createOrderTokenVerifier } from './checkout/order-token.js';
import { createStatusTokens } from './checkout/status-token.js';
import type { Config } from './config/config.js';
import { builtDashboardDir, dashboardStatic } from './dashboard/dashboard-static.js';
import { createDashboardSessions } from './dashboard/dashboard-sessions.js';
import { dashboardSessionAuth } from './dashboard/session-auth.js';
import { sessionRoutes } from './dashboard/session-routes.js';
import { createSessionCodec } from './dashboard/session-token.js';
import { errorMiddleware, notFound } from './http/http-error.js';
import {
  accessLog,
  corsFor,
  noStore,
  proxyHint,
  publicRateLimit,
  requestId,
  securityHeaders,
} from './http/security.js';
import { orderRoutes } from './orders/order-routes.js';
import type { QiwiClient, QiwiProtocol } from './qiwi/index.js';
import type { Ledger } from './ledger/index.js';
import { notificationRoutes } from './notifications/index.js';

export interface AppDeps {
  readonly config: Config;
  readonly ledger: Ledger;
  readonly qiwi: QiwiClient;
  /** The QIWI protocol chosen at wiring (runtime.ts protocolFor). */
  readonly protocol: QiwiProtocol;
  readonly logger: Logger;
  readonly catalog?: Catalog;
  readonly clock?: () => Date;
  /** Runs one reconciliation pass now (admin "reconcile now"). */
  readonly reconcile?: () => Promise<unknown>;
  /** Whether the app is ready to take traffic (GET /readyz). */
  readonly ready?: () => Promise<boolean>;
  /** The dashboard's built files; the copy inside this package's dist when absent. */
  readonly dashboardDir?: string;
}

export function createApp(deps: AppDeps): express.Express {
  const { config, ledger, qiwi, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const statusTokens = createStatusTokens(config.statusTokenSecret);
  const app = express();
  app.disable('x-powered-by');
  // TRUST_PROXY (config/traffic.ts): req.ip is then the client the proxy saw, for limits and logs.
  app.set('trust proxy', config.traffic.trustProxy);
  // No client of this API revalidates, and hashing every answer for an ETag costs CPU on each one.
  app.set('etag', false);
  app.use(requestId(), accessLog(logger), securityHeaders(), proxyHint(config.traffic.trustProxy, logger));
  // Every route lives under BASE_PATH (config/base-path.ts), health checks included.
  const api = express.Router();
  app.use(config.basePath || '/', api);

  api.get('/healthz', (_req, res) => void res.json({ ok: true }));
  api.get('/readyz', async (_req, res) => {
    const ready = deps.ready ? await deps.ready() : true;
    res.status(ready ? 200 : 503).json({ ready });
  });

  const notifications = notificationRoutes({
    ledger,
    protocol: deps.protocol,
    logger,
    clock,
    rejectsPerMinute: config.traffic.notificationRejectsPerMinute,
    sourceNetworks: config.traffic.notificationSources,
  });
  api.use(notifications);

  // Separate budgets: a buyer's widget polls status several times per checkout (≈ 7 requests in 30 s).
  // Only the checkout has a body: status reads are GETs.
  const cors = corsFor(config.allowedOrigins, logger);
  api.use(
    '/v1/checkout',
    cors,
    publicRateLimit(config.traffic.checkoutPerMinute, 'checkouts'),
    express.json({ limit: '16kb' }),
  );
  api.use('/v1/orders', cors, noStore(), publicRateLimit(config.traffic.statusPerMinute, 'status requests'));
  api.use(
    checkoutRoutes({
      config,
      protocol: deps.protocol,
      ledger,
      qiwi,
      clock,
      statusTokens,
      catalog: deps.catalog,
      orderTokens: createOrderTokenVerifier({ ...config.orderToken, now: clock }),
    }),
  );
  api.use(
    orderRoutes({
      ledger,
      qiwi,
      logger,
      clock,
      statusTokens,
      staleAfterMs: config.statusStaleSeconds * 1000,
    }),
  );

  api.use('/v1/admin', noStore(), express.json({ limit: '16kb' }));
  const sessions = createDashboardSessions({
    codec: createSessionCodec({
      secret: config.dashboard.sessionSecret,
      absoluteMs: config.dashboard.sessionHours * 3_600_000,
      idleMs: config.dashboard.idleMinutes * 60_000,
      now: clock,
    }),
    basePath: config.basePath,
    alwaysSecure: config.dashboard.cookieAlwaysSecure,
  });
  api.use(sessionRoutes({ adminToken: config.adminToken, sessions, signInsPerMinute: 10 }));
  api.use('/v1/admin', dashboardSessionAuth(sessions));
  api.use(dashboardStatic({ dir: deps.dashboardDir ?? builtDashboardDir(), basePath: config.basePath }));
  api.use(
    adminRoutes({
      ledger,
      qiwi,
      logger,
      clock,
      adminToken: config.adminToken,
      edgeRefusals: notifications.refusals,
      ...(deps.reconcile ? { reconcile: deps.reconcile } : {}),
    }),
  );

  app.use(() => notFound());
  app.use(errorMiddleware(logger));
  return app;
}
