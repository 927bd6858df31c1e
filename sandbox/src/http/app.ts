import express, { type ErrorRequestHandler, type Express } from 'express';
import type { SandboxContext } from '../context.js';
import { billRest } from './bill-rest.js';
import { billsPage } from './bills-page.js';
import { registerBillPayform } from './bill-payform.js';
import { registerCheckout } from './checkout-routes.js';
import { controlApi, type ControlHooks } from './control-api.js';
import { controlGuard, type ControlAccess } from './control-guard.js';
import { STYLESHEET, STYLESHEET_PATH } from './html.js';
import { pullRest } from './pull-rest.js';
import { registerPullWebform } from './pull-webform.js';
import { restFaults } from './rest-faults.js';

// Every QIWI path of both specs on one origin (pull §3 "Emulator rule", bill §3), plus /__sandbox/.

export function createApp(ctx: SandboxContext, hooks: ControlHooks, access: ControlAccess): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The hosted pages' stylesheet is public; everything else under /__sandbox/ is guarded.
  app.get(STYLESHEET_PATH, (_req, res) => {
    res.type('text/css').setHeader('Cache-Control', 'no-cache').send(STYLESHEET);
  });
  app.use('/__sandbox', controlGuard(access), controlApi(ctx, hooks));
  // Raw bodies for everything QIWI-shaped: the form decoding rules of pull §4.2 are applied by hand.
  app.use(express.raw({ type: () => true, limit: '256kb' }));
  app.use('/api', restFaults(ctx));
  app.use('/api/v3/prv/bills', billRest(ctx));
  app.use('/api/v2/prv/bills', billRest(ctx));
  app.use('/api/v2/prv', pullRest(ctx));
  registerPullWebform(app, ctx);
  registerBillPayform(app, ctx);
  registerCheckout(app, ctx, billsPage(ctx, access));
  // pull §5.6: unknown paths answer 404 with an empty body.
  app.use((_req, res) => {
    res.status(404).end();
  });
  const onError: ErrorRequestHandler = (error: { status?: number; type?: string }, req, res, _next) => {
    const status =
      typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) ctx.log(`internal error on ${req.method} ${req.originalUrl}: ${String(error)}`);
    if (req.path.startsWith('/__sandbox')) {
      res.status(status).json({
        error: {
          code: error.type ?? 'ERROR',
          message: status === 500 ? 'Internal error' : 'Bad request body: send valid JSON.',
        },
      });
      return;
    }
    res.status(status).end();
  };
  app.use(onError);
  return app;
}
